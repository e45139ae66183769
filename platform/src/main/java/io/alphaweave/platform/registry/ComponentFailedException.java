package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;

/** A component was asked for by id, but its registration failed; the message gives the reason. */
public class ComponentFailedException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message the component, its source and why it failed */
    public ComponentFailedException(String message) {
        super(message);
    }

    /** @return {@link ErrorCategory#COMPONENT_FAULT}: a component broke its contract or its limits */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.COMPONENT_FAULT;
    }
}
