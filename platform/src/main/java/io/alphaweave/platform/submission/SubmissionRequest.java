package io.alphaweave.platform.submission;

import io.alphaweave.api.AlphaweaveException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A definition submitted for a verdict. Checked on construction, so a request that exists is one the
 * service will take.
 *
 * @param filename the file name, {@code [A-Za-z0-9_.-]}, 1..100 characters, ending in {@code .yaml},
 *     {@code .yml}, {@code .js} or {@code .mjs}
 * @param source the definition's text, 1..{@link #MAX_SOURCE_BYTES} bytes in UTF-8
 * @param author who submits, {@code [A-Za-z0-9_.@-]}, 1..64 characters
 * @param family the family of related attempts the trial counts in, same alphabet as author
 */
public record SubmissionRequest(String filename, String source, String author, String family) {
    /** The largest definition accepted: 256 KiB. */
    public static final int MAX_SOURCE_BYTES = 256 * 1024;

    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    /** Checks every field; errors name the field, the rule and the value. */
    public SubmissionRequest {
        if (filename == null || !FILE.matcher(filename).matches() || !isDefinitionName(filename)) {
            throw new AlphaweaveException("filename must be 1..100 characters of [A-Za-z0-9_.-] ending in .yaml, .yml,"
                    + " .js or .mjs, was " + quote(filename));
        }
        if (source == null || source.isBlank()) {
            throw new AlphaweaveException("source must be the definition's text, was empty");
        }
        int bytes = source.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOURCE_BYTES) {
            throw new AlphaweaveException(
                    "source must be at most " + MAX_SOURCE_BYTES + " bytes in UTF-8, was " + bytes + " bytes");
        }
        author = author == null || author.isEmpty() ? "anonymous" : author;
        family = family == null || family.isEmpty() ? "default" : family;
        if (!NAME.matcher(author).matches()) {
            throw new AlphaweaveException("author must be 1..64 characters of [A-Za-z0-9_.@-], was " + quote(author));
        }
        if (!NAME.matcher(family).matches()) {
            throw new AlphaweaveException("family must be 1..64 characters of [A-Za-z0-9_.@-], was " + quote(family));
        }
    }

    private static boolean isDefinitionName(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".js") || name.endsWith(".mjs");
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
