package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alphaweave.platform.evaluation.ProbabilisticSharpe;
import io.alphaweave.platform.evaluation.SharpeInterval;
import io.alphaweave.platform.evaluation.StrategyContribution;
import io.alphaweave.platform.evaluation.TradeMetrics;
import io.alphaweave.platform.evaluation.TurnoverMetrics;
import io.alphaweave.platform.portfolio.BindingConstraint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one portfolio backtest produced (DESIGN §7), as the CLI prints it, the service returns
 * it and the store keeps it; {@code backtest --json} is this record through {@link JsonMapper}
 * (snake_case keys, in this order; see docs/json.md). Immutable; equal reports have equal JSON apart
 * from {@link #timingsMs()}.
 *
 * @param schemaVersion the layout version of this record's JSON, {@value #SCHEMA_VERSION} for this class
 * @param config the config as the run resolved it
 * @param metrics the portfolio's return metrics and final equity
 * @param tradeMetrics the portfolio's round-trip trade metrics
 * @param turnover the portfolio's turnover
 * @param probabilisticSharpe the probabilistic Sharpe ratio of the portfolio's returns
 * @param sharpeInterval a bootstrap interval of the Sharpe ratio, or null when not computed
 * @param contributions each strategy's Σ daily return contribution to the portfolio and its share
 * @param strategies strategy id → that strategy run alone, in the config's order
 * @param ic information coefficient and alpha decay of each strategy and of the combined alpha
 * @param dailyReturns the portfolio's return and equity on every trading day of the period
 * @param weights the book at the close of every day with fills
 * @param trades every fill, in order
 * @param bindingConstraints every constraint that changed the allocator's weights, in order
 * @param comparison every registered combiner and each strategy alone, or null when not asked for
 * @param hashes the config, component and dataset hashes of the run
 * @param timingsMs how long the phases took (never part of equality checks between runs)
 */
public record BacktestReport(
        int schemaVersion,
        ResolvedConfig config,
        RunMetrics metrics,
        TradeMetrics tradeMetrics,
        TurnoverMetrics turnover,
        ProbabilisticSharpe probabilisticSharpe,
        @JsonInclude(JsonInclude.Include.NON_NULL) SharpeInterval sharpeInterval,
        List<StrategyContribution> contributions,
        Map<String, StrategyRunReport> strategies,
        IcReport ic,
        List<DailyPoint> dailyReturns,
        List<WeightSnapshot> weights,
        List<TradeEntry> trades,
        List<BindingConstraint> bindingConstraints,
        @JsonInclude(JsonInclude.Include.NON_NULL) ComparisonTable comparison,
        RunHashes hashes,
        Timings timingsMs)
        implements RunReport {

    /** The JSON layout version this class writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Checks nulls and copies every collection (keeping the strategy order). */
    public BacktestReport {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "schemaVersion must be " + SCHEMA_VERSION + " for this report class, was " + schemaVersion);
        }
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tradeMetrics, "tradeMetrics");
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(probabilisticSharpe, "probabilisticSharpe");
        contributions = List.copyOf(contributions);
        Objects.requireNonNull(strategies, "strategies");
        strategies = Collections.unmodifiableMap(new LinkedHashMap<>(Copies.ordered(strategies, "strategies")));
        Objects.requireNonNull(ic, "ic");
        dailyReturns = List.copyOf(dailyReturns);
        weights = List.copyOf(weights);
        trades = List.copyOf(trades);
        bindingConstraints = List.copyOf(bindingConstraints);
        Objects.requireNonNull(hashes, "hashes");
        Objects.requireNonNull(timingsMs, "timingsMs");
        if (dailyReturns.size() != metrics.days()) {
            throw new IllegalArgumentException("dailyReturns must have one entry per metrics day (" + metrics.days()
                    + "), had " + dailyReturns.size());
        }
    }

    /** @return this report with its timings set to zero, for comparing two runs of the same inputs */
    public BacktestReport withoutTimings() {
        return new BacktestReport(
                schemaVersion,
                config,
                metrics,
                tradeMetrics,
                turnover,
                probabilisticSharpe,
                sharpeInterval,
                contributions,
                strategies,
                ic,
                dailyReturns,
                weights,
                trades,
                bindingConstraints,
                comparison,
                hashes,
                new Timings(0, 0, 0, 0));
    }
}
