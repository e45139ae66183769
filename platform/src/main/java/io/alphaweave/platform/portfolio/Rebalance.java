package io.alphaweave.platform.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything one rebalance decided, with provenance. Immutable: arrays are copied in and out.
 *
 * @param date the decision date (trades fill at the next open)
 * @param combinedAlpha combined alpha by symbol, in [-1, 1] or {@code NaN} for no view
 * @param contributions [strategy][symbol] each strategy's contribution; rows sum to the combined
 *     alpha where it is defined; strategy order as in the combiner input
 * @param targetWeights weights after constraints by symbol, fraction of equity, negative = short
 * @param binding the constraints that bound, in the order they were applied
 */
public record Rebalance(
        LocalDate date,
        double[] combinedAlpha,
        double[][] contributions,
        double[] targetWeights,
        List<BindingConstraint> binding) {

    /** Checks shapes and copies everything. */
    public Rebalance {
        Objects.requireNonNull(date, "date must not be null");
        combinedAlpha = combinedAlpha.clone();
        targetWeights = targetWeights.clone();
        contributions = deepCopy(contributions);
        binding = List.copyOf(binding);
        if (targetWeights.length != combinedAlpha.length) {
            throw new IllegalArgumentException("targetWeights and combinedAlpha must have the same length, were "
                    + targetWeights.length + " and " + combinedAlpha.length);
        }
        for (double[] row : contributions) {
            if (row.length != combinedAlpha.length) {
                throw new IllegalArgumentException(
                        "each contributions row needs one entry per symbol (" + combinedAlpha.length + ")");
            }
        }
    }

    /** @return a copy of the combined alpha */
    @Override
    public double[] combinedAlpha() {
        return combinedAlpha.clone();
    }

    /** @return a copy of the contributions */
    @Override
    public double[][] contributions() {
        return deepCopy(contributions);
    }

    /** @return a copy of the target weights */
    @Override
    public double[] targetWeights() {
        return targetWeights.clone();
    }

    /**
     * @param symbol column index
     * @return that symbol's target weight
     */
    public double targetWeight(int symbol) {
        return targetWeights[symbol];
    }

    /**
     * Target position values for a book of the given size.
     *
     * @param equity the book's equity in currency units
     * @return weight × equity by symbol (negative = short)
     */
    public double[] positionValues(double equity) {
        double[] values = new double[targetWeights.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = targetWeights[i] * equity;
        }
        return values;
    }

    /** @return the gross exposure Σ|w| of the target weights */
    public double grossExposure() {
        double g = 0;
        for (double w : targetWeights) {
            g += Math.abs(w);
        }
        return g;
    }

    private static double[][] deepCopy(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }
}
