package io.alphaweave.platform.app;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper.Builder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.alphaweave.api.AlphaweaveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one JSON mapping of the project: every JSON document alphaweave writes (reports, validation
 * results, the store's JSON columns, HTTP bodies) goes through it, so they all look alike.
 *
 * <ul>
 *   <li>keys are snake_case, a digit run starting a new word ({@code var95} → {@code var_95},
 *       {@code tStat} → {@code t_stat}); record components keep their declaration order;
 *   <li>a non-finite double (NaN, ±∞) is written as {@code null} (JSON has no such numbers), and a
 *       {@code null} read into a primitive {@code double} becomes NaN;
 *   <li>{@code java.time} values are ISO-8601 strings ({@code 2014-01-02}, {@code 2026-12-03T08:00:00Z});
 *   <li>output is indented with Jackson's default pretty printer; unknown keys on reading are errors.
 * </ul>
 *
 * <p>Thread-safe: the mapper is configured once and only read.
 */
public final class JsonMapper {
    private static final ObjectMapper MAPPER = build();

    private JsonMapper() {}

    /**
     * @return the shared mapper; do not reconfigure it (copy it with {@link ObjectMapper#copy()} for a
     *     variant)
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value a record, map, list or tree
     * @return its indented JSON, no trailing newline
     * @throws IllegalStateException when the value cannot be written (a programming error)
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON: " + e, e);
        }
    }

    /**
     * @param value a record, map, list or tree
     * @param file the file to (over)write; its parent directories are created
     * @throws AlphaweaveException (bad input) naming the file when it cannot be written
     */
    public static void write(Object value, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, write(value));
        } catch (IOException e) {
            throw new AlphaweaveException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param json a JSON document
     * @param type the record (or other class) to read it into
     * @param <T> the type
     * @return the value
     * @throws IllegalArgumentException naming the type and the problem when the document does not fit
     */
    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "not a valid " + type.getSimpleName() + " document: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param value a record, map or list
     * @return it as a tree (non-finite doubles as null nodes)
     */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * The key a Java name gets in JSON.
     *
     * @param camel a camelCase name, e.g. {@code cvar95}
     * @return the snake_case key, e.g. {@code cvar_95}
     */
    public static String snakeCase(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                if (!b.isEmpty()) {
                    b.append('_');
                }
                b.append(Character.toLowerCase(ch));
            } else if (Character.isDigit(ch) && !b.isEmpty() && !Character.isDigit(b.charAt(b.length() - 1))) {
                b.append('_').append(ch);
            } else {
                b.append(ch);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static ObjectMapper build() {
        SimpleModule numbers = new SimpleModule("alphaweave-numbers");
        numbers.addSerializer(Double.class, new FiniteOrNull());
        numbers.addSerializer(double.class, new FiniteOrNull());
        numbers.addDeserializer(double.class, new NullAsNaN());
        Builder b = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(numbers)
                .propertyNamingStrategy(new SnakeCase())
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY);
        return b.build();
    }

    /** snake_case with digit runs as words, like the METRICS.md names ({@code var_95}). */
    private static final class SnakeCase extends PropertyNamingStrategies.NamingBase {
        private static final long serialVersionUID = 1L;

        @Override
        public String translate(String name) {
            return name == null ? null : snakeCase(name);
        }
    }

    private static final class FiniteOrNull extends StdScalarSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                gen.writeNumber(value);
            } else {
                gen.writeNull();
            }
        }
    }

    private static final class NullAsNaN extends StdScalarDeserializer<Double> {
        private static final long serialVersionUID = 1L;

        NullAsNaN() {
            super(double.class);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return Double.NaN;
            }
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT || p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            return (Double) ctxt.handleUnexpectedToken(double.class, p);
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }
}
