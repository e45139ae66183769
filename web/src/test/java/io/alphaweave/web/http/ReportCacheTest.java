package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
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
        assertThat(new String(first.full().json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":[1.5,2,null],\"b\":\"x y\"}");
        assertThat(new GZIPInputStream(new ByteArrayInputStream(first.full().gzip())).readAllBytes())
                .isEqualTo(first.full().json());
        assertThat(new GZIPInputStream(new ByteArrayInputStream(first.summary().gzip())).readAllBytes())
                .isEqualTo(first.summary().json());
    }

    @Test
    void splitsTheTradesWeightsAndDailyConfidenceIntoItemsAndKeepsTheRestInTheSummary() {
        String report = "{\"metrics\": {\"sharpe\": 1.0}, \"trades\": [{\"q\": 1}, {\"q\": 2}],"
                + " \"weights\": [{\"date\": \"2016-01-04\"}],"
                + " \"strategies\": {\"m/x\": {\"metrics\": {}, \"confidence_over_time\": [3, 4, 5]}}}";
        ReportCache.Entry e = new ReportCache(4, 1 << 20).get("r1", () -> report);
        assertThat(e.parts())
                .containsExactly(
                        Map.entry("/trades", List.of("{\"q\":1}", "{\"q\":2}")),
                        Map.entry("/weights", List.of("{\"date\":\"2016-01-04\"}")),
                        Map.entry("/strategies/m~1x/confidence_over_time", List.of("3", "4", "5")));
        assertThat(new String(e.summary().json(), StandardCharsets.UTF_8))
                .isEqualTo("{\"metrics\":{\"sharpe\":1.0},\"strategies\":{\"m/x\":{\"metrics\":{}}},"
                        + "\"omitted\":[{\"pointer\":\"/trades\",\"count\":2,\"href\":\"/api/v1/backtests/r1/trades\"},"
                        + "{\"pointer\":\"/weights\",\"count\":1,\"href\":\"/api/v1/backtests/r1/weights\"},"
                        + "{\"pointer\":\"/strategies/m~1x/confidence_over_time\",\"count\":3,"
                        + "\"href\":\"/api/v1/backtests/r1/strategies/m%2Fx/confidence_over_time\"}],"
                        + "\"full_report\":\"/api/v1/backtests/r1/report?full=true\"}");
        assertThat(e.summary().jsonTag())
                .isNotEqualTo(e.full().jsonTag())
                .startsWith("\"")
                .hasSize(66);
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

        long one = byCount.get("a", () -> REPORT).bytes();
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
