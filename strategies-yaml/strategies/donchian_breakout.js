// Donchian channel breakout (the Turtle rule) written as a plain look-back loop: the script scans the
// previous n bars itself instead of asking the host for an indicator. Alpha is where today's close
// sits in the channel of the previous n highs and lows, from -1 (at the low) to +1 (at the high);
// closes beyond the channel are clamped. Also a determinism fixture: validation must give the same
// verdict on every run (DeterministicSandboxTest).
export const id = 'donchian_breakout_js';
export const kind = 'strategy';
export const version = '1.0.0';
export const description = 'Donchian channel breakout: the close against the previous n-bar high/low, by a look-back loop.';
export const horizon_days = 5;
export const params = {
  n: {type: 'int', default: 55, min: 2, max: 250, description: 'channel look-back in bars (the bar itself excluded)'},
  legacy_threshold: {type: 'double', default: 0.5, min: 0.0, max: 0.99, description: '|alpha| beyond which legacy signals trade'},
};

export function alpha(i, s, p) {
  const n = p.n;
  if (i < n) {
    return null;
  }
  let hi = -Infinity;
  let lo = Infinity;
  for (let j = i - n; j < i; j++) {
    if (s.high[j] > hi) hi = s.high[j];
    if (s.low[j] < lo) lo = s.low[j];
  }
  const width = hi - lo;
  if (!(width > 0)) {
    return 0.0;
  }
  return clamp((2 * (s.close[i] - lo)) / width - 1, -1, 1);
}
