package io.alphaweave.web.http;

import static io.alphaweave.web.http.ApiTestClient.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.NewRun;
import io.alphaweave.platform.store.PerformanceRow;
import io.alphaweave.platform.store.RunResults;
import io.alphaweave.platform.store.SignalRow;
import io.alphaweave.platform.store.SignalSet;
import io.alphaweave.platform.store.SignalSetKey;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code latest_metrics} and {@code alpha_histogram} of {@code GET /components/{id}} over runs stored on H2. */
class ComponentInsightsApiTest {
    private static final String STORED = "rsi_reversion_yaml";
    private static final String UNSTORED = "sma_cross_yaml";

    @TempDir
    static Path dir;

    private static ComponentRegistry registry;
    private static Database db;
    private static ApiServer server;
    private static ApiTestClient client;
    private static String newerRun;

    /** A clock one second later at every reading, so that runs finish in the order they are written. */
    private static final class Ticking extends Clock {
        private final AtomicLong seconds =
                new AtomicLong(Instant.parse("2026-01-05T10:00:00Z").getEpochSecond());

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.incrementAndGet());
        }
    }

    @BeforeAll
    static void start() {
        registry = ComponentRegistry.empty();
        for (String file : List.of(
                "strategies/rsi_reversion.yaml", "strategies/sma_cross.yaml", "combiners/agreement_weighted.js")) {
            Path p = ROOT.resolve("strategies-yaml").resolve(file);
            registry.register(
                    ComponentSource.definition(p),
                    DefinitionLoader.shared().load(p).component());
        }
        db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(dir.resolve("store")), new Ticking()));
        // an older complete run, a newer complete run with a signal set, then a run of another strategy
        store("older", STORED, 0.5, List.of());
        newerRun = store("newer", STORED, 1.25, scores(-1.0, -0.95, 0.0, 0.0, 0.52, 1.0));
        store("unrelated", "momentum_other", 9.0, List.of());
        // a run that fails after it started: never the latest metrics
        String failed = db.runs().start(newRun("failed")).summary().id();
        db.runs().fail(failed, "INTERNAL", "boom");

        server = ApiServer.create(
                        new ApiServer.Settings(1 << 16, 10_000, false, List.of(), "1.0.0-test"),
                        ApiTestClient.servicesWithInsights(registry, ROOT, dir, db.runs()),
                        new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC()),
                        Clock.systemUTC())
                .start("127.0.0.1", 0);
        client = new ApiTestClient(server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
        registry.close();
    }

    private static NewRun newRun(String name) {
        return new NewRun(name, "{\"dataset\":\"sample\"}", Map.of(), "cfg-" + name, "code", "data", "0.1.0");
    }

    private static List<SignalRow> scores(double... alphas) {
        List<SignalRow> rows = new ArrayList<>();
        for (int i = 0; i < alphas.length; i++) {
            rows.add(new SignalRow("S" + i, LocalDate.of(2020, 1, 2), alphas[i], 1.0, 5, false, null));
        }
        return rows;
    }

    private static String store(String name, String strategy, double sharpe, List<SignalRow> signals) {
        String id = db.runs().start(newRun(name)).summary().id();
        List<SignalSet> sets = signals.isEmpty()
                ? List.of()
                : List.of(new SignalSet(
                        new SignalSetKey(
                                strategy,
                                "sha256:" + name,
                                "{}",
                                "data",
                                LocalDate.of(2020, 1, 2),
                                LocalDate.of(2020, 1, 2)),
                        signals));
        db.runs()
                .complete(
                        id,
                        new RunResults(
                                sets,
                                List.of(),
                                List.of(new PerformanceRow(
                                        strategy, LocalDate.of(2020, 12, 31), 251, sharpe, 0.1, -0.2, 0.5, 0.01, "{}")),
                                List.of(),
                                "{}"));
        return id;
    }

    @Test
    void latestMetricsComeFromTheNewestCompleteRunThatUsedTheStrategy() {
        JsonNode m = client.get("/api/v1/components/" + STORED).json().get("latest_metrics");

        assertThat(m.get("run_id").asText()).isEqualTo(newerRun);
        assertThat(m.get("run_name").asText()).isEqualTo("newer");
        assertThat(m.get("sharpe").asDouble()).isEqualTo(1.25);
        assertThat(m.get("total_return").asDouble()).isEqualTo(0.1);
        assertThat(m.get("max_drawdown").asDouble()).isEqualTo(-0.2);
        assertThat(m.get("finished_at").asText()).startsWith("2026-01-05T10:");
    }

    @Test
    void theHistogramOfAStoredSignalSetHasTwentyBinsOverMinusOneToOne() {
        JsonNode h = client.get("/api/v1/components/" + STORED).json().get("alpha_histogram");

        assertThat(h.get("source").asText()).isEqualTo("stored");
        assertThat(h.get("signal_set_id").isNumber()).isTrue();
        assertThat(h.get("edges")).hasSize(21);
        assertThat(h.get("edges").get(0).asDouble()).isEqualTo(-1.0);
        assertThat(h.get("edges").get(20).asDouble()).isEqualTo(1.0);
        long[] counts = new long[20];
        for (int i = 0; i < 20; i++) {
            counts[i] = h.get("counts").get(i).asLong();
        }
        // −1 and −0.95 in the first bin, the two zeros in bin 10, 0.52 in bin 15, +1 in the last (closed) bin
        long[] expected = new long[20];
        expected[0] = 2;
        expected[10] = 2;
        expected[15] = 1;
        expected[19] = 1;
        assertThat(counts).containsExactly(expected);
        assertThat(h.get("total").asLong()).isEqualTo(6);
        assertThat(h.get("mean").asDouble()).isCloseTo((-1.0 - 0.95 + 0.52 + 1.0) / 6, within(1e-12));
    }

    @Test
    void withoutAStoredSetTheHistogramIsComputedOnTheSampleData() {
        JsonNode c = client.get("/api/v1/components/" + UNSTORED).json();

        assertThat(c.get("latest_metrics").isNull()).isTrue();
        JsonNode h = c.get("alpha_histogram");
        assertThat(h.get("source").asText()).isEqualTo("sample");
        assertThat(h.get("signal_set_id").isNull()).isTrue();
        long sum = 0;
        for (JsonNode n : h.get("counts")) {
            sum += n.asLong();
        }
        assertThat(h.get("total").asLong()).isPositive().isEqualTo(sum);
        assertThat(h.get("counts")).hasSize(20);
        // the same answer the second time (cached by content hash)
        assertThat(client.get("/api/v1/components/" + UNSTORED).json().get("alpha_histogram"))
                .isEqualTo(h);
    }

    @Test
    void aCombinerHasNeitherMetricsNorAHistogram() {
        JsonNode c = client.get("/api/v1/components/agreement_weighted_js").json();

        assertThat(c.get("latest_metrics").isNull()).isTrue();
        assertThat(c.get("alpha_histogram").isNull()).isTrue();
    }
}
