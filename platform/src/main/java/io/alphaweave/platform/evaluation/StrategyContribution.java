package io.alphaweave.platform.evaluation;

/**
 * One strategy's share of a portfolio's return. Each day every symbol's pnl (price moves and its
 * trading costs) is attributed to the strategies by their share of the position decided at the
 * rebalance that set it (see the backtest engine for the rule); divided by the previous day's equity it is the strategy's
 * contribution to that day's return. Immutable.
 *
 * @param strategyId the strategy
 * @param contribution Σ over days of its daily return contributions (the strategies' contributions
 *     sum to Σ of the portfolio's daily returns)
 * @param share contribution / Σ of every strategy's contribution (NaN when that is 0)
 */
public record StrategyContribution(String strategyId, double contribution, double share) {}
