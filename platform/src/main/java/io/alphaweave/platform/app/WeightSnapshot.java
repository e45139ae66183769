package io.alphaweave.platform.app;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * The book at the close of a day with fills: every non-zero weight. Immutable.
 *
 * @param date the fill day
 * @param weights symbol → position value / equity (negative short), in the universe's order
 */
public record WeightSnapshot(LocalDate date, Map<String, Double> weights) {
    /** Checks the date and copies the weights in order. */
    public WeightSnapshot {
        Objects.requireNonNull(date, "date");
        weights = Copies.ordered(weights, "weights");
    }
}
