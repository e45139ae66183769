package io.alphaweave.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.platform.app.BacktestOutcome;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

/**
 * Storing the demo config over all 505 S&amp;P symbols on PostgreSQL (issue 14): the demo's three
 * strategies, combiner, allocator and constraints ({@code strategies-yaml/configs/demo.yaml}) with
 * {@code dataset: sp500} instead of the sample file, run and stored through {@link RunService} exactly
 * as {@code alphaweave backtest CONFIG --db URL} does (without the combiner comparison). Prints, per
 * repeat, the end-to-end time (backtest, signal sets, store), the store part alone (the end-to-end time
 * minus the backtest supplier's time), the rows written, and the same config stored again (signal rows
 * added: 0 expected). Each repeat uses a fresh database, created and dropped here.
 *
 * <p>{@code java -Dalphaweave.home=. -cp benchmarks/target/benchmarks.jar
 * io.alphaweave.benchmarks.DemoStoreBenchmark [repeats]}, from the repository root, with {@code ALPHAWEAVE_SHARED_DATA} set;
 * PostgreSQL from {@code ALPHAWEAVE_BENCH_PG_URL} (default the local server, user postgres).
 */
public final class DemoStoreBenchmark {
    private DemoStoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String adminUrl = System.getenv()
                .getOrDefault("ALPHAWEAVE_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        Workspace workspace = Workspace.fromSystem(Workspace.Overrides.none());
        DatasetCatalog catalog = DatasetCatalog.of(workspace);
        ObjectNode tree = (ObjectNode)
                new ObjectMapper(new YAMLFactory()).readTree(new java.io.File("strategies-yaml/configs/demo.yaml"));
        tree.remove("data");
        tree.put("dataset", "sp500");
        BacktestConfig config = BacktestConfig.fromTree(tree, "demo-sp500", catalog);
        double[] store = new double[repeats], total = new double[repeats], again = new double[repeats];
        try (ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(workspace.pluginsDirectory())
                .build()) {
            BacktestService service = new BacktestService(registry, catalog);
            for (int i = 0; i < repeats; i++) {
                String database =
                        "alphaweave_bench_" + UUID.randomUUID().toString().substring(0, 8);
                admin(adminUrl, "CREATE DATABASE " + database);
                String url = adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
                try (Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
                    long[] backtest = new long[1];
                    long[] produced = new long[1];
                    long t0 = System.nanoTime();
                    new RunService(db).runAndStore("demo-sp500", () -> {
                        long b = System.nanoTime();
                        BacktestOutcome outcome = service.runWithSignals(
                                new BacktestRequest.Portfolio(config, false),
                                ProgressListener.NONE,
                                CancellationToken.create());
                        backtest[0] = System.nanoTime() - b;
                        produced[0] = outcome.signalSets().stream()
                                .mapToLong(s -> s.rows().size())
                                .sum();
                        return outcome;
                    });
                    long t1 = System.nanoTime();
                    total[i] = (t1 - t0) / 1e6;
                    store[i] = (t1 - t0 - backtest[0]) / 1e6;
                    long signals = count(url, "strategy_signal");
                    System.out.printf(
                            "repeat %d: end to end %.0f ms, backtest + signal sets %.0f ms, store %.0f ms;"
                                    + " %,d signal rows (%,d produced), %,d allocations, %,d trades, %,d performance"
                                    + " rows%n",
                            i + 1,
                            total[i],
                            backtest[0] / 1e6,
                            store[i],
                            signals,
                            produced[0],
                            count(url, "portfolio_allocation"),
                            count(url, "trade"),
                            count(url, "strategy_performance"));
                    long[] backtest2 = new long[1];
                    long t2 = System.nanoTime();
                    new RunService(db).runAndStore("demo-sp500 again", () -> {
                        long b = System.nanoTime();
                        BacktestOutcome outcome = service.runWithSignals(
                                new BacktestRequest.Portfolio(config, false),
                                ProgressListener.NONE,
                                CancellationToken.create());
                        backtest2[0] = System.nanoTime() - b;
                        return outcome;
                    });
                    again[i] = (System.nanoTime() - t2 - backtest2[0]) / 1e6;
                    System.out.printf(
                            "repeat %d: the same config again: store %.0f ms, signal rows added %,d, signal sets %d%n",
                            i + 1, again[i], count(url, "strategy_signal") - signals, count(url, "signal_set"));
                } finally {
                    admin(adminUrl, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
        System.out.printf(
                "median of %d: store %.0f ms %s, end to end %.0f ms %s, stored again %.0f ms%n",
                repeats,
                median(store),
                Arrays.toString(round(store)),
                median(total),
                Arrays.toString(round(total)),
                median(again));
    }

    private static long count(String url, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
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
}
