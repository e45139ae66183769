package io.alphaweave.api;

/**
 * The one unchecked base of every error alphaweave raises on purpose. Subclasses are named after
 * what failed; messages name the parameter or field, the rule and the offending value, e.g.
 * {@code "window must be ≥ 2, was 1"}. Each failure has an {@link ErrorCategory} (see {@link
 * #category()}).
 */
public class AlphaweaveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, the rule and the value; never null
     */
    public AlphaweaveException(String message) {
        super(message);
    }

    /**
     * @param message what failed, the rule and the value; never null
     * @param cause the underlying failure, may be null
     */
    public AlphaweaveException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whose fault this failure is. Wrapping adds context, not blame: an exception caused by another
     * {@code AlphaweaveException} has its cause's category; otherwise {@link ErrorCategory#BAD_INPUT},
     * unless a subclass says otherwise.
     *
     * @return the category
     */
    public ErrorCategory category() {
        return getCause() instanceof AlphaweaveException cause ? cause.category() : ErrorCategory.BAD_INPUT;
    }
}
