package io.alphaweave.platform.jobs;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.store.RunStatus;

/** A run has no report (yet): it is queued, running, or ended without one. */
public final class RunNotCompleteException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    private final RunStatus status;

    /**
     * @param runId the run
     * @param status its state
     */
    public RunNotCompleteException(String runId, RunStatus status) {
        super("run " + runId + " has no report: it is " + status
                + (status == RunStatus.QUEUED || status == RunStatus.RUNNING ? "; ask again once it is COMPLETE" : ""));
        this.status = status;
    }

    /** @return the run's state */
    public RunStatus status() {
        return status;
    }
}
