package io.alphaweave.platform.store;

/** A lifecycle step was asked of a run (or job) that is not in the state it needs, e.g. completing a run that is not RUNNING. */
public final class RunStateException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param message the run, the state it needs and the state it is in */
    public RunStateException(String message) {
        super(message);
    }
}
