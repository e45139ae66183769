package io.alphaweave.platform.store;

/** Where a stored run (or job) is in its lifecycle. */
public enum RunStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** Started; results not yet written. A run whose owner process died reads {@link #INTERRUPTED}. */
    RUNNING,
    /** Every result written, in the same transaction as this status. */
    COMPLETE,
    /** Stopped by an error; the error category and message are stored. */
    FAILED,
    /** Stopped on request. */
    CANCELLED,
    /** Its owner process stopped (crash, kill) before the results were written. */
    INTERRUPTED;

    /** @return true for the states a run never leaves */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
