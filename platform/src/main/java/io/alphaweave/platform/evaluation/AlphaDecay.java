package io.alphaweave.platform.evaluation;

import io.alphaweave.api.MarketView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Alpha decay — the IC at each of {@link StrategyEvaluator#DECAY_HORIZONS}, each on its own sample — of
 * many alpha matrices on one panel, bit for bit what {@link StrategyEvaluator#alphaDecay(MarketView,
 * double[][])} gives, for less work: each day's forward returns are ranked once, when this is built,
 * and reused for every matrix that has a view of every symbol with a forward return that day; and a
 * day's alpha is ranked once for all the horizons whose sample that day is the same. Immutable and
 * thread-safe once built.
 */
public final class AlphaDecay {
    private final MarketView data;
    private final int[] horizons;
    /** [horizon][day]: the symbols with a finite forward return, in symbol order. */
    private final int[][][] sample;
    /** [horizon][day]: the average ranks of those forward returns; null where they are constant or fewer than two. */
    private final double[][][] ranks;

    /**
     * Ranks every day's forward returns at every decay horizon.
     *
     * @param data the panel every later matrix is on
     */
    public AlphaDecay(MarketView data) {
        this.data = Objects.requireNonNull(data, "data");
        this.horizons = StrategyEvaluator.DECAY_HORIZONS.stream()
                .mapToInt(Integer::intValue)
                .toArray();
        int days = data.dayCount(), symbols = data.symbolCount();
        double[][] close = closes(data);
        sample = new int[horizons.length][days][];
        ranks = new double[horizons.length][days][];
        int[] idx = new int[symbols];
        double[] fwd = new double[symbols];
        for (int j = 0; j < horizons.length; j++) {
            int h = horizons[j];
            for (int t = 0; t + h < days; t++) {
                int n = 0;
                for (int s = 0; s < symbols; s++) {
                    double f = close[s][t + h] / close[s][t] - 1.0;
                    if (!Double.isNaN(f) && !Double.isInfinite(f)) {
                        idx[n] = s;
                        fwd[n] = f;
                        n++;
                    }
                }
                sample[j][t] = Arrays.copyOf(idx, n);
                if (n >= 2 && !RankCorrelation.constant(fwd, n)) {
                    ranks[j][t] = RankCorrelation.averageRanks(Arrays.copyOf(fwd, n));
                }
            }
        }
    }

    /**
     * @param alpha alpha by [symbol][day] on this panel, NaN for no view; not modified
     * @return one IC per horizon of {@link StrategyEvaluator#DECAY_HORIZONS}, in that order
     */
    public List<InformationCoefficient> of(double[][] alpha) {
        int days = data.dayCount(), symbols = data.symbolCount();
        if (alpha.length != symbols) {
            throw new IllegalArgumentException(
                    "alpha must have one row per symbol (" + symbols + "), had " + alpha.length);
        }
        double[][] close = closes(data);
        double[][] ic = new double[horizons.length][days];
        int[] included = new int[symbols], last = new int[symbols];
        double[] xs = new double[symbols], ys = new double[symbols];
        for (int t = 0; t < days; t++) {
            int lastN = -1;
            double[] lastRanks = null;
            for (int j = 0; j < horizons.length; j++) {
                ic[j][t] = Double.NaN;
                int[] panel = sample[j][t];
                if (panel == null) {
                    continue; // t + h is past the panel's end
                }
                int n = 0;
                for (int s : panel) {
                    double a = alpha[s][t];
                    if (!Double.isNaN(a)) {
                        included[n] = s;
                        xs[n] = a;
                        n++;
                    }
                }
                double[] yRanks;
                if (n == panel.length) {
                    // every symbol of the day's sample has a view: the panel's ranks are this sample's
                    if (n < 2 || ranks[j][t] == null || RankCorrelation.constant(xs, n)) {
                        continue;
                    }
                    yRanks = ranks[j][t];
                } else {
                    int h = horizons[j];
                    for (int k = 0; k < n; k++) {
                        ys[k] = close[included[k]][t + h] / close[included[k]][t] - 1.0;
                    }
                    if (n < 2 || RankCorrelation.constant(xs, n) || RankCorrelation.constant(ys, n)) {
                        continue;
                    }
                    yRanks = RankCorrelation.averageRanks(Arrays.copyOf(ys, n));
                }
                double[] xRanks;
                if (lastRanks != null && lastN == n && Arrays.equals(last, 0, n, included, 0, n)) {
                    xRanks = lastRanks; // the same symbols as the previous horizon's sample: the same ranks
                } else {
                    xRanks = RankCorrelation.averageRanks(Arrays.copyOf(xs, n));
                    lastRanks = xRanks;
                    lastN = n;
                    System.arraycopy(included, 0, last, 0, n);
                }
                ic[j][t] = RankCorrelation.pearson(xRanks, yRanks);
            }
        }
        List<InformationCoefficient> out = new ArrayList<>(horizons.length);
        for (int j = 0; j < horizons.length; j++) {
            out.add(RankCorrelation.summarise(horizons[j], ic[j]));
        }
        return out;
    }

    private static double[][] closes(MarketView data) {
        double[][] close = new double[data.symbolCount()][];
        for (int s = 0; s < close.length; s++) {
            close[s] = data.close(s);
        }
        return close;
    }
}
