package io.alphaweave.api;

import java.util.Arrays;

/**
 * Where a combiner writes one day's result: the combined alpha per symbol and each strategy's
 * contribution to it (provenance). Invariant a combiner must keep: for every symbol with a
 * combined alpha, the contributions of all strategies sum to it; a strategy without a view
 * contributes 0. Owned and reused by the host; not thread-safe.
 */
public final class CombinerOutput {
    private final double[] combined;
    private final double[][] contributions;

    /**
     * @param strategies number of strategies
     * @param symbols number of symbols
     */
    public CombinerOutput(int strategies, int symbols) {
        combined = new double[symbols];
        contributions = new double[strategies][symbols];
        reset();
    }

    /** Sets every combined alpha to {@code NaN} (no view) and every contribution to 0. */
    public void reset() {
        Arrays.fill(combined, Double.NaN);
        for (double[] row : contributions) {
            Arrays.fill(row, 0.0);
        }
    }

    /** @return combined alpha by symbol, in [-1, 1] or {@code NaN} where no strategy has a view; writable */
    public double[] combined() {
        return combined;
    }

    /**
     * @param strategy row index as in {@link CombinerInput#strategyIds()}
     * @return that strategy's contribution by symbol; writable
     */
    public double[] contribution(int strategy) {
        return contributions[strategy];
    }

    /** @return number of strategies */
    public int strategyCount() {
        return contributions.length;
    }
}
