package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import java.util.List;
import java.util.Objects;

/**
 * The validated alpha and confidence matrices of several strategies over one panel, computed once
 * and reusable across runs (e.g. one per combiner in a comparison). The matrices are host-owned
 * and must not be modified.
 *
 * @param ids strategy ids, distinct
 * @param matrices one matrix per id, of the panel's shape
 * @param computeNanos wall-clock time spent computing them, for reports
 */
public record StrategySignals(List<String> ids, List<AlphaMatrix> matrices, long computeNanos) {

    /** Checks the lists line up. */
    public StrategySignals {
        ids = List.copyOf(ids);
        matrices = List.copyOf(matrices);
        if (ids.size() != matrices.size()) {
            throw new IllegalArgumentException("one matrix per id: " + ids.size() + " ids, " + matrices.size());
        }
    }

    /**
     * @param id a strategy id
     * @return its matrix
     */
    public AlphaMatrix of(String id) {
        int i = ids.indexOf(Objects.requireNonNull(id));
        if (i < 0) {
            throw new IllegalArgumentException("no signals for strategy " + id + "; have " + ids);
        }
        return matrices.get(i);
    }
}
