package io.alphaweave.api;

/** A signal value broke its contract: NaN, infinite or out of its documented range. */
public class InvalidSignalException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the field, the rule and the value, e.g. {@code "alphaScore must be in [-1, 1], was 1.5"}
     */
    public InvalidSignalException(String message) {
        super(message);
    }

    /** @return {@link ErrorCategory#COMPONENT_FAULT}: a component broke its contract or its limits */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.COMPONENT_FAULT;
    }
}
