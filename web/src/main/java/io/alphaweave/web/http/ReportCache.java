package io.alphaweave.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.alphaweave.platform.app.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The reports the API served lately, parsed once: a COMPLETE run's report never changes, so it is
 * read, split ({@link ReportParts}) and serialized once, not per request — the full report and its
 * summary as compact JSON bytes and their gzip, each with a strong entity tag, and every item of every
 * part as compact JSON for the paged routes. Least recently used entries go first past {@code capacity}
 * entries or {@code maxBytes} bytes (a report larger than that is served but not kept). Thread-safe.
 */
final class ReportCache {
    /**
     * One document, serialized.
     *
     * @param json compact UTF-8 JSON
     * @param gzip the same bytes, gzip-compressed
     * @param jsonTag the strong entity tag of {@code json} (quoted SHA-256 of the bytes)
     * @param gzipTag the strong entity tag of {@code gzip} (quoted SHA-256 of the bytes)
     */
    record Body(byte[] json, byte[] gzip, String jsonTag, String gzipTag) {
        /** Checks nulls. */
        Body {
            Objects.requireNonNull(json, "json must not be null");
            Objects.requireNonNull(gzip, "gzip must not be null");
        }

        long bytes() {
            return (long) json.length + gzip.length;
        }
    }

    /**
     * A serialized report.
     *
     * @param full the report as stored
     * @param summary the report without its parts ({@link ReportParts#split})
     * @param parts JSON Pointer into the full report → its items, each as compact JSON
     */
    record Entry(Body full, Body summary, Map<String, List<String>> parts) {
        /** Checks nulls and copies the map. */
        Entry {
            Objects.requireNonNull(full, "full must not be null");
            Objects.requireNonNull(summary, "summary must not be null");
            parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }

        /** @return about how many bytes the entry holds (items count one byte a character: JSON here is ASCII) */
        long bytes() {
            long n = full.bytes() + summary.bytes();
            for (List<String> items : parts.values()) {
                for (String item : items) {
                    n += item.length() + 16;
                }
            }
            return n;
        }
    }

    private static final ObjectWriter COMPACT =
            JsonMapper.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final int capacity;
    private final long maxBytes;
    private final Map<String, Entry> entries;
    private long bytes;

    ReportCache(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be ≥ 1, was " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be ≥ 1, was " + maxBytes);
        }
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * @param runId the run
     * @param reportJson reads the stored report (only on a miss)
     * @return the serialized report
     */
    Entry get(String runId, Supplier<String> reportJson) {
        synchronized (entries) {
            Entry hit = entries.get(runId);
            if (hit != null) {
                return hit;
            }
        }
        Entry made = serialize(reportJson.get(), ApiServer.PREFIX + "/backtests/" + runId);
        long size = made.bytes();
        if (size > maxBytes) {
            return made;
        }
        synchronized (entries) {
            Entry previous = entries.put(runId, made);
            bytes += size - (previous == null ? 0 : previous.bytes());
            var eldest = entries.values().iterator();
            while (entries.size() > capacity || bytes > maxBytes) {
                Entry e = eldest.next();
                bytes -= e.bytes();
                eldest.remove();
            }
        }
        return made;
    }

    /** @param runId a run whose report is gone (deleted) */
    void evict(String runId) {
        synchronized (entries) {
            Entry e = entries.remove(runId);
            if (e != null) {
                bytes -= e.bytes();
            }
        }
    }

    /** @return how many reports are held */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** @return about how many bytes the held reports take */
    long bytes() {
        synchronized (entries) {
            return bytes;
        }
    }

    private static Entry serialize(String json, String runBase) {
        try {
            JsonNode report = JsonMapper.mapper().readTree(json);
            ReportParts.Split split = ReportParts.split(report, runBase);
            Map<String, List<String>> parts = new LinkedHashMap<>();
            for (Map.Entry<String, ArrayNode> p : split.parts().entrySet()) {
                List<String> items = new ArrayList<>(p.getValue().size());
                for (JsonNode item : p.getValue()) {
                    items.add(COMPACT.writeValueAsString(item));
                }
                parts.put(p.getKey(), List.copyOf(items));
            }
            return new Entry(
                    body(COMPACT.writeValueAsBytes(report)), body(COMPACT.writeValueAsBytes(split.summary())), parts);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot serialize a stored report: " + e.getOriginalMessage(), e);
        }
    }

    private static Body body(byte[] json) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot gzip a report in memory: " + e.getMessage(), e);
        }
        byte[] gzip = zipped.toByteArray();
        return new Body(json, gzip, tag(json), tag(gzip));
    }

    /** A strong entity tag: the SHA-256 of the bytes, quoted (RFC 9110 §8.8.3). */
    private static String tag(byte[] bytes) {
        try {
            return "\""
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
