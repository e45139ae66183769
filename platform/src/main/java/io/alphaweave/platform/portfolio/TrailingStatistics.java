package io.alphaweave.platform.portfolio;

import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.MarketView;

/**
 * Trailing return statistics from closes up to and including a decision day. A return on day d is
 * close[d] / (the symbol's previous close before d) − 1; it exists only where the symbol has a bar
 * on d and an earlier one.
 */
final class TrailingStatistics {
    private TrailingStatistics() {}

    /**
     * σ (ddof = 1) of the last {@code window} returns of the symbol's own bars (gaps removed) dated on
     * or before {@code day}; NaN when fewer exist.
     */
    static double volatility(MarketView data, int symbol, int day, int window) {
        double[] close = data.close(symbol);
        double[] r = new double[window];
        int filled = 0;
        int d = day;
        double later = Double.NaN;
        // walk back over the symbol's own bars collecting window returns, newest first
        while (d >= 0 && filled < window) {
            double c = close[d];
            if (!Double.isNaN(c)) {
                if (!Double.isNaN(later)) {
                    r[filled++] = later / c - 1.0;
                }
                later = c;
            }
            d--;
        }
        if (filled < window) {
            return Double.NaN;
        }
        double mean = 0;
        for (double x : r) {
            mean += x;
        }
        mean /= window;
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (window - 1));
    }

    /**
     * Calendar-aligned returns of the given symbols on days day−window+1 .. day, a missing return as
     * 0; row per symbol.
     */
    static double[][] returns(MarketView data, int[] symbols, int day, int window) {
        if (window < 2) {
            throw new InvalidParameterException("window must be ≥ 2, was " + window);
        }
        if (day < window) {
            throw new InvalidParameterException("window must be ≤ the decision day's index (" + day + ") so that "
                    + window + " returns end at " + data.date(day) + ", was " + window);
        }
        int start = day - window + 1;
        double[][] rows = new double[symbols.length][window];
        for (int k = 0; k < symbols.length; k++) {
            double[] close = data.close(symbols[k]);
            double prev = Double.NaN;
            // the previous close may lie before the window when the symbol has a gap there
            for (int d = start - 1; d >= 0 && Double.isNaN(prev); d--) {
                prev = close[d];
            }
            double[] row = rows[k];
            for (int d = start; d <= day; d++) {
                double c = close[d];
                if (!Double.isNaN(c)) {
                    row[d - start] = Double.isNaN(prev) ? 0.0 : c / prev - 1.0;
                    prev = c;
                }
            }
        }
        return rows;
    }

    /**
     * Sample covariance (ddof = 1) of the rows (one variable per row). Symmetric; computed on the
     * centred rows two pairs at a time so a 500 × 252 panel takes milliseconds.
     */
    static double[][] covariance(double[][] rows) {
        int n = rows.length;
        int t = n == 0 ? 0 : rows[0].length;
        double[][] c = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = rows[i];
            double mean = 0;
            for (double x : row) {
                mean += x;
            }
            mean /= t;
            double[] centred = new double[t];
            for (int k = 0; k < t; k++) {
                centred[k] = row[k] - mean;
            }
            c[i] = centred;
        }
        double scale = 1.0 / (t - 1);
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            double[] a = c[i];
            int j = 0;
            for (; j + 1 <= i; j += 2) {
                double[] b0 = c[j], b1 = c[j + 1];
                double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                int k = 0;
                for (; k + 1 < t; k += 2) {
                    double a0 = a[k], a1 = a[k + 1];
                    s0 += a0 * b0[k];
                    s1 += a1 * b0[k + 1];
                    s2 += a0 * b1[k];
                    s3 += a1 * b1[k + 1];
                }
                if (k < t) {
                    s0 += a[k] * b0[k];
                    s2 += a[k] * b1[k];
                }
                double v0 = (s0 + s1) * scale, v1 = (s2 + s3) * scale;
                cov[i][j] = v0;
                cov[j][i] = v0;
                cov[i][j + 1] = v1;
                cov[j + 1][i] = v1;
            }
            for (; j <= i; j++) {
                double[] b = c[j];
                double s0 = 0, s1 = 0;
                int k = 0;
                for (; k + 1 < t; k += 2) {
                    s0 += a[k] * b[k];
                    s1 += a[k + 1] * b[k + 1];
                }
                if (k < t) {
                    s0 += a[k] * b[k];
                }
                double v = (s0 + s1) * scale;
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
        return cov;
    }
}
