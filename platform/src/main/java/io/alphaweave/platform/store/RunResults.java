package io.alphaweave.platform.store;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run produced, written with its COMPLETE status in one transaction.
 *
 * @param signalSets the signal sets the run used (stored once per key, linked to the run)
 * @param allocations the rebalance decisions, in order
 * @param performance per-strategy (and portfolio) performance
 * @param trades the trades, in order
 * @param reportJson the full report as a JSON document, stored byte for byte
 */
public record RunResults(
        List<SignalSet> signalSets,
        List<AllocationRow> allocations,
        List<PerformanceRow> performance,
        List<TradeRow> trades,
        String reportJson) {

    /** Validates and copies. */
    public RunResults {
        signalSets = List.copyOf(signalSets);
        allocations = List.copyOf(allocations);
        performance = List.copyOf(performance);
        trades = List.copyOf(trades);
        Objects.requireNonNull(reportJson, "reportJson");
        Checks.json(reportJson, "reportJson");
    }
}
