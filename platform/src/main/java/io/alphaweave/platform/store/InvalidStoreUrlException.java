package io.alphaweave.platform.store;

import io.alphaweave.api.ErrorCategory;

/** The database URL names no supported engine (bad input). */
public final class InvalidStoreUrlException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** @param message the URL without password, the rule and how to fix it */
    public InvalidStoreUrlException(String message) {
        super(message);
    }

    /** @return {@link ErrorCategory#BAD_INPUT}: the user gave the URL */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.BAD_INPUT;
    }
}
