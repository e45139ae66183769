package io.alphaweave.platform.submission;

/**
 * Where a submission stands. {@link #QUEUED} and {@link #RUNNING} are transient; every other status is a
 * verdict and final.
 */
public enum SubmissionStatus {
    /** Waiting for a worker. */
    QUEUED,
    /** Being evaluated by a worker JVM. */
    RUNNING,
    /** Every criterion passed; the strategy is registered under its content hash. */
    ACCEPTED,
    /** It loaded and ran, but failed one or more criteria (see the verdict's reasons). */
    REJECTED,
    /** The definition did not load or broke its contract (see the verdict's problems). */
    INVALID,
    /** Its signals at a day change when later data is added: it reads the future. */
    LOOKAHEAD,
    /** It ran out of its statement budget or the worker's wall-clock deadline. */
    TIMEOUT,
    /** It exhausted its allocation budget or the worker JVM's heap. */
    MEMORY_LIMIT,
    /** It tried what the sandbox forbids (host classes, other languages, loading code) or recursed too deep. */
    SANDBOX_VIOLATION;

    /** @return true for a verdict (every status but QUEUED and RUNNING) */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
