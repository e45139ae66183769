package io.alphaweave.platform.registry;

import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the registry: a strategy, combiner or allocator, where it came from and whether it
 * can be used. Immutable; the component instance itself is obtained with {@link
 * ComponentRegistry#strategy}, {@link ComponentRegistry#combiner} or {@link
 * ComponentRegistry#allocator}.
 *
 * @param id the component id (for a component that failed before it could describe itself, its
 *     class name)
 * @param kind strategy, combiner or allocator
 * @param source where it came from (type, location, version, SHA-256)
 * @param info what the component says about itself, or {@code null} when it failed before {@code
 *     describe()} answered
 * @param status loaded, or failed with the reason
 */
public record ComponentEntry(
        String id, ComponentKind kind, ComponentSource source, ComponentInfo info, ComponentStatus status) {

    /** Checks nulls; {@code info} may be null only for a failed entry. */
    public ComponentEntry {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(status, "status must not be null");
        if (info == null && status.isLoaded()) {
            throw new IllegalArgumentException("a loaded entry needs its ComponentInfo (" + id + ")");
        }
    }

    /** @return the component's own version, or empty when unknown */
    public String version() {
        return info == null ? "" : info.version();
    }

    /** @return the one-line summary, or empty when unknown */
    public String summary() {
        return info == null ? "" : info.summary();
    }

    /** @return the declared parameters, empty when unknown */
    public List<ParameterSpec> parameters() {
        return info == null ? List.of() : info.parameters();
    }

    /** @return the describe() answer, if the component gave one */
    public Optional<ComponentInfo> describe() {
        return Optional.ofNullable(info);
    }

    /** @return whether the component can be looked up and used */
    public boolean isLoaded() {
        return status.isLoaded();
    }

    /**
     * For loaders that must refuse what the registry rejected (e.g. an HTTP submission).
     *
     * @return this entry, when loaded
     * @throws DuplicateComponentException when it was rejected because another source has the id
     * @throws ComponentFailedException with the reason, for any other failure
     */
    public ComponentEntry requireLoaded() {
        if (status instanceof ComponentStatus.Failed f) {
            if (f.duplicateOf() != null) {
                throw new DuplicateComponentException(kind, id, f.duplicateOf(), source);
            }
            throw new ComponentFailedException(kind.name().toLowerCase(java.util.Locale.ROOT) + " \"" + id + "\" from "
                    + source.describe() + " was rejected: " + f.reason());
        }
        return this;
    }
}
