// Example JavaScript allocator: weight ∝ alpha / trailing volatility, scaled to the gross leverage;
// negative weights are dropped in a long-only book. allocate(ctx, weights, params) fills weights.
export const id = 'inverse_vol_alpha_js';
export const kind = 'allocator';
export const description = 'Alpha over trailing volatility, scaled to the gross leverage.';
export const params = {
  vol_window: {type: 'int', default: 20, min: 2, max: 500, description: 'returns in the trailing volatility'},
};

export function allocate(ctx, weights, params) {
  const n = ctx.symbols.length;
  let gross = 0;
  for (let s = 0; s < n; s++) {
    const a = ctx.combinedAlpha[s], v = ctx.volatility[s];
    let w = a === a && v === v && v > 0 ? a / v : 0;
    if (ctx.longOnly && w < 0) w = 0;
    weights[s] = w;
    gross += Math.abs(w);
  }
  if (gross === 0) return;
  for (let s = 0; s < n; s++) weights[s] = weights[s] / gross * ctx.grossLeverage;
}
