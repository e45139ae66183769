package io.alphaweave.api;

import java.util.Objects;

/**
 * Declares one typed parameter of a component: its name, type, default and allowed range.
 * Immutable.
 *
 * @param name the key used in configs, snake_case or camelCase; never blank
 * @param type the value type
 * @param defaultValue the value used when a config omits the parameter; must itself be valid
 * @param min the smallest allowed numeric value (inclusive), or {@code null} for none; numbers only
 * @param max the largest allowed numeric value (inclusive), or {@code null} for none; numbers only
 * @param description one line for users and the registry listing; never null
 */
public record ParameterSpec(String name, Type type, Object defaultValue, Double min, Double max, String description) {

    /** The types a parameter may have. */
    public enum Type {
        /** A whole number (Java {@code int}). */
        INT,
        /** A real number (Java {@code double}), finite. */
        DOUBLE,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Free text. */
        STRING
    }

    /** Validates the declaration, including its default against its own range. */
    public ParameterSpec {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(description, "description must not be null");
        if (name.isBlank()) {
            throw new InvalidParameterException("parameter name must not be blank");
        }
        if ((min != null || max != null) && type != Type.INT && type != Type.DOUBLE) {
            throw new InvalidParameterException(
                    "parameter " + name + ": min/max apply to INT and DOUBLE only, type was " + type);
        }
        if (min != null && max != null && min > max) {
            throw new InvalidParameterException("parameter " + name + ": min must be ≤ max, was " + min + " > " + max);
        }
        defaultValue = coerce(name, type, min, max, defaultValue);
    }

    /**
     * An integer parameter.
     *
     * @param name key
     * @param defaultValue default
     * @param min inclusive lower bound
     * @param max inclusive upper bound
     * @param description one line
     * @return the spec
     */
    public static ParameterSpec ofInt(String name, int defaultValue, int min, int max, String description) {
        return new ParameterSpec(name, Type.INT, defaultValue, (double) min, (double) max, description);
    }

    /**
     * A real-valued parameter.
     *
     * @param name key
     * @param defaultValue default
     * @param min inclusive lower bound
     * @param max inclusive upper bound
     * @param description one line
     * @return the spec
     */
    public static ParameterSpec ofDouble(String name, double defaultValue, double min, double max, String description) {
        return new ParameterSpec(name, Type.DOUBLE, defaultValue, min, max, description);
    }

    /**
     * A boolean parameter.
     *
     * @param name key
     * @param defaultValue default
     * @param description one line
     * @return the spec
     */
    public static ParameterSpec ofBoolean(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, defaultValue, null, null, description);
    }

    /**
     * A text parameter.
     *
     * @param name key
     * @param defaultValue default
     * @param description one line
     * @return the spec
     */
    public static ParameterSpec ofString(String name, String defaultValue, String description) {
        return new ParameterSpec(name, Type.STRING, defaultValue, null, null, description);
    }

    /**
     * Checks and converts a raw config value (from YAML, JSON or code) to this parameter's type.
     *
     * @param raw the value; {@code null} means "use the default"
     * @return an {@link Integer}, {@link Double}, {@link Boolean} or {@link String}
     * @throws InvalidParameterException naming the parameter, the rule and the value
     */
    public Object validate(Object raw) {
        return raw == null ? defaultValue : coerce(name, type, min, max, raw);
    }

    private static Object coerce(String name, Type type, Double min, Double max, Object raw) {
        Objects.requireNonNull(raw, () -> "parameter " + name + ": default must not be null");
        Object value =
                switch (type) {
                    case INT -> {
                        if (raw instanceof Integer
                                || raw instanceof Long
                                || raw instanceof Short
                                || raw instanceof Byte) {
                            long l = ((Number) raw).longValue();
                            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                                throw new InvalidParameterException(name + " must fit in an int, was " + raw);
                            }
                            yield (int) l;
                        }
                        if (raw instanceof Number n
                                && n.doubleValue() == Math.rint(n.doubleValue())
                                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
                            yield (int) n.doubleValue();
                        }
                        throw new InvalidParameterException(name + " must be a whole number, was " + describe(raw));
                    }
                    case DOUBLE -> {
                        if (raw instanceof Number n && Double.isFinite(n.doubleValue())) {
                            yield n.doubleValue();
                        }
                        throw new InvalidParameterException(name + " must be a finite number, was " + describe(raw));
                    }
                    case BOOLEAN -> {
                        if (raw instanceof Boolean b) {
                            yield b;
                        }
                        throw new InvalidParameterException(name + " must be true or false, was " + describe(raw));
                    }
                    case STRING -> {
                        if (raw instanceof String s) {
                            yield s;
                        }
                        throw new InvalidParameterException(name + " must be a string, was " + describe(raw));
                    }
                };
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (min != null && d < min) {
                throw new InvalidParameterException(name + " must be ≥ " + format(min) + ", was " + raw);
            }
            if (max != null && d > max) {
                throw new InvalidParameterException(name + " must be ≤ " + format(max) + ", was " + raw);
            }
        }
        return value;
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static String describe(Object raw) {
        return raw instanceof String s
                ? "\"" + s + "\""
                : raw + " (" + raw.getClass().getSimpleName() + ")";
    }
}
