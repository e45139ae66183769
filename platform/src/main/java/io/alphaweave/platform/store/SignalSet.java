package io.alphaweave.platform.store;

import java.util.List;
import java.util.Objects;

/**
 * A strategy's signals over a period, with the key they are a function of.
 *
 * @param key what the signals are a function of
 * @param rows the signals (copied); at most one per (symbol, date) — the store does not check this, the
 *     producer guarantees it
 */
public record SignalSet(SignalSetKey key, List<SignalRow> rows) {

    /** Validates and copies. */
    public SignalSet {
        Objects.requireNonNull(key, "key");
        rows = List.copyOf(rows);
    }
}
