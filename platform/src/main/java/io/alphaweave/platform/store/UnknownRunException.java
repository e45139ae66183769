package io.alphaweave.platform.store;

import io.alphaweave.api.ErrorCategory;

/** No stored run has the id asked for (bad input). */
public final class UnknownRunException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param runId the id that was not found */
    public UnknownRunException(String runId) {
        super("run '" + runId + "' is not in the store; list the stored runs with `alphaweave runs list`");
    }

    /** @return {@link ErrorCategory#BAD_INPUT}: an id the user gave names no run */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.BAD_INPUT;
    }
}
