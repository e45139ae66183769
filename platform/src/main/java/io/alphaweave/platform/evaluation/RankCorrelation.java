package io.alphaweave.platform.evaluation;

import io.alphaweave.api.MarketView;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/** Daily cross-sectional Spearman IC between alpha and forward returns. */
final class RankCorrelation {
    private static final SpearmansCorrelation SPEARMAN =
            new SpearmansCorrelation(new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE));

    private RankCorrelation() {}

    /**
     * Per-day IC; NaN on days without at least two pairs or with a constant side.
     *
     * @param alpha [symbol][day]
     */
    static double[] dailyIc(MarketView data, double[][] alpha, int horizon) {
        int days = data.dayCount(), symbols = data.symbolCount();
        if (alpha.length != symbols) {
            throw new IllegalArgumentException(
                    "alpha must have one row per symbol (" + symbols + "), had " + alpha.length);
        }
        double[] ic = new double[days];
        double[] xs = new double[symbols], ys = new double[symbols];
        for (int t = 0; t < days; t++) {
            ic[t] = Double.NaN;
            if (t + horizon >= days) {
                continue;
            }
            int n = 0;
            for (int s = 0; s < symbols; s++) {
                double a = alpha[s][t];
                if (Double.isNaN(a)) {
                    continue;
                }
                double[] c = data.close(s);
                double fwd = c[t + horizon] / c[t] - 1.0;
                if (Double.isNaN(fwd) || Double.isInfinite(fwd)) {
                    continue;
                }
                xs[n] = a;
                ys[n] = fwd;
                n++;
            }
            if (n < 2 || constant(xs, n) || constant(ys, n)) {
                continue;
            }
            ic[t] = SPEARMAN.correlation(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys, n));
        }
        return ic;
    }

    static InformationCoefficient summarise(int horizon, double[] daily) {
        int n = 0;
        double sum = 0;
        for (double x : daily) {
            if (!Double.isNaN(x)) {
                n++;
                sum += x;
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double ss = 0;
        for (double x : daily) {
            if (!Double.isNaN(x)) {
                ss += (x - mean) * (x - mean);
            }
        }
        double std = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        return new InformationCoefficient(horizon, n, mean, std, mean / std, mean / (std / Math.sqrt(n)));
    }

    private static boolean constant(double[] v, int n) {
        for (int i = 1; i < n; i++) {
            if (v[i] != v[0]) {
                return false;
            }
        }
        return true;
    }
}
