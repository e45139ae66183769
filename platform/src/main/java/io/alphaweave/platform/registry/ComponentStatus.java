package io.alphaweave.platform.registry;

import java.util.Objects;

/** Whether a registry entry can be used: loaded, or failed with a reason. Immutable. */
public sealed interface ComponentStatus {

    /** @return {@code "loaded"} or {@code "failed"} */
    String label();

    /** @return whether the component can be looked up and used */
    default boolean isLoaded() {
        return this instanceof Loaded;
    }

    /** @return the failure reason, or empty when loaded */
    default String reason() {
        return this instanceof Failed f ? f.reason() : "";
    }

    /** The component is registered and resolvable by id. */
    record Loaded() implements ComponentStatus {
        @Override
        public String label() {
            return "loaded";
        }
    }

    /**
     * The component is known but unusable.
     *
     * @param reason one line: what failed and how to fix it; never blank
     * @param duplicateOf for a rejected duplicate, the source that keeps the id; otherwise null
     */
    record Failed(String reason, ComponentSource duplicateOf) implements ComponentStatus {
        /** Validates the reason. */
        public Failed {
            Objects.requireNonNull(reason, "reason must not be null");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("reason must not be blank");
            }
        }

        /** @param reason one line: what failed and how to fix it; never blank */
        public Failed(String reason) {
            this(reason, null);
        }

        @Override
        public String label() {
            return "failed";
        }
    }
}
