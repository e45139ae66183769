package io.alphaweave.platform.store;

/** No stored run has the id asked for (bad input). */
public final class UnknownRunException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param runId the id that was not found */
    public UnknownRunException(String runId) {
        super("run '" + runId + "' is not in the store; list the stored runs with `alphaweave runs list`");
    }
}
