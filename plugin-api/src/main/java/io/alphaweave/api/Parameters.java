package io.alphaweave.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A complete, validated set of parameter values for one component: every declared parameter has a
 * value of its declared type within its range. Immutable and thread-safe.
 *
 * @param values parameter name → value ({@link Integer}, {@link Double}, {@link Boolean} or
 *     {@link String}); copied
 */
public record Parameters(Map<String, Object> values) {

    /** Copies the map; values are trusted to be validated (use {@link #resolve}). */
    public Parameters {
        values = Map.copyOf(Objects.requireNonNull(values, "values must not be null"));
    }

    /**
     * Validates raw config values against the declared specs and fills in defaults.
     *
     * @param specs the declared parameters
     * @param raw config values by name; may be null or empty; unknown names are an error
     * @return the complete validated set
     * @throws InvalidParameterException naming the parameter, the rule and the value, or an unknown
     *     name together with the known ones
     */
    public static Parameters resolve(List<ParameterSpec> specs, Map<String, ?> raw) {
        Map<String, Object> given = raw == null ? new LinkedHashMap<>() : new LinkedHashMap<>(raw);
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            out.put(spec.name(), spec.validate(given.remove(spec.name())));
        }
        if (!given.isEmpty()) {
            throw new InvalidParameterException("unknown parameter(s) " + given.keySet() + "; known: "
                    + specs.stream().map(ParameterSpec::name).toList());
        }
        return new Parameters(out);
    }

    /**
     * @param name a declared INT parameter
     * @return its value
     */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /**
     * @param name a declared INT or DOUBLE parameter
     * @return its value
     */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /**
     * @param name a declared BOOLEAN parameter
     * @return its value
     */
    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    /**
     * @param name a declared STRING parameter
     * @return its value
     */
    public String getString(String name) {
        return (String) require(name);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new InvalidParameterException("no parameter named " + name + "; known: " + values.keySet());
        }
        return v;
    }
}
