package io.alphaweave.platform.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Defensive copies that keep insertion order (Map.copyOf does not), for the report records. */
final class Copies {
    private Copies() {}

    static <K, V> Map<K, V> ordered(Map<K, V> map, String name) {
        Objects.requireNonNull(map, name);
        Map<K, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(
                Objects.requireNonNull(k, () -> name + " must not have a null key"),
                Objects.requireNonNull(v, () -> name + "[" + k + "] must not be null")));
        return Collections.unmodifiableMap(copy);
    }

    static void finite(double value, String name) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, was " + value);
        }
    }

    static void nonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be ≥ 0, was " + value);
        }
    }
}
