package io.alphaweave.platform.store;

import java.util.Map;

/** Each weight's split by strategy, by the rule the store uses for its allocation rows. */
public final class WeightSplit {
    private WeightSplit() {}

    /**
     * Symbol → strategy → the part of the symbol's weight that strategy accounts for (the parts of a
     * symbol sum to its weight); see the store's allocation rows for the rule.
     *
     * @param weights symbol → weight of one snapshot
     * @param shares symbol → strategy → share, of each symbol's latest fill so far
     * @return the split, in the snapshot's symbol order and strategy id order
     */
    public static Map<String, Map<String, Double>> byStrategy(
            Map<String, Double> weights, Map<String, Map<String, Double>> shares) {
        return ReportRows.provenance(weights, shares);
    }
}
