package io.alphaweave.platform.app;

import io.alphaweave.platform.evaluation.ProbabilisticSharpe;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import io.alphaweave.platform.evaluation.TradeMetrics;
import io.alphaweave.platform.evaluation.TurnoverMetrics;
import java.util.List;
import java.util.Objects;

/**
 * The same strategies, allocator and constraints run with every registered combiner, and each
 * strategy alone. Immutable.
 *
 * @param combiners one row per registered combiner
 * @param strategiesAlone one row per strategy of the config
 */
public record ComparisonTable(List<Row> combiners, List<Row> strategiesAlone) {
    /** Copies the rows. */
    public ComparisonTable {
        combiners = List.copyOf(combiners);
        strategiesAlone = List.copyOf(strategiesAlone);
    }

    /**
     * One run of the comparison.
     *
     * @param label the combiner id or the strategy id
     * @param kind {@code combiner} or {@code strategy}
     * @param finalEquity the account value at the last close, NaN when the run failed
     * @param metrics its return metrics
     * @param tradeMetrics its round-trip trade metrics
     * @param turnover its turnover
     * @param probabilisticSharpe its probabilistic Sharpe ratio
     */
    public record Row(
            String label,
            String kind,
            double finalEquity,
            ReturnMetrics metrics,
            TradeMetrics tradeMetrics,
            TurnoverMetrics turnover,
            ProbabilisticSharpe probabilisticSharpe) {
        /** Checks nulls. */
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(tradeMetrics, "tradeMetrics");
            Objects.requireNonNull(turnover, "turnover");
            Objects.requireNonNull(probabilisticSharpe, "probabilisticSharpe");
        }
    }
}
