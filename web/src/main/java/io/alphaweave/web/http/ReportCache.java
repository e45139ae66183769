package io.alphaweave.web.http;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphaweave.platform.app.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * The reports the API served lately, as compact JSON bytes and their gzip: a COMPLETE run's report
 * never changes, so it is read and serialized once, not per request. Least recently used entries go
 * first past {@code capacity} entries or {@code maxBytes} bytes (a report larger than that is served
 * but not kept). Thread-safe.
 */
final class ReportCache {
    /**
     * A serialized report.
     *
     * @param json compact UTF-8 JSON
     * @param gzip the same bytes, gzip-compressed
     */
    record Entry(byte[] json, byte[] gzip) {}

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
        Entry made = serialize(reportJson.get());
        long size = (long) made.json().length + made.gzip().length;
        if (size > maxBytes) {
            return made;
        }
        synchronized (entries) {
            Entry previous = entries.put(runId, made);
            bytes += size - (previous == null ? 0 : (long) previous.json().length + previous.gzip().length);
            var eldest = entries.values().iterator();
            while (entries.size() > capacity || bytes > maxBytes) {
                Entry e = eldest.next();
                bytes -= (long) e.json().length + e.gzip().length;
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
                bytes -= (long) e.json().length + e.gzip().length;
            }
        }
    }

    /** @return how many reports are held */
    int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private static Entry serialize(String json) {
        try {
            var mapper = JsonMapper.mapper();
            byte[] compact = mapper.writer()
                    .without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(mapper.readTree(json));
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(compact.length / 4 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(compact);
            }
            return new Entry(compact, zipped.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a stored report: " + e.getMessage(), e);
        }
    }
}
