package io.alphaweave.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphaweave.platform.app.JsonMapper;

/**
 * JSON for a {@code <script type="application/json">} block of a page: compact, and with {@code <},
 * {@code >}, {@code &} and the JavaScript line separators as {@code \}{@code uXXXX} escapes, so that no
 * value (a strategy name such as {@code </script><img src=x onerror=…>}) can end the block or start
 * markup. {@code JSON.parse} reads it back unchanged.
 */
public final class SafeJson {
    private SafeJson() {}

    /**
     * @param value a record, list or map
     * @return its JSON, safe inside a script element
     */
    public static String of(Object value) {
        String json;
        try {
            json = JsonMapper.mapper()
                    .writer()
                    .without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write page data as JSON: " + e.getOriginalMessage(), e);
        }
        StringBuilder out = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
