package io.alphaweave.platform.store;

import java.util.Objects;

/** Argument checks shared by the row records, with messages naming the field, the rule and the value. */
final class Checks {
    private Checks() {}

    static String nonBlank(String value, String field, int maxLength) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(
                    field + " must be at most " + maxLength + " characters, was " + value.length());
        }
        return value;
    }

    static String json(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a JSON document, was blank");
        }
        return value;
    }

    static double unitInterval(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
        return value;
    }
}
