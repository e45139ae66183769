package io.alphaweave.platform.portfolio;

import io.alphaweave.api.InvalidParameterException;

/**
 * The book's constraints, applied by {@link PortfolioManager#applyConstraints} after the allocator
 * (see there for the order). Immutable.
 *
 * @param maxPosition largest |weight| of one symbol, as a fraction of equity; &gt; 0, {@code
 *     Double.POSITIVE_INFINITY} for no cap
 * @param maxSector largest gross weight Σ|w| of one sector; &gt; 0, {@code Double.POSITIVE_INFINITY}
 *     for no cap; symbols without a sector are exempt
 * @param minPositions fewest non-zero positions a rebalance may hold, ≥ 0; with fewer candidates the
 *     book stays in cash for that rebalance (reported)
 * @param longOnly whether negative weights are forbidden
 * @param grossLeverage largest gross exposure Σ|w|, finite and &gt; 0 (1.0 = fully invested, unlevered)
 */
public record Constraints(
        double maxPosition, double maxSector, int minPositions, boolean longOnly, double grossLeverage) {

    /** Validates every field, naming it. */
    public Constraints {
        if (!(maxPosition > 0)) {
            throw new InvalidParameterException("max_position must be > 0 (Infinity for no cap), was " + maxPosition);
        }
        if (!(maxSector > 0)) {
            throw new InvalidParameterException("max_sector must be > 0 (Infinity for no cap), was " + maxSector);
        }
        if (minPositions < 0) {
            throw new InvalidParameterException("min_positions must be ≥ 0, was " + minPositions);
        }
        if (!(grossLeverage > 0) || Double.isInfinite(grossLeverage)) {
            throw new InvalidParameterException("gross_leverage must be a finite number > 0, was " + grossLeverage);
        }
    }

    /**
     * No position, sector or count limits: only the side and the gross exposure are constrained.
     *
     * @param longOnly whether negative weights are forbidden
     * @param grossLeverage largest Σ|w|, finite and &gt; 0
     * @return the constraints
     */
    public static Constraints unconstrained(boolean longOnly, double grossLeverage) {
        return new Constraints(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0, longOnly, grossLeverage);
    }
}
