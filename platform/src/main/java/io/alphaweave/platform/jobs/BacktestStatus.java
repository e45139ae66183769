package io.alphaweave.platform.jobs;

import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.RunSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a submitted backtest is.
 *
 * @param id the run id
 * @param name the config's name
 * @param status the run's state
 * @param progress fraction done in [0, 1]
 * @param createdAt when it was submitted (UTC)
 * @param startedAt when a worker started it, or null
 * @param finishedAt when it reached a final state, or null
 * @param queuedMillis how long it waited for a worker (so far, if still queued at {@code now})
 * @param runningMillis how long it ran (so far, if still running), or null if it never started
 * @param attempts how many times a worker claimed its job (0 while queued)
 * @param cancelRequested whether cancellation was asked for
 * @param errorCategory the category of a FAILED run, else null
 * @param errorMessage why it FAILED or was INTERRUPTED, else null
 */
public record BacktestStatus(
        String id,
        String name,
        RunStatus status,
        double progress,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        long queuedMillis,
        Long runningMillis,
        int attempts,
        boolean cancelRequested,
        String errorCategory,
        String errorMessage) {

    /** Validates. */
    public BacktestStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return whether the run has reached a state it never leaves */
    public boolean isFinal() {
        return status != RunStatus.QUEUED && status != RunStatus.RUNNING;
    }

    static BacktestStatus of(RunSummary run, int attempts, boolean cancelRequested, Instant now) {
        Instant queuedUntil =
                run.startedAt() != null ? run.startedAt() : run.finishedAt() != null ? run.finishedAt() : now;
        Long running = run.startedAt() == null
                ? null
                : Duration.between(run.startedAt(), run.finishedAt() != null ? run.finishedAt() : now)
                        .toMillis();
        return new BacktestStatus(
                run.id(),
                run.name(),
                run.status(),
                run.progress(),
                run.createdAt(),
                run.startedAt(),
                run.finishedAt(),
                Math.max(0, Duration.between(run.createdAt(), queuedUntil).toMillis()),
                running == null ? null : Math.max(0, running),
                attempts,
                cancelRequested,
                run.errorCategory(),
                run.errorMessage());
    }
}
