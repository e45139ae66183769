package io.alphaweave.platform.store;

import java.util.Objects;

/**
 * A signal set as stored.
 *
 * @param id the store's id of the set
 * @param key what its signals are a function of
 * @param rowCount how many signal rows it holds, ≥ 0
 */
public record StoredSignalSet(long id, SignalSetKey key, long rowCount) {

    /** Validates. */
    public StoredSignalSet {
        Objects.requireNonNull(key, "key");
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must be ≥ 0, was " + rowCount);
        }
    }
}
