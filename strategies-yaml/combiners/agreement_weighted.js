// Example JavaScript combiner: a weighted average of the strategies' alphas that is scaled by how much
// they agree in sign. combine(input, out, params) fills out.combined[symbol] and
// out.contributions[strategy][symbol]; the contributions must sum to the combined alpha.
export const id = 'agreement_weighted_js';
export const kind = 'combiner';
export const description = 'Weighted mean of alphas, shrunk when the strategies disagree in sign.';
export const params = {
  min_agreement: {type: 'double', default: 0.0, min: 0.0, max: 1.0, description: 'below this agreement the view is 0'},
};

export function combine(input, out, params) {
  const k = input.strategyIds.length;
  const n = input.symbols.length;
  for (let s = 0; s < n; s++) {
    let wsum = 0, sum = 0, pos = 0, neg = 0;
    for (let j = 0; j < k; j++) {
      const a = input.alpha[j][s];
      if (a !== a) continue; // NaN: no view
      wsum += input.weights[j];
      sum += input.weights[j] * a;
      if (a > 0) pos += input.weights[j]; else if (a < 0) neg += input.weights[j];
    }
    if (wsum === 0) continue; // nobody has a view: combined stays NaN
    const agreement = Math.abs(pos - neg) / wsum;
    const scale = agreement < params.min_agreement ? 0 : agreement;
    let combined = 0;
    for (let j = 0; j < k; j++) {
      const a = input.alpha[j][s];
      const c = a !== a ? 0 : input.weights[j] * a / wsum * scale;
      out.contributions[j][s] = c;
      combined += c;
    }
    out.combined[s] = Math.max(-1, Math.min(1, combined));
  }
}
