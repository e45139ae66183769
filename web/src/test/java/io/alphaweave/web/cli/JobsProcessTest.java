package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job queue across real processes on a real PostgreSQL database: {@code serve} killed with SIGKILL
 * while three backtests run, then restarted; two {@code worker} processes draining one queue.
 */
class JobsProcessTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String ADMIN_URL = System.getenv()
            .getOrDefault("ALPHAWEAVE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    static final Pattern SERVING = Pattern.compile("alphaweave serving http://127\\.0\\.0\\.1:(\\d+)/api/v1");

    @TempDir
    Path dir;

    private String database;
    private Path plugins;
    private Path gates;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void freshDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            database = "alphaweave_jobs_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 12)
                            .toLowerCase(Locale.ROOT);
            c.createStatement().execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true needs PostgreSQL for the job process tests: " + e.getMessage());
            }
            Assumptions.abort("PostgreSQL at 127.0.0.1:5432 is not reachable: " + e.getMessage());
        }
        plugins = Files.createDirectories(dir.resolve("plugins"));
        JobsTestPlugin.write(plugins.resolve("test-jobs.jar"));
        gates = Files.createDirectories(dir.resolve("gates"));
    }

    @AfterEach
    void dropDatabase() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
                c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    private String url() {
        return ADMIN_URL.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    }

    /** A child process of the application and its output lines as they come. */
    private record Child(Process process, LinkedBlockingQueue<String> lines, StringBuilder all) {
        String awaitLine(Pattern pattern) throws InterruptedException {
            while (true) {
                String line = lines.poll(120, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no line matching " + pattern + "; output so far:\n" + all);
                }
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
        }
    }

    /** The application, as the launcher starts it, in a JVM of its own. */
    private Child start(String... args) throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx512m",
                "-Dalphaweave.home=" + ROOT,
                "-Duser.home=" + home,
                "-D" + JobsTestPlugin.GATES_PROPERTY + "=" + gates,
                "-cp",
                System.getProperty("java.class.path"),
                "io.alphaweave.web.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("ALPHAWEAVE_HOME", home.toString());
        pb.environment().remove("ALPHAWEAVE_DB_URL");
        Process p = pb.start();
        started.add(p);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder all = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (all) {
                        all.append(line).append('\n');
                    }
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new Child(p, lines, all);
    }

    private Child serve(Path tokens) throws IOException {
        return start(
                "serve",
                "--port",
                "0",
                "--db",
                url(),
                "--workers",
                "3",
                "--plugins",
                plugins.toString(),
                "--tokens-file",
                tokens.toString());
    }

    private Map<String, String> column(String sql) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void serveKilledWhileThreeBacktestsRunReadsThemInterruptedAfterARestartAndCompletesTheQueuedOnes()
            throws Exception {
        Path tokenFile = dir.resolve("tokens.json");
        String token = new AccessTokens(tokenFile, Clock.systemUTC())
                .create(Role.WRITE)
                .token();
        Child first = serve(tokenFile);
        Matcher m = SERVING.matcher(first.awaitLine(SERVING));
        assertThat(m.find()).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        for (int gate = 1; gate <= 5; gate++) {
            HttpResponse<String> posted = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/api/v1/backtests"))
                            .header("Content-Type", "application/yaml")
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString(JobsTestPlugin.config("killed-" + gate, gate)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            ids.add(new ObjectMapper().readTree(posted.body()).get("id").asText());
        }
        // three workers: the three oldest run (held at their gates), two wait
        Map<String, String> runs;
        do {
            Thread.sleep(20);
            assertThat(first.process().isAlive()).as(first.all().toString()).isTrue();
            runs = column("SELECT id, status FROM backtest_run");
        } while (runs.values().stream().filter("RUNNING"::equals).count() < 3);
        assertThat(runs.values()).containsExactlyInAnyOrder("RUNNING", "RUNNING", "RUNNING", "QUEUED", "QUEUED");
        List<String> running =
                ids.stream().filter(id -> "RUNNING".equals(column1(id))).toList();
        first.process().destroyForcibly(); // SIGKILL
        assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        for (int gate = 1; gate <= 5; gate++) {
            Files.writeString(gates.resolve(Integer.toString(gate)), "go");
        }

        Child second = serve(tokenFile);
        second.awaitLine(SERVING);
        // the killed process's runs and jobs read INTERRUPTED as soon as the new one has opened the store
        Map<String, String> after = column("SELECT id, status FROM backtest_run");
        for (String id : running) {
            assertThat(after.get(id)).as(id).isEqualTo("INTERRUPTED");
        }
        do {
            Thread.sleep(50);
            assertThat(second.process().isAlive()).as(second.all().toString()).isTrue();
            after = column("SELECT id, status FROM backtest_run");
        } while (after.values().stream().filter("COMPLETE"::equals).count() < 2);
        Thread.sleep(300); // nothing else may start
        after = column("SELECT id, status FROM backtest_run");
        assertThat(after).hasSize(5);
        for (String id : ids) {
            assertThat(after.get(id)).as(id).isEqualTo(running.contains(id) ? "INTERRUPTED" : "COMPLETE");
        }
        Map<String, String> jobs = column("SELECT run_id, status || '/' || attempts FROM job");
        assertThat(jobs).hasSize(5);
        for (String id : ids) {
            assertThat(jobs.get(id)).as(id).isEqualTo(running.contains(id) ? "INTERRUPTED/1" : "COMPLETE/1");
        }
        second.process().destroy(); // SIGTERM
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    private String column1(String runId) {
        try {
            return column("SELECT id, status FROM backtest_run WHERE id = '" + runId + "'")
                    .get(runId);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Queues the configs straight into the store, oldest first, and returns their run ids. */
    private List<String> submit(List<String> configs) {
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, ROOT.toString(), "user.home", dir.toString()));
        List<String> ids = new ArrayList<>();
        try (Database db = Database.open(StoreSettings.of(url(), Clock.systemUTC()))) {
            BacktestQueue queue = new BacktestQueue(db, DatasetCatalog.of(w).datasetsOnly(), 100, Clock.systemUTC());
            for (String config : configs) {
                ids.add(queue.submit(config, BacktestQueue.Format.YAML, false).runId());
            }
        }
        return ids;
    }

    @Test
    void twoWorkerProcessesOnOneDatabaseDrainFortyBacktestsAndNoneRunsTwice() throws Exception {
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            configs.add(JobsTestPlugin.config("drain-" + i, 0));
        }
        List<String> ids = submit(configs);
        Pattern ready = Pattern.compile("alphaweave worker: 2 worker\\(s\\)");
        Child a = start("worker", "--db", url(), "--workers", "2", "--plugins", plugins.toString());
        Child b = start("worker", "--db", url(), "--workers", "2", "--plugins", plugins.toString());
        a.awaitLine(ready);
        b.awaitLine(ready);
        Map<String, String> runs;
        do {
            Thread.sleep(100);
            assertThat(a.process().isAlive()).as(a.all().toString()).isTrue();
            assertThat(b.process().isAlive()).as(b.all().toString()).isTrue();
            runs = column("SELECT id, status FROM backtest_run");
            assertThat(runs.values()).doesNotContain("FAILED", "INTERRUPTED", "CANCELLED");
        } while (runs.values().stream().filter("COMPLETE"::equals).count() < 40);

        // SIGTERM through the handle: Process.destroy() would also close our end of the child's output
        a.process().toHandle().destroy();
        b.process().toHandle().destroy();
        assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        Pattern stopped = Pattern.compile("alphaweave worker stopped after (\\d+) jobs");
        Matcher ma = stopped.matcher(a.awaitLine(stopped));
        Matcher mb = stopped.matcher(b.awaitLine(stopped));
        assertThat(ma.find() && mb.find()).isTrue();
        long byA = Long.parseLong(ma.group(1)), byB = Long.parseLong(mb.group(1));
        assertThat(byA + byB).isEqualTo(40);

        assertThat(runs).hasSize(40).containsOnlyKeys(ids);
        Map<String, String> jobs = column("SELECT run_id, status || '/' || attempts FROM job");
        assertThat(jobs).hasSize(40);
        assertThat(jobs.values()).containsOnly("COMPLETE/1");
        // each job's owner is one of the two processes, and each process ran as many as it says
        Map<String, String> owners = column("SELECT run_id, owner FROM job");
        long ownedByA = owners.values().stream()
                .filter(o -> o.contains("/" + a.process().pid() + "/"))
                .count();
        long ownedByB = owners.values().stream()
                .filter(o -> o.contains("/" + b.process().pid() + "/"))
                .count();
        assertThat(ownedByA).isEqualTo(byA);
        assertThat(ownedByB).isEqualTo(byB);
        // run rows agree with their jobs: each run started by the process whose worker claimed its job
        Map<String, String> runOwners = column("SELECT id, owner FROM backtest_run");
        assertThat(runOwners).isEqualTo(owners);
    }

    /** Polls the store until {@code done} holds, failing after two minutes or when {@code child} dies. */
    private Map<String, String> awaitStore(
            Child child, String sql, java.util.function.Predicate<Map<String, String>> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            Map<String, String> rows = column(sql);
            if (done.test(rows)) {
                return rows;
            }
            assertThat(child.process().isAlive()).as(child.all().toString()).isTrue();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the store never reached the expected state: " + rows + "\noutput:\n" + child.all());
            }
            Thread.sleep(20);
        }
    }

    @Test
    void workerStoppedBySigtermFinishesWhatEndsWithinItsGraceGivesTheRestBackAndASecondWorkerRunsEachOnce()
            throws Exception {
        // three runs held at their gates by the first worker's three threads, two queued behind them
        List<String> ids = submit(List.of(
                JobsTestPlugin.config("held-1", 1),
                JobsTestPlugin.config("held-2", 2),
                JobsTestPlugin.config("held-3", 3),
                JobsTestPlugin.config("queued-4", 0),
                JobsTestPlugin.config("queued-5", 0)));
        String runs = "SELECT id, status FROM backtest_run";
        String jobs = "SELECT run_id, status || '/' || attempts FROM job";
        String owners = "SELECT run_id, COALESCE(owner, '-') FROM job";
        // per run: strategy results, signal sets, report, start time
        String results = "SELECT r.id, (SELECT COUNT(*) FROM strategy_performance p WHERE p.run_id = r.id) || '/'"
                + " || (SELECT COUNT(*) FROM run_signal_set s WHERE s.run_id = r.id) || '/'"
                + " || CASE WHEN r.report_json IS NULL THEN '-' ELSE 'report' END || '/'"
                + " || COALESCE(CAST(r.started_at AS VARCHAR), '-') FROM backtest_run r";
        Child first =
                start("worker", "--db", url(), "--workers", "3", "--grace", "20", "--plugins", plugins.toString());
        first.awaitLine(Pattern.compile("alphaweave worker: 3 worker\\(s\\)"));
        awaitStore(
                first, runs, r -> r.values().stream().filter("RUNNING"::equals).count() == 3);
        assertThat(column(runs))
                .containsEntry(ids.get(0), "RUNNING")
                .containsEntry(ids.get(1), "RUNNING")
                .containsEntry(ids.get(2), "RUNNING")
                .containsEntry(ids.get(3), "QUEUED")
                .containsEntry(ids.get(4), "QUEUED");

        // SIGTERM through the handle (Process.destroy() would also close our end of the child's output)
        first.process().toHandle().destroy();
        first.awaitLine(Pattern.compile("stopping: claiming no more jobs; 3 running may finish within 20 s"));
        // within the grace period the first run may go on, and completes as usual
        Files.writeString(gates.resolve("1"), "go");
        awaitStore(first, runs, r -> "COMPLETE".equals(r.get(ids.get(0))));
        // the two still held at their gates are given back when the grace period is over
        first.awaitLine(Pattern.compile("grace period over: giving 2 running job\\(s\\) back to the queue"));
        Files.writeString(gates.resolve("2"), "go");
        Files.writeString(gates.resolve("3"), "go");
        assertThat(first.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as(first.all().toString()).isEqualTo(143); // 128 + SIGTERM
        first.awaitLine(Pattern.compile("alphaweave worker stopped after 3 jobs"));

        Map<String, String> statuses = column(runs);
        assertThat(statuses)
                .containsEntry(ids.get(0), "COMPLETE")
                .containsEntry(ids.get(1), "QUEUED")
                .containsEntry(ids.get(2), "QUEUED")
                .containsEntry(ids.get(3), "QUEUED")
                .containsEntry(ids.get(4), "QUEUED");
        assertThat(column(jobs))
                .containsEntry(ids.get(0), "COMPLETE/1")
                .containsEntry(ids.get(1), "QUEUED/1")
                .containsEntry(ids.get(2), "QUEUED/1")
                .containsEntry(ids.get(3), "QUEUED/0")
                .containsEntry(ids.get(4), "QUEUED/0");
        String ownerFirst = "/" + first.process().pid() + "/";
        Map<String, String> ownersAfterFirst = column(owners);
        assertThat(ownersAfterFirst.get(ids.get(0))).contains(ownerFirst);
        assertThat(ownersAfterFirst.get(ids.get(1))).isEqualTo("-");
        assertThat(ownersAfterFirst.get(ids.get(2))).isEqualTo("-");
        // the runs given back kept nothing of their first start: no results, no signal sets, no report
        Map<String, String> stored = column(results);
        assertThat(stored.get(ids.get(1))).isEqualTo("0/0/-/-");
        assertThat(stored.get(ids.get(2))).isEqualTo("0/0/-/-");
        assertThat(stored.get(ids.get(0))).doesNotStartWith("0/").contains("/2/report/");

        Child second =
                start("worker", "--db", url(), "--workers", "2", "--grace", "20", "--plugins", plugins.toString());
        second.awaitLine(Pattern.compile("alphaweave worker: 2 worker\\(s\\)"));
        Map<String, String> ended = awaitStore(second, runs, r -> {
            assertThat(r.values()).doesNotContain("FAILED", "INTERRUPTED", "CANCELLED");
            return r.values().stream().allMatch("COMPLETE"::equals);
        });
        assertThat(ended).hasSize(5).containsOnlyKeys(ids);
        second.process().toHandle().destroy();
        assertThat(second.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).as(second.all().toString()).isEqualTo(143);
        second.awaitLine(Pattern.compile("alphaweave worker stopped after 4 jobs"));

        // each job ran to the end once: the given-back ones were claimed twice, by one worker each time
        assertThat(column(jobs))
                .containsEntry(ids.get(0), "COMPLETE/1")
                .containsEntry(ids.get(1), "COMPLETE/2")
                .containsEntry(ids.get(2), "COMPLETE/2")
                .containsEntry(ids.get(3), "COMPLETE/1")
                .containsEntry(ids.get(4), "COMPLETE/1");
        String ownerSecond = "/" + second.process().pid() + "/";
        Map<String, String> jobOwners = column(owners);
        assertThat(jobOwners.get(ids.get(0))).contains(ownerFirst);
        for (String id : ids.subList(1, 5)) {
            assertThat(jobOwners.get(id)).as(id).contains(ownerSecond);
        }
        assertThat(column("SELECT id, owner FROM backtest_run")).isEqualTo(jobOwners);
        // the same config gives the same results: every run stored its results, signal sets and report once
        Map<String, String> counts = new HashMap<>();
        column(results).forEach((id, c) -> counts.put(id, c.substring(0, c.lastIndexOf('/'))));
        assertThat(counts).hasSize(5);
        assertThat(counts.values())
                .containsOnly(stored.get(ids.get(0))
                        .substring(0, stored.get(ids.get(0)).lastIndexOf('/')));
    }
}
