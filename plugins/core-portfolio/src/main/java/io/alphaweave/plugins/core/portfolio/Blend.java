package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Shared arithmetic of the built-in combiners. */
final class Blend {
    private Blend() {}

    /**
     * Strategy rows sorted by id: summing in this order makes every result bit-identical whatever
     * order the strategies arrive in.
     */
    static int[] byId(CombinerInput in) {
        return IntStream.range(0, in.strategyCount())
                .boxed()
                .sorted(Comparator.comparing(in.strategyIds()::get))
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** A strategy has a view on a symbol where its alpha is not NaN. */
    static boolean hasView(CombinerInput in, int strategy, int symbol) {
        return !Double.isNaN(in.alpha()[strategy][symbol]);
    }

    /** Confidence as a number ≥ 0; a missing (NaN) confidence counts as 0. */
    static double confidence(CombinerInput in, int strategy, int symbol) {
        double c = in.confidence()[strategy][symbol];
        return Double.isNaN(c) ? 0.0 : Math.max(0.0, c);
    }

    /**
     * Per symbol, the mean of {@code values[i][j]} over the strategies with a view, weighted by
     * {@code coefficient[i][j]} normalised over those strategies; contribution of i = its normalised
     * coefficient × its value. Where the coefficients sum to 0 the combined alpha stays NaN.
     */
    static void weightedMean(CombinerInput in, CombinerOutput out, double[][] values, Coefficient coefficient) {
        int[] order = byId(in);
        int n = in.symbolCount();
        double[] combined = out.combined();
        double[] coef = new double[order.length];
        for (int j = 0; j < n; j++) {
            double total = 0;
            for (int r = 0; r < order.length; r++) {
                int i = order[r];
                coef[r] = hasView(in, i, j) ? coefficient.of(i, j) : 0.0;
                total += coef[r];
            }
            if (!(total > 0)) {
                continue;
            }
            double sum = 0;
            for (int r = 0; r < order.length; r++) {
                if (coef[r] > 0) {
                    int i = order[r];
                    double contribution = coef[r] / total * values[i][j];
                    out.contribution(i)[j] = contribution;
                    sum += contribution;
                }
            }
            // a convex mix of values in [-1, 1] can overshoot by an ulp; clipping moves it by < 1e-15
            combined[j] = Math.max(-1.0, Math.min(1.0, sum));
        }
    }

    /** The non-negative coefficient of strategy i on symbol j. */
    @FunctionalInterface
    interface Coefficient {
        double of(int strategy, int symbol);
    }

    /** Row-wise map of the input alphas through a cross-sectional normaliser. */
    static double[][] mapRows(double[][] alpha, java.util.function.UnaryOperator<double[]> f) {
        return Arrays.stream(alpha).map(f).toArray(double[][]::new);
    }
}
