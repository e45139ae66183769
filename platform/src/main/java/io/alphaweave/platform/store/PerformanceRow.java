package io.alphaweave.platform.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A strategy's (or the portfolio's) performance in a run. Undefined metrics are NaN, stored as NaN.
 *
 * @param strategyId the strategy id, 1–200 characters
 * @param evaluationDate the last date evaluated
 * @param lookbackDays the trading days evaluated, ≥ 0
 * @param sharpeRatio annualized Sharpe ratio (METRICS.md)
 * @param totalReturn total return as a fraction
 * @param maxDrawdown maximum drawdown as a fraction
 * @param winRate fraction of winning periods
 * @param icMean mean information coefficient
 * @param metricsJson every other metric, as JSON text
 */
public record PerformanceRow(
        String strategyId,
        LocalDate evaluationDate,
        int lookbackDays,
        double sharpeRatio,
        double totalReturn,
        double maxDrawdown,
        double winRate,
        double icMean,
        String metricsJson) {

    /** Validates. */
    public PerformanceRow {
        Checks.nonBlank(strategyId, "strategyId", 200);
        Objects.requireNonNull(evaluationDate, "evaluationDate");
        if (lookbackDays < 0) {
            throw new IllegalArgumentException("lookbackDays must be ≥ 0, was " + lookbackDays);
        }
        Checks.json(metricsJson, "metricsJson");
    }
}
