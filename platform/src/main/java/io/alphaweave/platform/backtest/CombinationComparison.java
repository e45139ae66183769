package io.alphaweave.platform.backtest;

import java.util.List;

/**
 * The same strategies, data, allocator, constraints and costs run once per combiner, and once per
 * strategy alone. Immutable.
 *
 * @param combiners one row per combiner, in the order given
 * @param strategiesAlone one row per strategy traded alone
 */
public record CombinationComparison(List<ComparisonRow> combiners, List<ComparisonRow> strategiesAlone) {

    /** Copies the lists. */
    public CombinationComparison {
        combiners = List.copyOf(combiners);
        strategiesAlone = List.copyOf(strategiesAlone);
    }
}
