package io.alphaweave.platform.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A strategy's metrics in one COMPLETE stored run.
 *
 * @param runId the run
 * @param runName the run's name
 * @param finishedAt when the run completed (UTC)
 * @param evaluationDate the last day the metrics cover
 * @param sharpeRatio the annualised Sharpe ratio (NaN when undefined)
 * @param totalReturn the total return as a fraction
 * @param maxDrawdown the maximum drawdown as a (negative) fraction
 */
public record StrategyPerformance(
        String runId,
        String runName,
        Instant finishedAt,
        LocalDate evaluationDate,
        double sharpeRatio,
        double totalReturn,
        double maxDrawdown) {
    /** Checks nulls. */
    public StrategyPerformance {
        Objects.requireNonNull(runId, "runId must not be null");
        Objects.requireNonNull(runName, "runName must not be null");
        Objects.requireNonNull(evaluationDate, "evaluationDate must not be null");
    }
}
