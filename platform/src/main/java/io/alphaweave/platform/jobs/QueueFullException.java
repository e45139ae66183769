package io.alphaweave.platform.jobs;

import io.alphaweave.api.AlphaweaveException;

/** The backtest queue holds as many QUEUED jobs as it accepts; the caller may try again later. */
public final class QueueFullException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /**
     * @param queued how many jobs are queued
     * @param limit the most the queue accepts
     * @param retryAfterSeconds when to try again, ≥ 1
     */
    public QueueFullException(long queued, int limit, long retryAfterSeconds) {
        super("the backtest queue is full (" + queued + " queued, the limit is " + limit + "); try again in "
                + retryAfterSeconds + " s");
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be ≥ 1, was " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** @return seconds after which a new submission may be accepted */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
