package io.alphaweave.platform.registry;

import java.util.List;

/**
 * Told about every change of the registry's entries (a plugin added or removed, a definition
 * registered or replaced, a duplicate promoted). Called on the thread that changed the registry,
 * in order, after the change is visible to readers; must return quickly and must not wait for other
 * threads that change the registry. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface RegistryListener {

    /**
     * @param change what appeared and what went; an entry whose status changed appears in both
     */
    void registryChanged(Change change);

    /**
     * One change of the registry.
     *
     * @param added entries that appeared (or whose status changed), copied
     * @param removed entries that went (or whose status changed), copied
     */
    record Change(List<ComponentEntry> added, List<ComponentEntry> removed) {
        /** Copies the lists. */
        public Change {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }
}
