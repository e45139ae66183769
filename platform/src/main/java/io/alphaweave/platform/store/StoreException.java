package io.alphaweave.platform.store;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;

/**
 * A store operation failed. Its category is {@link ErrorCategory#INTERNAL} (an environment failure, exit
 * 1) unless a subclass says otherwise.
 */
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

    /** @return {@link ErrorCategory#INTERNAL}: the database or its contents failed, not the user's input */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.INTERNAL;
    }
}
