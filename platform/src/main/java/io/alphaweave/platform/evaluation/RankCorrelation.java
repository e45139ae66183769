package io.alphaweave.platform.evaluation;

import io.alphaweave.api.MarketView;
import java.util.Arrays;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;

/** Daily cross-sectional Spearman IC between alpha and forward returns. */
final class RankCorrelation {
    private static final PearsonsCorrelation PEARSON = new PearsonsCorrelation();

    private RankCorrelation() {}

    /**
     * Spearman's rank correlation: Pearson's correlation of the average ranks, as commons-math's
     * {@code SpearmansCorrelation} with {@code NaturalRanking(FAILED, AVERAGE)} computes it, bit for bit,
     * with the ranks found on primitive arrays.
     *
     * @param x values without NaN, at least 2
     * @param y values without NaN, as many
     */
    static double spearman(double[] x, double[] y) {
        return PEARSON.correlation(averageRanks(x), averageRanks(y));
    }

    /** Pearson's correlation as commons-math computes it (both arrays as long, without NaN). */
    static double pearson(double[] x, double[] y) {
        return PEARSON.correlation(x, y);
    }

    /**
     * 1-based ranks in {@link Double#compare} order; tied values get the mean of their ranks, computed
     * as commons-math's {@code NaturalRanking} does ({@code (2c + k − 1) / 2} for a tie of k values from
     * rank c).
     */
    static double[] averageRanks(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int lo = lowerBound(sorted, v[i]);
            int hi = upperBound(sorted, v[i], lo);
            int k = hi - lo;
            double c = lo + 1;
            out[i] = k == 1 ? c : (2 * c + k - 1) / 2d;
        }
        return out;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], v) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int upperBound(double[] a, double v, int from) {
        int lo = from, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], v) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

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
            ic[t] = spearman(Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
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
                ic[j][t] = spearman(Arrays.copyOf(xs, n), Arrays.copyOf(ys[j], n));
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

    /** Whether the first {@code n} values are all equal. */
    static boolean constant(double[] v, int n) {
        for (int i = 1; i < n; i++) {
            if (v[i] != v[0]) {
                return false;
            }
        }
        return true;
    }
}
