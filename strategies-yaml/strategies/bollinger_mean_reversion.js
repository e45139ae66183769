// JavaScript-module port of the bollinger_mean_reversion plugin strategy (same alphas to 1e-12).
// The host computes the indicators in Java and calls alpha(i, series, params) for every bar whose
// indicators are warmed up; series.<name>[i] is the value at bar i of the symbol's own bars.
export const id = 'bollinger_mean_reversion_js';
export const kind = 'strategy';
export const version = '1.0.0';
export const description = 'Mean reversion inside Bollinger bands (JavaScript module port).';
export const horizon_days = 5;
export const params = {
  window: {type: 'int', default: 20, min: 2, max: 1000, description: 'SMA and sigma look-back in bars'},
  k: {type: 'double', default: 2.0, min: 0.1, max: 10.0, description: 'band half-width in population sigmas'},
  legacy_threshold: {type: 'double', default: 0.5, min: 0.0, max: 0.99, description: '|alpha| beyond which legacy signals trade'},
};
export const indicators = {
  bb: {fn: 'bollinger', window: '$window', k: '$k'},
};

export function alpha(i, s, p) {
  const mid = s.bb_middle[i];
  const half = s.bb_upper[i] - mid;
  if (!(half > 0)) {
    return 0.0;
  }
  const a = -(s.close[i] - mid) / half;
  return a > 1 ? 1 : a < -1 ? -1 : a;
}
