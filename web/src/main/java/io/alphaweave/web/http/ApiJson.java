package io.alphaweave.web.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.LocalDate;

/**
 * The one JSON rendering of the service: snake_case record components, undefined numbers (NaN, ±∞)
 * as {@code null}, dates as ISO-8601 ({@code 2018-02-07}). Thread-safe.
 */
final class ApiJson {
    private static final ObjectMapper MAPPER = create();

    private ApiJson() {}

    private static ObjectMapper create() {
        JsonSerializer<Double> finiteOrNull = new JsonSerializer<>() {
            @Override
            public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                if (value == null || !Double.isFinite(value)) {
                    gen.writeNull();
                } else {
                    gen.writeNumber(value);
                }
            }
        };
        SimpleModule numbers = new SimpleModule("finite-or-null");
        numbers.addSerializer(Double.class, finiteOrNull);
        numbers.addSerializer(double.class, finiteOrNull);
        numbers.addSerializer(LocalDate.class, ToStringSerializer.instance);
        return new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .registerModule(numbers);
    }

    /** @return the shared mapper (read-only use) */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param value a record, map, list or scalar
     * @return its JSON as UTF-8 bytes
     */
    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
