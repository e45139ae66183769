package io.alphaweave.platform.backtest;

import io.alphaweave.api.Strategy;
import java.util.Objects;

/**
 * A configured strategy and its weight in the combination. Immutable.
 *
 * @param strategy the configured strategy
 * @param weight its weight for the combiner, finite and ≥ 0
 */
public record WeightedStrategy(Strategy strategy, double weight) {

    /** Validates the weight. */
    public WeightedStrategy {
        Objects.requireNonNull(strategy, "strategy must not be null");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new BacktestConfigException(
                    "weight of strategy " + strategy.id() + " must be a finite number ≥ 0, was " + weight);
        }
    }

    /** @return the strategy's id */
    public String id() {
        return strategy.id();
    }
}
