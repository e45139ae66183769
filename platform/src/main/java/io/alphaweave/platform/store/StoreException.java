package io.alphaweave.platform.store;

import io.alphaweave.api.AlphaweaveException;

/** A store operation failed for a reason other than the database being unreachable. */
public class StoreException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message what failed and, where known, how to fix it */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed and, where known, how to fix it
     * @param cause the underlying failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
