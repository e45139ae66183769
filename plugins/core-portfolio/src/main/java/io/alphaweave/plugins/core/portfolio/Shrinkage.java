package io.alphaweave.plugins.core.portfolio;

/**
 * Covariance shrinkage toward the diagonal: Σ* = (1 − δ) S + δ diag(S), i.e. the correlations are
 * shrunk toward 0 and every variance is kept (so δ = 1 turns equal risk contribution into inverse
 * volatility). The automatic intensity is the Oracle Approximating Shrinkage estimate (Chen, Wiesel,
 * Eldar &amp; Hero 2010; a Ledoit-Wolf-style estimator computed from the sample matrix and the sample
 * size alone) applied to the correlation matrix R with p assets and T returns:
 * δ = min(1, ((1 − 2/p) tr(R²) + p²) / ((T + 1 − 2/p)(tr(R²) − p))).
 */
final class Shrinkage {
    private Shrinkage() {}

    /** The OAS intensity for the correlation matrix of {@code cov} estimated from {@code samples} returns. */
    static double oasIntensity(double[][] cov, int samples) {
        int p = cov.length;
        if (p < 2) {
            return 0.0;
        }
        double trR2 = 0;
        for (int i = 0; i < p; i++) {
            double[] row = cov[i];
            double sii = row[i];
            for (int j = 0; j < p; j++) {
                trR2 += row[j] * row[j] / (sii * cov[j][j]);
            }
        }
        double spread = trR2 - p;
        if (!(spread > 0)) {
            return 0.0; // already diagonal: nothing to shrink
        }
        double delta = ((1 - 2.0 / p) * trR2 + (double) p * p) / ((samples + 1 - 2.0 / p) * spread);
        return Math.min(1.0, Math.max(0.0, delta));
    }

    /** Shrinks the off-diagonal entries in place by the factor (1 − δ). */
    static void shrinkInPlace(double[][] cov, double delta) {
        if (delta == 0) {
            return;
        }
        double keep = 1 - delta;
        for (int i = 0; i < cov.length; i++) {
            double[] row = cov[i];
            for (int j = 0; j < row.length; j++) {
                if (i != j) {
                    row[j] *= keep;
                }
            }
        }
    }
}
