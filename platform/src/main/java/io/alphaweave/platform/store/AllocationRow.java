package io.alphaweave.platform.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One rebalance decision of a run.
 *
 * @param date the rebalance date
 * @param combinationMethod the combiner that produced it, 1–200 characters
 * @param weightsJson {symbol: weight} as JSON text
 * @param totalCapital the book's capital at the decision; NaN and ±∞ stored as themselves
 * @param provenanceJson each weight's split by strategy, {symbol: {strategy: share}} as JSON text
 * @param bindingConstraintsJson the constraints that bound, as JSON text
 */
public record AllocationRow(
        LocalDate date,
        String combinationMethod,
        String weightsJson,
        double totalCapital,
        String provenanceJson,
        String bindingConstraintsJson) {

    /** Validates. */
    public AllocationRow {
        Objects.requireNonNull(date, "date");
        Checks.nonBlank(combinationMethod, "combinationMethod", 200);
        Checks.json(weightsJson, "weightsJson");
        Checks.json(provenanceJson, "provenanceJson");
        Checks.json(bindingConstraintsJson, "bindingConstraintsJson");
    }
}
