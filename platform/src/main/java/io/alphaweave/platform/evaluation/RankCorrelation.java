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

    /**
     * Per-day IC at each horizon on alphalens' sample: closes forward-filled per symbol; a (day,
     * symbol) counts only when its alpha and its forward return at every horizon are finite.
     *
     * @param alpha [symbol][day]
     * @param horizons each ≥ 1
     * @param undefined out: per horizon, the number of days with at least one kept pair but no IC
     * @return [horizon index][day], NaN where a day has no IC
     */
    static double[][] dailyIcJoint(MarketView data, double[][] alpha, int[] horizons, int[] undefined) {
        int days = data.dayCount(), symbols = data.symbolCount();
        if (alpha.length != symbols) {
            throw new IllegalArgumentException(
                    "alpha must have one row per symbol (" + symbols + "), had " + alpha.length);
        }
        double[][] filled = new double[symbols][];
        for (int s = 0; s < symbols; s++) {
            double[] c = data.close(s), f = new double[days];
            double last = Double.NaN;
            for (int t = 0; t < days; t++) {
                if (!Double.isNaN(c[t])) {
                    last = c[t];
                }
                f[t] = last;
            }
            filled[s] = f;
        }
        int k = horizons.length;
        double[][] ic = new double[k][days];
        double[] xs = new double[symbols];
        double[][] ys = new double[k][symbols];
        double[] fwd = new double[k];
        for (int t = 0; t < days; t++) {
            int n = 0;
            for (int s = 0; s < symbols; s++) {
                double a = alpha[s][t];
                if (!Double.isFinite(a)) {
                    continue;
                }
                boolean all = true;
                for (int j = 0; j < k && all; j++) {
                    int h = horizons[j];
                    fwd[j] = t + h < days ? filled[s][t + h] / filled[s][t] - 1.0 : Double.NaN;
                    all = Double.isFinite(fwd[j]);
                }
                if (!all) {
                    continue;
                }
                xs[n] = a;
                for (int j = 0; j < k; j++) {
                    ys[j][n] = fwd[j];
                }
                n++;
            }
            for (int j = 0; j < k; j++) {
                ic[j][t] = Double.NaN;
                if (n == 0) {
                    continue;
                }
                if (n < 2 || constant(xs, n) || constant(ys[j], n)) {
                    undefined[j]++;
                    continue;
                }
                ic[j][t] = SPEARMAN.correlation(java.util.Arrays.copyOf(xs, n), java.util.Arrays.copyOf(ys[j], n));
            }
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
