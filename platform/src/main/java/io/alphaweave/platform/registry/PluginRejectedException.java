package io.alphaweave.platform.registry;

import java.util.Locale;
import java.util.Objects;

/**
 * An uploaded plugin JAR was refused by {@link PluginInstaller}: the {@link #reason()} says which
 * check failed (machine-readable), the message says what was found and how to fix it. Nothing of the
 * JAR remains installed when this is thrown.
 */
public class PluginRejectedException extends PluginLoadException {
    private static final long serialVersionUID = 1L;

    /** Which check refused the JAR. */
    public enum Reason {
        /** The JAR is larger than the size cap. */
        TOO_LARGE,
        /** The upload is not a JAR (ZIP) file, or a corrupt one. */
        NOT_A_JAR,
        /** An entry name would escape the directory it is extracted into ({@code ../}, absolute, a drive). */
        ZIP_SLIP,
        /** Too many entries, too many uncompressed bytes, or a compression ratio no real JAR has. */
        ZIP_BOMB,
        /** No or a bad PF4J descriptor (Plugin-Id, Plugin-Version in the manifest). */
        BAD_DESCRIPTOR,
        /** A plugin with the same id (or a JAR with the same file name) is already installed. */
        ID_CLASH,
        /** PF4J could not load the plugin, or its {@code start()} threw. */
        START_FAILED,
        /** The plugin started, but one of its components could not be created or registered (or it had none). */
        COMPONENT_FAILED;

        /** @return the lower-case label used in problem documents, e.g. {@code zip_slip} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    /**
     * @param reason which check failed
     * @param message what was found and how to fix it (no server paths)
     */
    public PluginRejectedException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason must not be null");
    }

    /** @return which check failed */
    public Reason reason() {
        return reason;
    }
}
