package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaweaveException;

/**
 * A run stopped because its {@link CancellationToken} was cancelled. Front ends handle it by type (a
 * job becomes CANCELLED); its category is {@link io.alphaweave.api.ErrorCategory#BAD_INPUT} (the
 * caller asked for it, nothing broke).
 */
public final class RunCancelledException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param phase the phase the run was in when it noticed */
    public RunCancelledException(RunPhase phase) {
        super("the run was cancelled during " + phase.name().toLowerCase(java.util.Locale.ROOT));
    }
}
