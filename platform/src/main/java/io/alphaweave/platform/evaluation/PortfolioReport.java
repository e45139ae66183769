package io.alphaweave.platform.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * Everything the evaluation framework says about one portfolio run. Immutable.
 *
 * @param metrics daily-return metrics
 * @param trades trade metrics over round trips
 * @param turnover daily and annualised turnover
 * @param contributions each strategy's contribution to the portfolio's return
 * @param probabilisticSharpe PSR against a Sharpe ratio of 0
 * @param sharpeInterval 95 % bootstrap CI of the Sharpe ratio, null with fewer than 2 returns
 */
public record PortfolioReport(
        ReturnMetrics metrics,
        TradeMetrics trades,
        TurnoverMetrics turnover,
        List<StrategyContribution> contributions,
        ProbabilisticSharpe probabilisticSharpe,
        SharpeInterval sharpeInterval) {

    /** Checks nulls and copies the list. */
    public PortfolioReport {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(trades, "trades");
        Objects.requireNonNull(turnover, "turnover");
        contributions = List.copyOf(contributions);
    }
}
