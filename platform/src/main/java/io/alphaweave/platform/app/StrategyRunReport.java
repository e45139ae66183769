package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.alphaweave.platform.evaluation.ProbabilisticSharpe;
import io.alphaweave.platform.evaluation.SharpeInterval;
import io.alphaweave.platform.evaluation.TradeMetrics;
import io.alphaweave.platform.evaluation.TurnoverMetrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One strategy run alone through the same combiner, allocator and constraints over the period, with
 * the statistics of its signals. Immutable.
 *
 * @param metrics its book's return metrics and final equity
 * @param tradeMetrics round-trip trade metrics of its book
 * @param turnover its book's turnover
 * @param probabilisticSharpe the probabilistic Sharpe ratio of its returns
 * @param sharpeInterval a bootstrap interval of its Sharpe ratio, or null when not computed
 * @param alphaHistogram the distribution of its alpha scores over the period
 * @param confidenceOverTime per trading day of the period: mean confidence, mean |alpha|, symbols with
 *     a view
 */
public record StrategyRunReport(
        RunMetrics metrics,
        TradeMetrics tradeMetrics,
        TurnoverMetrics turnover,
        ProbabilisticSharpe probabilisticSharpe,
        @JsonInclude(JsonInclude.Include.NON_NULL) SharpeInterval sharpeInterval,
        Histogram alphaHistogram,
        List<ConfidencePoint> confidenceOverTime) {

    /** Checks nulls and copies the series. */
    public StrategyRunReport {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(tradeMetrics, "tradeMetrics");
        Objects.requireNonNull(turnover, "turnover");
        Objects.requireNonNull(probabilisticSharpe, "probabilisticSharpe");
        Objects.requireNonNull(alphaHistogram, "alphaHistogram");
        confidenceOverTime = List.copyOf(confidenceOverTime);
    }

    /**
     * A histogram of alpha scores.
     *
     * @param edges bin edges, ascending, one more than counts
     * @param counts scores per bin, each ≥ 0
     * @param total number of scores (non-NaN cells)
     * @param mean their mean, NaN when there are none
     * @param std their standard deviation, NaN when undefined
     */
    public record Histogram(List<Double> edges, List<Long> counts, long total, double mean, double std) {
        /** Checks the shape and copies. */
        public Histogram {
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
            if (edges.size() != counts.size() + 1) {
                throw new IllegalArgumentException("edges must have counts + 1 entries, had " + edges.size()
                        + " edges for " + counts.size() + " counts");
            }
            Copies.nonNegative(total, "total");
        }
    }

    /**
     * One day of a strategy's signal statistics.
     *
     * @param date the trading day
     * @param meanConfidence mean confidence over the symbols with a view, NaN when none
     * @param meanAbsAlpha mean |alpha| over the symbols with a view, NaN when none
     * @param symbolsWithView symbols with a non-NaN alpha, ≥ 0
     */
    public record ConfidencePoint(LocalDate date, double meanConfidence, double meanAbsAlpha, int symbolsWithView) {
        /** Checks the date and the count. */
        public ConfidencePoint {
            Objects.requireNonNull(date, "date");
            Copies.nonNegative(symbolsWithView, "symbolsWithView");
        }
    }
}
