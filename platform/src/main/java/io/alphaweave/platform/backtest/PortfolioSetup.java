package io.alphaweave.platform.backtest;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.portfolio.Constraints;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything a portfolio backtest needs besides the data: resolved components, constraints,
 * schedule, costs and capital. Immutable.
 *
 * @param strategies the strategies with their weights; at least one, distinct ids, weights summing
 *     to &gt; 0
 * @param combiner the configured combiner
 * @param allocator the configured allocator
 * @param constraints the book's constraints
 * @param schedule when to rebalance
 * @param costs commission, slippage and share sizing
 * @param capital starting cash, &gt; 0
 */
public record PortfolioSetup(
        List<WeightedStrategy> strategies,
        SignalCombiner combiner,
        CapitalAllocator allocator,
        Constraints constraints,
        RebalanceSchedule schedule,
        TradingCosts costs,
        double capital) {

    /** Validates every field, naming it. */
    public PortfolioSetup {
        strategies = List.copyOf(strategies);
        Objects.requireNonNull(combiner, "combiner must not be null");
        Objects.requireNonNull(allocator, "allocator must not be null");
        Objects.requireNonNull(constraints, "constraints must not be null");
        Objects.requireNonNull(schedule, "schedule must not be null");
        Objects.requireNonNull(costs, "costs must not be null");
        if (strategies.isEmpty()) {
            throw new BacktestConfigException("strategies must name at least one strategy");
        }
        double sum = 0;
        var ids = new HashSet<String>();
        for (WeightedStrategy s : strategies) {
            sum += s.weight();
            if (!ids.add(s.id())) {
                throw new BacktestConfigException("strategies must be distinct, " + s.id() + " appears twice");
            }
        }
        if (!(sum > 0)) {
            throw new BacktestConfigException("strategies[*].weight must sum to > 0, summed to " + sum);
        }
        if (!(capital > 0) || Double.isInfinite(capital)) {
            throw new BacktestConfigException("capital must be a finite number > 0, was " + capital);
        }
    }

    /** @return the strategy ids, in order */
    public List<String> strategyIds() {
        return strategies.stream().map(WeightedStrategy::id).toList();
    }

    /**
     * @param other another combiner
     * @return this setup with the combiner replaced
     */
    public PortfolioSetup withCombiner(SignalCombiner other) {
        return new PortfolioSetup(strategies, other, allocator, constraints, schedule, costs, capital);
    }

    /**
     * @param only the strategies to keep (weights as given)
     * @return this setup with the strategies replaced
     */
    public PortfolioSetup withStrategies(List<WeightedStrategy> only) {
        return new PortfolioSetup(only, combiner, allocator, constraints, schedule, costs, capital);
    }

    /**
     * @param other other costs
     * @return this setup with the costs replaced
     */
    public PortfolioSetup withCosts(TradingCosts other) {
        return new PortfolioSetup(strategies, combiner, allocator, constraints, schedule, other, capital);
    }
}
