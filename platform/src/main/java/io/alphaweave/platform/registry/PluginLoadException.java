package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;

/**
 * A plugin JAR could not be installed or loaded: not a JAR, no or bad PF4J descriptor, a missing
 * dependency, a plugin whose {@code start()} threw. The message names the JAR and the reason.
 */
public class PluginLoadException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message the JAR, what failed and how to fix it */
    public PluginLoadException(String message) {
        super(message);
    }

    /**
     * @param message the JAR, what failed and how to fix it
     * @param cause the underlying failure
     */
    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
