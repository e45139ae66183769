package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class ReportCacheTest {
    private static final String REPORT = "{\n  \"a\" : [ 1.5, 2, null ],\n  \"b\" : \"x y\"\n}";

    @Test
    void servesCompactJsonAndItsGzipAndReadsTheStoreOncePerRun() throws Exception {
        ReportCache cache = new ReportCache(4, 1 << 20);
        AtomicInteger reads = new AtomicInteger();
        ReportCache.Entry first = cache.get("r1", () -> {
            reads.incrementAndGet();
            return REPORT;
        });
        ReportCache.Entry again = cache.get("r1", () -> {
            reads.incrementAndGet();
            return REPORT;
        });
        assertThat(reads).hasValue(1);
        assertThat(again).isSameAs(first);
        assertThat(new String(first.json(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":[1.5,2,null],\"b\":\"x y\"}");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(first.gzip())).readAllBytes())
                .isEqualTo(first.json());
    }

    @Test
    void dropsTheLeastRecentlyReadPastItsCountOrByteLimitAndOnEviction() {
        ReportCache byCount = new ReportCache(2, 1 << 20);
        byCount.get("a", () -> REPORT);
        byCount.get("b", () -> REPORT);
        byCount.get("a", () -> REPORT);
        byCount.get("c", () -> REPORT);
        assertThat(byCount.size()).isEqualTo(2);
        AtomicInteger reads = new AtomicInteger();
        byCount.get("b", () -> {
            reads.incrementAndGet();
            return REPORT;
        });
        assertThat(reads).as("b was the least recently read, so it went").hasValue(1);

        long one = byCount.get("a", () -> REPORT).json().length
                + byCount.get("a", () -> REPORT).gzip().length;
        ReportCache byBytes = new ReportCache(100, 2 * one + 1);
        byBytes.get("a", () -> REPORT);
        byBytes.get("b", () -> REPORT);
        byBytes.get("c", () -> REPORT);
        assertThat(byBytes.size()).isEqualTo(2);
        byBytes.evict("c");
        assertThat(byBytes.size()).isEqualTo(1);

        ReportCache tooSmall = new ReportCache(100, 1);
        tooSmall.get("a", () -> REPORT);
        assertThat(tooSmall.size()).isZero();
    }
}
