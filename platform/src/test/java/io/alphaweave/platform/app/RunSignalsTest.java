package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.TestComponents;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.store.AllocationRow;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.SignalRow;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.store.StoredSignalSet;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs stored through {@link RunService} keep their strategies' signal sets, once per key, and each weight's split. */
class RunSignalsTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static ComponentRegistry registry;
    static DatasetCatalog catalog;
    static BacktestService service;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        registry = ComponentRegistry.builder().build();
        registry.register(ComponentSource.java("mom"), new TestComponents.Momentum("mom", 20));
        registry.register(ComponentSource.java("calm"), new TestComponents.Momentum("calm", 60));
        registry.register(ComponentSource.java("avg"), new TestComponents.WeightedAverage("avg"));
        registry.register(ComponentSource.java("strong"), new TestComponents.Strongest("strong"));
        registry.register(ComponentSource.java("prop"), new TestComponents.Proportional("prop"));
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none(),
                Map.of(
                        "ALPHAWEAVE_HOME",
                        REPO.resolve("platform/target/app-test-home").toString()),
                Map.of("alphaweave.home", REPO.toString(), "user.home", "/nowhere"));
        catalog = DatasetCatalog.of(w);
        service = new BacktestService(registry, catalog);
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    static BacktestConfig config(String end) {
        String yaml = """
                name: signals
                dataset: sample
                universe: [AAPL, MSFT, JPM, XOM, KO, PG, GE, INTC, T, WMT]
                period: {start: 2016-01-01, end: %s}
                capital: 100000
                strategies: [{id: mom, weight: 1.0}, {id: calm, weight: 0.5}]
                combiner: avg
                allocator: prop
                constraints: {max_position: 0.15, long_only: true, gross_leverage: 1.0}
                rebalance: weekly
                execution: {commission_bps: 1, slippage_bps: 2}
                """.formatted(end);
        try {
            return BacktestConfig.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml), "signals", catalog);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("runs");
    }

    private RunService.Stored store(Database db, BacktestConfig config, boolean compare) {
        return new RunService(db)
                .runAndStore(
                        "signals.yaml",
                        () -> service.runWithSignals(
                                new BacktestRequest.Portfolio(config, compare),
                                ProgressListener.NONE,
                                CancellationToken.create()));
    }

    private Database open() {
        return Database.open(
                StoreSettings.of(url(), Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC)));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSameConfigRunTwiceAddsNoSignalRowsTheSecondTimeAndAnotherPeriodAddsNewSets() throws SQLException {
        List<StoredSignalSet> first, second, shorter;
        try (Database db = open()) {
            first = db.runs().signalSets(store(db, config("2017-06-30"), false).runId());
        }
        long rowsAfterFirst = count("SELECT COUNT(*) FROM strategy_signal");
        assertThat(first).extracting(s -> s.key().strategyId()).containsExactlyInAnyOrder("mom", "calm");
        assertThat(rowsAfterFirst)
                .isPositive()
                .isEqualTo(first.stream().mapToLong(StoredSignalSet::rowCount).sum());

        try (Database db = open()) {
            second = db.runs().signalSets(store(db, config("2017-06-30"), false).runId());
        }
        assertThat(count("SELECT COUNT(*) FROM strategy_signal")).isEqualTo(rowsAfterFirst);
        assertThat(count("SELECT COUNT(*) FROM signal_set")).isEqualTo(2);
        assertThat(second)
                .extracting(StoredSignalSet::id)
                .containsExactlyInAnyOrderElementsOf(
                        first.stream().map(StoredSignalSet::id).toList());

        try (Database db = open()) {
            shorter =
                    db.runs().signalSets(store(db, config("2017-03-31"), false).runId());
        }
        assertThat(count("SELECT COUNT(*) FROM signal_set")).isEqualTo(4);
        assertThat(shorter).extracting(s -> s.key().periodEnd()).containsOnly(LocalDate.of(2017, 3, 31));
        assertThat(count("SELECT COUNT(*) FROM strategy_signal"))
                .isEqualTo(rowsAfterFirst
                        + shorter.stream().mapToLong(StoredSignalSet::rowCount).sum());
        assertThat(count("SELECT COUNT(*) FROM run_signal_set")).isEqualTo(6);
    }

    @Test
    void theStoredRowsAreEverySignalTheStrategyEmittedOverThePeriod() {
        BacktestConfig config = config("2017-06-30");
        PreparedBacktest prepared = PortfolioBacktest.prepare(config, registry);
        AlphaMatrix mom = PortfolioBacktest.computeSignals(
                        prepared.data(), prepared.setup().strategies())
                .of("mom");
        int first = prepared.firstDay();
        long expected = 0;
        for (int s = 0; s < prepared.data().symbolCount(); s++) {
            double[] a = mom.alpha(s);
            for (int d = first; d < prepared.data().dayCount(); d++) {
                expected += Double.isNaN(a[d]) ? 0 : 1;
            }
        }
        try (Database db = open()) {
            StoredSignalSet set = db.runs().signalSets(store(db, config, false).runId()).stream()
                    .filter(s -> s.key().strategyId().equals("mom"))
                    .findFirst()
                    .orElseThrow();
            List<SignalRow> rows = db.runs().signals(set.id());
            assertThat(rows).hasSize((int) expected);
            // a sample chosen by the database: every 7th row of the same order, from the first
            List<SignalRow> sample = db.runs().sampledSignals(set.id(), 7);
            assertThat(sample).hasSize((rows.size() + 6) / 7);
            for (int i = 0; i < sample.size(); i++) {
                SignalRow full = rows.get(i * 7);
                assertThat(sample.get(i).symbol()).isEqualTo(full.symbol());
                assertThat(sample.get(i).date()).isEqualTo(full.date());
                assertThat(sample.get(i).alphaScore()).isEqualTo(full.alphaScore());
            }
            // the drawing sample: every 7th row in write order (by date, then the panel's symbol order)
            List<SignalRow> written = new java.util.ArrayList<>(rows);
            written.sort(java.util.Comparator.comparing(SignalRow::date)
                    .thenComparingInt(r -> prepared.data().indexOf(r.symbol())));
            List<SignalRow> drawn = db.runs().signalSample(set.id(), 7);
            assertThat(drawn).hasSize((rows.size() + 6) / 7);
            for (int i = 0; i < drawn.size(); i++) {
                SignalRow full = written.get(i * 7);
                assertThat(drawn.get(i).symbol()).isEqualTo(full.symbol());
                assertThat(drawn.get(i).date()).isEqualTo(full.date());
                assertThat(drawn.get(i).alphaScore()).isEqualTo(full.alphaScore());
                assertThat(drawn.get(i).horizonDays()).isEqualTo(full.horizonDays());
            }
            assertThatThrownBy(() -> db.runs().signalSample(set.id(), 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("every must be ≥ 1, was 0");
            assertThat(set.key().periodStart()).isEqualTo(prepared.data().date(first));
            assertThat(set.key().periodEnd()).isEqualTo(LocalDate.of(2017, 6, 30));
            assertThat(set.key().parametersJson()).isEqualTo("{}");
            for (SignalRow row : rows.subList(0, 50)) {
                int s = prepared.data().indexOf(row.symbol());
                int d = java.util.Arrays.binarySearch(prepared.data().calendar(), row.date());
                assertThat(row.alphaScore()).isEqualTo(mom.alpha(s)[d]);
                assertThat(row.confidence()).isEqualTo(mom.confidence(s)[d]);
                assertThat(row.horizonDays())
                        .isEqualTo(registry.strategy("mom").describe().horizonDays());
            }
        }
    }

    @Test
    void aComparisonOfSeveralCombinersStoresOneSetPerStrategy() throws SQLException {
        try (Database db = open()) {
            List<StoredSignalSet> sets =
                    db.runs().signalSets(store(db, config("2017-06-30"), true).runId());
            assertThat(sets).extracting(s -> s.key().strategyId()).containsExactlyInAnyOrder("mom", "calm");
        }
        assertThat(count("SELECT COUNT(*) FROM signal_set")).isEqualTo(2);
    }

    @Test
    void eachStoredWeightIsSplitByStrategyAndTheBindingConstraintsAreKept() throws IOException {
        try (Database db = open()) {
            RunService.Stored stored = store(db, config("2017-06-30"), false);
            List<AllocationRow> allocations = db.runs().allocations(stored.runId());
            assertThat(allocations).hasSize(stored.report().weights().size()).isNotEmpty();
            ObjectMapper json = new ObjectMapper();
            boolean anyBinding = false;
            boolean anySplitAcrossBoth = false;
            for (int i = 0; i < allocations.size(); i++) {
                AllocationRow row = allocations.get(i);
                Map<String, Double> weights = stored.report().weights().get(i).weights();
                Map<String, Map<String, Double>> split =
                        json.readValue(row.provenanceJson(), new TypeReference<Map<String, Map<String, Double>>>() {});
                assertThat(split.keySet()).isEqualTo(weights.keySet());
                for (var symbol : weights.entrySet()) {
                    Map<String, Double> parts = split.get(symbol.getKey());
                    assertThat(parts.keySet()).containsExactlyInAnyOrder("mom", "calm");
                    assertThat(parts.values().stream()
                                    .mapToDouble(Double::doubleValue)
                                    .sum())
                            .isCloseTo(symbol.getValue(), within(1e-12));
                    anySplitAcrossBoth |= parts.values().stream().allMatch(p -> p > 0);
                }
                anyBinding |= !row.bindingConstraintsJson().equals("[]");
            }
            assertThat(anySplitAcrossBoth).isTrue();
            assertThat(anyBinding).isTrue();
        }
    }
}
