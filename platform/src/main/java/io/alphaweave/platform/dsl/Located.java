package io.alphaweave.platform.dsl;

import java.util.List;
import java.util.Map;

/**
 * A value of a definition document with where it came from. {@code value} is a {@link String},
 * {@link Long}, {@link Double}, {@link Boolean}, {@code null}, a {@code Map<String, Located>} (in
 * file order) or a {@code List<Located>}; {@code raw} is a scalar's text as written.
 *
 * @param value the typed value
 * @param raw a scalar's source text, or null for collections
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 * @param contentLine the line where a scalar's text starts (the line after a {@code |} indicator)
 */
record Located(Object value, String raw, int line, int column, int contentLine) {

    @SuppressWarnings("unchecked")
    Map<String, Located> map() {
        return (Map<String, Located>) value;
    }

    @SuppressWarnings("unchecked")
    List<Located> list() {
        return (List<Located>) value;
    }

    boolean isMap() {
        return value instanceof Map;
    }

    boolean isList() {
        return value instanceof List;
    }

    boolean isScalar() {
        return !isMap() && !isList();
    }

    String typeName() {
        if (value == null) {
            return "null";
        }
        if (isMap()) {
            return "a mapping";
        }
        if (isList()) {
            return "a list";
        }
        return value instanceof String ? "a string" : value instanceof Boolean ? "a boolean" : "a number";
    }
}
