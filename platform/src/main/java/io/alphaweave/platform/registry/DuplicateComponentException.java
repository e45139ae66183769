package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import java.util.Locale;

/**
 * Two sources provide a component of the same kind with the same id. The registry keeps the first
 * one working and records the second as failed with this message, which names both sources.
 */
public class DuplicateComponentException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    private final transient ComponentSource kept;
    private final transient ComponentSource rejected;

    /**
     * @param kind the component kind
     * @param id the contested id
     * @param kept the source that registered the id first and keeps it
     * @param rejected the source whose component was rejected
     */
    public DuplicateComponentException(ComponentKind kind, String id, ComponentSource kept, ComponentSource rejected) {
        super("duplicate " + kind.name().toLowerCase(Locale.ROOT) + " id \"" + id + "\": " + rejected.describe()
                + " was rejected because " + kept.describe()
                + " already provides it; rename one of them or remove one source");
        this.kept = kept;
        this.rejected = rejected;
    }

    /** @return the source that keeps the id */
    public ComponentSource kept() {
        return kept;
    }

    /** @return the source whose component was rejected */
    public ComponentSource rejected() {
        return rejected;
    }
}
