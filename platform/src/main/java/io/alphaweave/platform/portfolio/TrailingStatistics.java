package io.alphaweave.platform.portfolio;

import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.MarketView;
import java.util.concurrent.ForkJoinTask;

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
        return volatility(data, symbol, day, window, new double[window]);
    }

    /**
     * {@link #volatility} of every symbol, the symbols split over two threads when there are many
     * (each value is computed by one thread exactly as alone).
     */
    static double[] volatilities(MarketView data, int day, int window) {
        int n = data.symbolCount();
        double[] vol = new double[n];
        if ((long) n * window >= 8192) {
            int split = n / 2;
            ForkJoinTask<?> upper = ForkJoinTask.adapt(() -> volatilities(data, day, window, vol, split, n))
                    .fork();
            volatilities(data, day, window, vol, 0, split);
            upper.join();
        } else {
            volatilities(data, day, window, vol, 0, n);
        }
        return vol;
    }

    private static void volatilities(MarketView data, int day, int window, double[] vol, int from, int to) {
        double[] scratch = new double[window];
        for (int s = from; s < to; s++) {
            vol[s] = volatility(data, s, day, window, scratch);
        }
    }

    private static double volatility(MarketView data, int symbol, int day, int window, double[] r) {
        double[] close = data.close(symbol);
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
     * Sample covariance (ddof = 1) of the rows (one variable per row). Symmetric. The lower triangle
     * is accumulated as cov[i][0..i] += Σ_m x[k+m][i] · x[k+m][0..i] over blocks of 8 days of the
     * centred, day-major returns: an inner loop without a reduction, which the JIT vectorises, and
     * one pass over the matrix per 8 days (commons-math3's pairwise Covariance takes ~25× longer).
     */
    static double[][] covariance(double[][] rows) {
        int t = rows.length == 0 ? 0 : rows[0].length;
        return covariance(rows, (long) rows.length * rows.length * t >= PARALLEL_WORK);
    }

    /** {@link #covariance(double[][])}, on two threads or one as asked (the same numbers either way). */
    static double[][] covariance(double[][] rows, boolean parallel) {
        int n = rows.length;
        int t = n == 0 ? 0 : rows[0].length;
        double[][] x = new double[t][n];
        for (int i = 0; i < n; i++) {
            double[] row = rows[i];
            double mean = 0;
            for (double v : row) {
                mean += v;
            }
            mean /= t;
            for (int k = 0; k < t; k++) {
                x[k][i] = row[k] - mean;
            }
        }
        double[][] cov = new double[n][n];
        if (parallel && n >= 2) {
            // rows [0, split) and [split, n) hold about half of the lower triangle each; every entry is
            // still summed by one thread in the same order, so the result does not depend on the split
            int split = (int) Math.round(n / Math.sqrt(2));
            ForkJoinTask<?> upper =
                    ForkJoinTask.adapt(() -> accumulate(x, cov, split, n)).fork();
            accumulate(x, cov, 0, split);
            upper.join();
        } else {
            accumulate(x, cov, 0, n);
        }
        double scale = 1.0 / (t - 1);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = cov[i][j] * scale;
                cov[i][j] = v;
                cov[j][i] = v;
            }
        }
        return cov;
    }

    /** n² · days above which a covariance is split over two threads (≈ 1 ms of work). */
    static final long PARALLEL_WORK = 1L << 21;

    /** cov[i][0..i] += Σ_k x[k][i] · x[k][0..i] for rows i in [from, to). */
    private static void accumulate(double[][] x, double[][] cov, int from, int to) {
        int t = x.length;
        int k = 0;
        for (; k + 8 <= t; k += 8) {
            double[] x0 = x[k], x1 = x[k + 1], x2 = x[k + 2], x3 = x[k + 3];
            double[] x4 = x[k + 4], x5 = x[k + 5], x6 = x[k + 6], x7 = x[k + 7];
            for (int i = from; i < to; i++) {
                double a0 = x0[i], a1 = x1[i], a2 = x2[i], a3 = x3[i];
                double a4 = x4[i], a5 = x5[i], a6 = x6[i], a7 = x7[i];
                double[] c = cov[i];
                for (int j = 0; j <= i; j++) {
                    c[j] += a0 * x0[j]
                            + a1 * x1[j]
                            + a2 * x2[j]
                            + a3 * x3[j]
                            + a4 * x4[j]
                            + a5 * x5[j]
                            + a6 * x6[j]
                            + a7 * x7[j];
                }
            }
        }
        for (; k < t; k++) {
            double[] xk = x[k];
            for (int i = from; i < to; i++) {
                double a = xk[i];
                double[] c = cov[i];
                for (int j = 0; j <= i; j++) {
                    c[j] += a * xk[j];
                }
            }
        }
    }
}
