package io.alphaweave.platform.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * Everything the evaluation framework says about one strategy (or one portfolio's signal). Immutable.
 *
 * @param id the strategy id
 * @param metrics daily-return metrics of the strategy traded alone
 * @param probabilisticSharpe PSR against a Sharpe ratio of 0
 * @param sharpeInterval bootstrap CI of the annualised Sharpe ratio
 * @param alphaDecay IC at horizons 1, 2, 5, 10, 20 trading days
 * @param histogram distribution of alpha scores
 * @param confidence confidence over time
 */
public record StrategyReport(
        String id,
        ReturnMetrics metrics,
        ProbabilisticSharpe probabilisticSharpe,
        SharpeInterval sharpeInterval,
        List<InformationCoefficient> alphaDecay,
        AlphaHistogram histogram,
        ConfidenceSeries confidence) {

    /** Checks nulls and copies the list. */
    public StrategyReport {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metrics, "metrics");
        alphaDecay = List.copyOf(alphaDecay);
    }
}
