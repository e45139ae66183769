package io.alphaweave.platform.submission;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tells waiters when a submission reaches a final status, so a client can wait for its verdict in one
 * request instead of polling. A submission this process evaluates ({@link #evaluating}) wakes its waiters
 * the moment it is {@link #finished}; any other (evaluated by another process on the same store) is read
 * from the store every poll interval. Waiting costs no thread: {@link #whenFinal} answers a future.
 * Thread-safe.
 */
public final class VerdictNotifier implements AutoCloseable {
    private final SubmissionRepository repository;
    private final Duration pollInterval;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<String> local = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, CompletableFuture<Void>> signals = new ConcurrentHashMap<>();

    /**
     * @param repository where submissions are read
     * @param pollInterval how often a submission evaluated elsewhere is read again, positive
     */
    public VerdictNotifier(SubmissionRepository repository, Duration pollInterval) {
        this.repository = Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        this.pollInterval = pollInterval;
        this.scheduler = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("alphaweave-verdict-waits").daemon().factory());
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** @param id a submission this process has queued for evaluation */
    void evaluating(String id) {
        local.add(id);
    }

    /**
     * Wakes the waiters of a submission whose final status is stored (or that this process gave up).
     *
     * @param id the submission
     */
    void finished(String id) {
        local.remove(id);
        CompletableFuture<Void> signal = signals.remove(id);
        if (signal != null) {
            // the waiters read the store and answer on the notifier's thread, not the evaluating one
            scheduler.execute(() -> signal.complete(null));
        }
    }

    /**
     * The submission once its status is final, or as it is after {@code timeout}.
     *
     * @param id a submission id
     * @param timeout the longest wait; zero answers at once
     * @return a future of the submission (empty when there is no such id); it fails only when the store
     *     does
     */
    public CompletableFuture<Optional<Submission>> whenFinal(String id, Duration timeout) {
        Objects.requireNonNull(id, "id");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be ≥ 0, was " + timeout);
        }
        // registered before the store is read, so a verdict stored in between still wakes this waiter
        CompletableFuture<Void> signal = signals.computeIfAbsent(id, k -> new CompletableFuture<>());
        Optional<Submission> now = repository.find(id);
        if (now.isEmpty() || now.get().status().isFinal() || timeout.isZero()) {
            if (!local.contains(id)) {
                signals.remove(id, signal);
            }
            return CompletableFuture.completedFuture(now);
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        signal.thenRun(() -> mine.complete(null));
        ScheduledFuture<?> timer =
                scheduler.schedule(() -> mine.complete(null), timeout.toNanos(), TimeUnit.NANOSECONDS);
        ScheduledFuture<?> poll = local.contains(id)
                ? null
                : scheduler.scheduleWithFixedDelay(
                        () -> {
                            try {
                                if (repository
                                        .find(id)
                                        .map(s -> s.status().isFinal())
                                        .orElse(true)) {
                                    mine.complete(null);
                                }
                            } catch (RuntimeException e) {
                                // the store failed: the waiter hears of it (a repeating task would stop silently)
                                mine.completeExceptionally(e);
                            }
                        },
                        pollInterval.toNanos(),
                        pollInterval.toNanos(),
                        TimeUnit.NANOSECONDS);
        return mine.thenApply(v -> {
            timer.cancel(false);
            if (poll != null) {
                poll.cancel(false);
                signals.remove(id, signal);
            }
            return repository.find(id);
        });
    }

    /** @return how many submissions have waiters registered (for tests and the operator) */
    int waitedOn() {
        return signals.size();
    }

    /** Answers every pending wait with the submission as it is now, then stops the notifier's thread. */
    @Override
    public void close() {
        for (String id : signals.keySet()) {
            CompletableFuture<Void> signal = signals.remove(id);
            if (signal != null) {
                signal.complete(null);
            }
        }
        scheduler.shutdownNow();
    }
}
