package io.alphaweave.api;

/** A parameter of a strategy, combiner or allocator is missing, of the wrong type or out of range. */
public class InvalidParameterException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the parameter, the rule and the value, e.g. {@code "window must be ≥ 2, was 1"}
     */
    public InvalidParameterException(String message) {
        super(message);
    }
}
