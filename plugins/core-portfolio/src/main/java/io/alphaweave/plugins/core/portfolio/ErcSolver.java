package io.alphaweave.plugins.core.portfolio;

/**
 * Risk budgeting (equal risk contribution when all budgets are equal) by cyclical coordinate descent
 * on the log-barrier form: minimise ½ yᵀΣy − Σ b_i ln y_i over y &gt; 0. The optimum has
 * y_i (Σy)_i = b_i — each asset's risk contribution equals its budget — and w = y / Σ y. Each
 * coordinate step is the positive root of σ_ii y² + c_i y − b_i = 0 with c_i = Σ_{j≠i} σ_ij y_j;
 * Σy is updated in O(n), so a sweep costs O(n²). Converges for any positive-definite Σ.
 */
final class ErcSolver {
    private ErcSolver() {}

    /** The result: weights summing to 1, the sweeps used and the final relative budget error. */
    record Solution(double[] weights, int sweeps, double error) {}

    /**
     * @param cov positive-definite covariance, n × n; not modified
     * @param budgets risk budgets b_i &gt; 0 summing to 1
     * @param start a starting point y &gt; 0 (e.g. the previous rebalance's weights), or null for
     *     inverse volatility
     * @param tolerance stop when max_i |y_i (Σy)_i − b_i| / b_i ≤ tolerance
     * @param maxSweeps most sweeps
     */
    static Solution solve(double[][] cov, double[] budgets, double[] start, double tolerance, int maxSweeps) {
        int n = cov.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = start == null ? Math.sqrt(budgets[i] / cov[i][i]) : start[i];
        }
        // scale the start so that yᵀΣy = Σ b = 1, which holds at the optimum
        double[] g = multiply(cov, y);
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += y[i] * g[i];
        }
        double s = 1.0 / Math.sqrt(q);
        for (int i = 0; i < n; i++) {
            y[i] *= s;
            g[i] *= s;
        }
        double error = Double.POSITIVE_INFINITY;
        int sweep = 0;
        while (sweep < maxSweeps) {
            sweep++;
            for (int i = 0; i < n; i++) {
                double[] row = cov[i];
                double sii = row[i];
                double c = g[i] - sii * y[i];
                double disc = Math.sqrt(c * c + 4 * sii * budgets[i]);
                // the two algebraically equal roots; pick the one without cancellation
                double next = c >= 0 ? 2 * budgets[i] / (c + disc) : (disc - c) / (2 * sii);
                double delta = next - y[i];
                if (delta != 0) {
                    for (int j = 0; j < n; j++) {
                        g[j] += row[j] * delta;
                    }
                    y[i] = next;
                }
            }
            error = 0;
            for (int i = 0; i < n; i++) {
                error = Math.max(error, Math.abs(y[i] * g[i] - budgets[i]) / budgets[i]);
            }
            if (error <= tolerance) {
                break;
            }
        }
        double sum = 0;
        for (double v : y) {
            sum += v;
        }
        for (int i = 0; i < n; i++) {
            y[i] /= sum;
        }
        return new Solution(y, sweep, error);
    }

    static double[] multiply(double[][] m, double[] x) {
        int n = x.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = m[i];
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += row[j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }
}
