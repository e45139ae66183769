package io.alphaweave.platform.evaluation;

import io.alphaweave.api.AlphaweaveException;

/**
 * A return series cannot be evaluated: a missing (NaN) or infinite value, unsorted dates, mismatched
 * lengths, or a malformed returns file. The message names the index/date or file:line.
 */
public class InvalidReturnsException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and where */
    public InvalidReturnsException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying failure
     */
    public InvalidReturnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
