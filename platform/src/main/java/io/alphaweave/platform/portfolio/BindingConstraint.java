package io.alphaweave.platform.portfolio;

import io.alphaweave.api.InvalidParameterException;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One constraint that changed the allocator's weights on one rebalance day. Immutable.
 *
 * @param date the decision date
 * @param constraint one of {@code max_position}, {@code max_sector}, {@code min_positions}, {@code
 *     long_only}, {@code gross_leverage}
 * @param detail what happened, for people (e.g. {@code "3 symbols capped at 0.1: AAPL, MSFT, XOM"})
 * @param weightMoved Σ|Δw| over all symbols this constraint caused, ≥ 0 (for the joint position and
 *     sector capping step, that step's Σ|Δw| split in proportion to the weight each cap removed)
 */
public record BindingConstraint(LocalDate date, String constraint, String detail, double weightMoved) {

    /** The constraint names, as in configs. */
    public static final Set<String> NAMES =
            Set.of("max_position", "max_sector", "min_positions", "long_only", "gross_leverage");

    /** Validates the name and the amount. */
    public BindingConstraint {
        Objects.requireNonNull(date, "date must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
        if (!NAMES.contains(constraint)) {
            throw new InvalidParameterException("constraint must be one of " + NAMES + ", was " + constraint);
        }
        if (!(weightMoved >= 0) || Double.isInfinite(weightMoved)) {
            throw new InvalidParameterException("weightMoved must be a finite number ≥ 0, was " + weightMoved);
        }
    }
}
