package io.alphaweave.platform.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One JAR of the plugins directory as the registry sees it. Immutable.
 *
 * @param pluginId the manifest's {@code Plugin-Id}, or the file name when the descriptor could not
 *     be read
 * @param version the manifest's {@code Plugin-Version}, or empty
 * @param jar the JAR file (absolute)
 * @param sha256 lower-case hex SHA-256 of the JAR, or empty when it could not be read
 * @param state started or failed
 * @param error why it failed, or (for a started plugin) which of its extensions failed; empty when
 *     all is well
 * @param components ids of the components it registered (loaded or failed), in registration order
 */
public record PluginStatus(
        String pluginId, String version, Path jar, String sha256, State state, String error, List<String> components) {

    /** The fixed plugin states. */
    public enum State {
        /** Loaded and started; its extensions are registered. */
        STARTED,
        /** Not usable; {@link #error()} says why. */
        FAILED;

        /** @return lower-case label for listings and JSON */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks nulls and copies the list. */
    public PluginStatus {
        Objects.requireNonNull(pluginId, "pluginId must not be null");
        Objects.requireNonNull(jar, "jar must not be null");
        Objects.requireNonNull(state, "state must not be null");
        version = version == null ? "" : version;
        sha256 = sha256 == null ? "" : sha256;
        error = error == null ? "" : error;
        components = List.copyOf(components == null ? List.of() : components);
        if (state == State.FAILED && error.isBlank()) {
            throw new IllegalArgumentException("a failed plugin needs an error (" + pluginId + ")");
        }
    }
}
