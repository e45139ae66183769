package io.alphaweave.platform.app;

/**
 * Asks a running backtest to stop. The run checks it between phases and before every rebalance, and
 * then throws {@link RunCancelledException}; nothing partial is returned. Thread-safe: any thread may
 * cancel.
 */
public final class CancellationToken {
    private volatile boolean cancelled;

    /** @return a token nobody has cancelled yet */
    public static CancellationToken create() {
        return new CancellationToken();
    }

    /** Asks the run to stop at its next check; idempotent. */
    public void cancel() {
        cancelled = true;
    }

    /** @return whether {@link #cancel()} was called */
    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * @param phase the phase the caller is in, for the message
     * @throws RunCancelledException when cancelled
     */
    public void check(RunPhase phase) {
        if (cancelled) {
            throw new RunCancelledException(phase);
        }
    }
}
