package io.alphaweave.benchmarks;

import io.alphaweave.platform.store.AllocationRow;
import io.alphaweave.platform.store.CompletionSummary;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.NewRun;
import io.alphaweave.platform.store.PerformanceRow;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunResults;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.SignalRow;
import io.alphaweave.platform.store.SignalSet;
import io.alphaweave.platform.store.SignalSetKey;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.store.TradeRow;
import io.alphaweave.platform.store.TradeSide;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The store's throughput (issue 14): signal rows per second written by {@code complete} (COPY on
 * PostgreSQL, JDBC batches on H2) for 505 symbols × 1,254 days × 3 strategies ≈ 1.9 million rows, the
 * same run stored again (no signal rows), and {@code runs list} over 10,000 stored runs. A main-class
 * harness, not JMH: each figure is one wall-clock measurement, repeated; the median is printed.
 *
 * <p>{@code StoreBenchmark h2|postgres [repeats]}; PostgreSQL from {@code ALPHAWEAVE_BENCH_PG_URL}
 * (default the local server, user postgres) in a database created and dropped by the harness.
 */
public final class StoreBenchmark {
    private static final int SYMBOLS = 505;
    private static final int DAYS = 1_254;
    private static final String[] STRATEGIES = {"momentum", "mean_reversion", "volatility_breakout"};

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : "h2";
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String adminUrl = System.getenv()
                .getOrDefault("ALPHAWEAVE_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String database = "alphaweave_bench_" + UUID.randomUUID().toString().substring(0, 8);
        Path home = null;
        String url;
        if (engine.equals("postgres")) {
            admin(adminUrl, "CREATE DATABASE " + database);
            url = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
        } else {
            home = Files.createTempDirectory("alphaweave-store-bench");
            url = StoreSettings.h2FileUrl(home);
        }
        try (Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            System.out.printf("engine %s, %d symbols × %d days × %d strategies%n", db.engine(), SYMBOLS, DAYS, 3);
            signalRates(db, repeats);
            listRuns(db, repeats);
        } finally {
            if (engine.equals("postgres")) {
                admin(adminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } else {
                deleteTree(home);
            }
        }
    }

    private static void signalRates(Database db, int repeats) {
        List<String> symbols = new ArrayList<>();
        for (int s = 0; s < SYMBOLS; s++) {
            symbols.add(String.format("S%03d", s));
        }
        double[] rates = new double[repeats];
        double[] rerunMillis = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            List<SignalSet> sets = new ArrayList<>();
            for (String strategy : STRATEGIES) {
                sets.add(new SignalSet(key(strategy, "data-" + r), rows(symbols, strategy.hashCode())));
            }
            long rows = sets.stream().mapToLong(s -> s.rows().size()).sum();
            String run = db.runs().start(newRun("bench " + r, "data-" + r)).id();
            long t0 = System.nanoTime();
            CompletionSummary summary = db.runs().complete(run, results(sets));
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (summary.signalRowsInserted() != rows) {
                throw new IllegalStateException("wrote " + summary.signalRowsInserted() + " rows, expected " + rows);
            }
            rates[r] = rows / seconds;
            String again = db.runs()
                    .start(newRun("bench " + r + " again", "data-" + r))
                    .id();
            long t1 = System.nanoTime();
            CompletionSummary rerun = db.runs().complete(again, results(sets));
            rerunMillis[r] = (System.nanoTime() - t1) / 1e6;
            System.out.printf(
                    "  run %d: %,d signal rows in %.2f s = %,.0f rows/s; same run again: %d rows, %.0f ms,"
                            + " repeats %s%n",
                    r, rows, seconds, rates[r], rerun.signalRowsInserted(), rerunMillis[r], rerun.equivalentRunId());
        }
        System.out.printf("signal rows/s: median %,.0f (%s)%n", median(rates), Arrays.toString(round(rates)));
        System.out.printf("same run stored again: median %.0f ms%n", median(rerunMillis));
    }

    private static void listRuns(Database db, int repeats) {
        int existing = db.runs().list(new RunQuery(null, 10_000)).size();
        long t0 = System.nanoTime();
        for (int i = existing; i < 10_000; i++) {
            String id = db.runs().start(newRun("listed " + i, "data-list")).id();
            if (i % 3 == 0) {
                db.runs().fail(id, "BAD_INPUT", "synthetic");
            }
        }
        System.out.printf("stored %,d runs in %.1f s%n", 10_000 - existing, (System.nanoTime() - t0) / 1e9);
        for (RunQuery query :
                List.of(RunQuery.latest(50), new RunQuery(RunStatus.FAILED, 50), RunQuery.latest(1_000))) {
            double[] millis = new double[Math.max(repeats, 5) * 4];
            for (int i = 0; i < millis.length; i++) {
                long t = System.nanoTime();
                int n = db.runs().list(query).size();
                millis[i] = (System.nanoTime() - t) / 1e6;
                if (n != query.limit()) {
                    throw new IllegalStateException("listed " + n + " runs, expected " + query.limit());
                }
            }
            System.out.printf(
                    "runs list (status %s, limit %d) over 10,000 runs: median %.2f ms, first %.2f ms, max %.2f ms%n",
                    query.status() == null ? "any" : query.status(),
                    query.limit(),
                    median(millis),
                    millis[0],
                    Arrays.stream(millis).max().orElseThrow());
        }
    }

    private static SignalSetKey key(String strategy, String dataset) {
        return new SignalSetKey(
                strategy,
                "sha256:" + strategy,
                "{\"lookback\":20}",
                dataset,
                LocalDate.of(2019, 1, 2),
                LocalDate.of(2019, 1, 2).plusDays(DAYS - 1));
    }

    private static List<SignalRow> rows(List<String> symbols, int seed) {
        List<SignalRow> rows = new ArrayList<>(symbols.size() * DAYS);
        LocalDate start = LocalDate.of(2019, 1, 2);
        for (int s = 0; s < symbols.size(); s++) {
            for (int d = 0; d < DAYS; d++) {
                double score = Math.sin(seed + s * 0.37 + d * 0.011);
                rows.add(new SignalRow(symbols.get(s), start.plusDays(d), score, Math.abs(score), 5, true, null));
            }
        }
        return rows;
    }

    private static NewRun newRun(String name, String dataset) {
        return new NewRun(
                name, "{\"config\":1}", Map.of("momentum", "sha256:momentum"), "cfg", "code", dataset, "bench");
    }

    private static RunResults results(List<SignalSet> sets) {
        List<AllocationRow> allocations = new ArrayList<>();
        LocalDate start = LocalDate.of(2019, 1, 31);
        for (int m = 0; m < 60; m++) {
            allocations.add(new AllocationRow(start.plusMonths(m), "equal_weight", "{\"S000\":0.5}", 1e6, "{}", "[]"));
        }
        List<TradeRow> trades = new ArrayList<>();
        for (int t = 0; t < 5_000; t++) {
            trades.add(new TradeRow(
                    "S" + (t % 505),
                    TradeSide.BUY,
                    null,
                    start.plusDays(t % 1000),
                    null,
                    100,
                    Double.NaN,
                    10,
                    1,
                    0,
                    "{}"));
        }
        List<PerformanceRow> performance = new ArrayList<>();
        for (String strategy : STRATEGIES) {
            performance.add(
                    new PerformanceRow(strategy, LocalDate.of(2023, 6, 7), 1254, 1, 0.1, -0.2, 0.5, 0.02, "{}"));
        }
        return new RunResults(sets, allocations, performance, trades, "{\"report\":1}");
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
