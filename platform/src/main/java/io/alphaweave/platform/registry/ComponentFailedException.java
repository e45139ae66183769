package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;

/** A component was asked for by id, but its registration failed; the message gives the reason. */
public class ComponentFailedException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message the component, its source and why it failed */
    public ComponentFailedException(String message) {
        super(message);
    }
}
