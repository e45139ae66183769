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
 * @param onInfeasible what to do on a rebalance where {@code max_position} and {@code max_sector}
 *     cannot hold the gross: keep the excess in cash (the default) or fail; never null
 */
public record Constraints(
        double maxPosition,
        double maxSector,
        int minPositions,
        boolean longOnly,
        double grossLeverage,
        OnInfeasible onInfeasible) {

    /** What {@link PortfolioManager#applyConstraints} does when the caps cannot hold the gross. */
    public enum OnInfeasible {
        /**
         * Apply the caps and keep the weight they cannot hold in cash, reported as a binding {@code
         * max_sector} (or {@code max_position}) constraint: "caps hold only 0.7 of gross 1.0: 0.3
         * kept in cash …". The backtest goes on.
         */
        CASH,
        /** Throw an {@link InfeasibleConstraintsException} naming the numbers: the run stops. */
        ERROR;

        /** @return the config spelling, {@code cash} or {@code error} */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Constraints that keep in cash whatever the caps cannot hold ({@link OnInfeasible#CASH}).
     *
     * @param maxPosition see the record
     * @param maxSector see the record
     * @param minPositions see the record
     * @param longOnly see the record
     * @param grossLeverage see the record
     */
    public Constraints(double maxPosition, double maxSector, int minPositions, boolean longOnly, double grossLeverage) {
        this(maxPosition, maxSector, minPositions, longOnly, grossLeverage, OnInfeasible.CASH);
    }

    /** Validates every field, naming it. */
    public Constraints {
        if (onInfeasible == null) {
            throw new InvalidParameterException("on_infeasible must be cash or error, was null");
        }
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
     * @param mode what to do when the caps cannot hold the gross
     * @return these constraints with that mode
     */
    public Constraints withOnInfeasible(OnInfeasible mode) {
        return new Constraints(maxPosition, maxSector, minPositions, longOnly, grossLeverage, mode);
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
