package io.alphaweave.platform.backtest;

import io.alphaweave.platform.evaluation.PortfolioReport;
import java.util.Objects;

/**
 * One row of a combination comparison: a combiner over all strategies, or one strategy alone (a
 * portfolio of one). Immutable.
 *
 * @param label the combiner id, or the strategy id for a strategy alone
 * @param kind {@code combiner} or {@code strategy}
 * @param finalEquity the final equity
 * @param report every metric of the run
 */
public record ComparisonRow(String label, String kind, double finalEquity, PortfolioReport report) {

    /** Checks nulls. */
    public ComparisonRow {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(report, "report");
    }
}
