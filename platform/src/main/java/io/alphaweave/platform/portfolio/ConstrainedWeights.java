package io.alphaweave.platform.portfolio;

import java.util.List;

/**
 * Target weights after the constraints, and the constraints that changed them. Immutable: the
 * array is copied in and out.
 *
 * @param weights target weight by symbol (fraction of equity, negative = short); copied
 * @param binding the constraints that bound, in the order they were applied; copied
 */
public record ConstrainedWeights(double[] weights, List<BindingConstraint> binding) {

    /** Copies both. */
    public ConstrainedWeights {
        weights = weights.clone();
        binding = List.copyOf(binding);
    }

    /** @return a copy of the weights */
    @Override
    public double[] weights() {
        return weights.clone();
    }
}
