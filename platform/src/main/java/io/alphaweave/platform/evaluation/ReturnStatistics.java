package io.alphaweave.platform.evaluation;

import java.util.Arrays;

/** The formulas of METRICS.md over a plain double[] (validated by the caller). */
final class ReturnStatistics {
    static final double A = ReturnMetrics.ANNUALISATION;

    private ReturnStatistics() {}

    static ReturnMetrics metrics(double[] r) {
        int n = r.length;
        if (n == 0) {
            throw new InvalidReturnsException("a return series needs at least 1 return, had 0");
        }
        double growth = 1.0;
        double peak = 1.0; // V0 counts as a peak
        double mdd = 0.0;
        double downSq = 0.0;
        double gains = 0.0, losses = 0.0;
        int wins = 0, nonZero = 0, lossCount = 0;
        for (double x : r) {
            growth *= 1.0 + x;
            if (growth > peak) {
                peak = growth;
            }
            mdd = Math.min(mdd, growth / peak - 1.0);
            if (x < 0) {
                downSq += x * x;
                losses += x;
                lossCount++;
            } else {
                gains += x;
            }
            if (x > 0) {
                wins++;
            }
            if (x != 0) {
                nonZero++;
            }
        }
        double mean = mean(r);
        double std = std(r, mean);
        double totalReturn = growth - 1.0;
        double cagr = Math.pow(growth, A / n) - 1.0;
        double downside = Math.sqrt(downSq / n) * Math.sqrt(A);
        double[] sorted = r.clone();
        Arrays.sort(sorted);
        double h = (n - 1) * 0.05;
        int k = (int) Math.floor(h);
        double var95 = k + 1 < n ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
        double tail = 0.0;
        for (int i = 0; i <= k; i++) {
            tail += sorted[i];
        }
        return new ReturnMetrics(
                n,
                totalReturn,
                cagr,
                std * Math.sqrt(A),
                mean / std * Math.sqrt(A),
                downside,
                mean * A / downside,
                mdd,
                mdd < 0 ? cagr / Math.abs(mdd) : null,
                var95,
                tail / (k + 1),
                nonZero == 0 ? Double.NaN : (double) wins / nonZero,
                gains / Math.abs(losses),
                wins == 0 ? Double.NaN : positiveSum(r) / wins,
                lossCount == 0 ? Double.NaN : losses / lossCount);
    }

    static double mean(double[] r) {
        double s = 0.0;
        for (double x : r) {
            s += x;
        }
        return s / r.length;
    }

    /** Sample standard deviation, ddof = 1; NaN below two values. */
    static double std(double[] r, double mean) {
        if (r.length < 2) {
            return Double.NaN;
        }
        double ss = 0.0;
        for (double x : r) {
            double d = x - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (r.length - 1));
    }

    /** Annualised Sharpe ratio of {@code r}: mean/std(ddof=1)·√A. */
    static double sharpe(double[] r) {
        double m = mean(r);
        return m / std(r, m) * Math.sqrt(A);
    }

    private static double positiveSum(double[] r) {
        double s = 0.0;
        for (double x : r) {
            if (x > 0) {
                s += x;
            }
        }
        return s;
    }
}
