package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped during a run, with the real application in a child JVM and a private PostgreSQL
 * cluster of the test's own (initdb on a free port, run as the postgres user; the machine's shared
 * server is never touched). Outside CI a missing initdb aborts the test with a message; with {@code
 * CI=true} it fails.
 */
class StoreOutageCliTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path BIN =
            Path.of(System.getenv().getOrDefault("ALPHAWEAVE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"));
    static final String PASSWORD = "s3cret-never-printed";

    private Path base;
    private int port;

    @BeforeEach
    void startCluster() throws Exception {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            String why = "initdb/pg_ctl not found under " + BIN + " (or runuser missing); install PostgreSQL 15"
                    + " server binaries or set ALPHAWEAVE_TEST_PG_BIN";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true needs a private PostgreSQL cluster for the outage test: " + why);
            }
            Assumptions.abort("PostgreSQL outage test skipped: " + why);
        }
        base = Files.createTempDirectory("alphaweave-pg-");
        sh("chown", "-R", "postgres", base.toString());
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        asPostgres(
                BIN.resolve("initdb").toString(),
                "-D",
                base.resolve("data").toString(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync");
        pgCtl("start");
    }

    @AfterEach
    void removeCluster() throws Exception {
        if (base != null) {
            runCommand(List.of(
                    "/usr/sbin/runuser",
                    "-u",
                    "postgres",
                    "--",
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    base.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "stop"));
            sh("rm", "-rf", base.toString());
        }
    }

    private String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres&password=" + PASSWORD;
    }

    private void pgCtl(String action) throws Exception {
        if (action.equals("start")) {
            asPostgres(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    base.resolve("data").toString(),
                    "-l",
                    base.resolve("log").toString(),
                    "-w",
                    "-o",
                    "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start");
        } else {
            asPostgres(
                    BIN.resolve("pg_ctl").toString(),
                    "-D",
                    base.resolve("data").toString(),
                    "-m",
                    "immediate",
                    "-w",
                    "stop");
        }
    }

    private static void asPostgres(String... command) throws Exception {
        List<String> all = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        all.addAll(List.of(command));
        String out = runCommand(all);
        if (out == null) {
            fail("failed: " + String.join(" ", command));
        }
    }

    private static void sh(String... command) throws Exception {
        assertThat(runCommand(List.of(command))).as(String.join(" ", command)).isNotNull();
    }

    /** @return the output, or null when the command failed */
    private static String runCommand(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", command) + " failed: " + out);
            return null;
        }
        return out;
    }

    /** The application, as the launcher starts it, in a JVM of its own. */
    private Process demo() throws IOException {
        Path home = base.resolveSibling(base.getFileName() + "-home");
        Files.createDirectories(home);
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // as the launcher starts it (web/src/main/jvm/jvm.options, without the optimizing runtime)
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dalphaweave.home=" + ROOT,
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                "io.alphaweave.web.Main",
                "demo",
                "--db",
                url());
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> env = pb.environment();
        env.put("ALPHAWEAVE_HOME", home.toString());
        env.remove("ALPHAWEAVE_DB_URL");
        return pb.start();
    }

    private List<String> statuses() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url());
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT status FROM backtest_run ORDER BY created_at")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void postgresStoppedDuringARunGivesOneLineNamingTheDatabaseAndTheNextRunWorksOnceItIsBack() throws Exception {
        Process run = demo();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(run.getErrorStream()));
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(run.getInputStream()));
        // observable state: the run row is RUNNING (the backtest has started, nothing is stored yet)
        while (true) {
            assertThat(run.isAlive()).as("the demo is still running").isTrue();
            try {
                if (statuses().contains("RUNNING")) {
                    break;
                }
            } catch (SQLException e) {
                // the schema is not there yet
            }
            Thread.sleep(10);
        }
        pgCtl("stop");
        assertThat(run.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String errText = err.get(), outText = out.get();

        assertThat(run.exitValue())
                .as("stdout: %s%nstderr: %s", outText, errText)
                .isEqualTo(1);
        List<String> errLines = errText.lines().filter(l -> !l.isBlank()).toList();
        assertThat(errLines).as(errText).singleElement().satisfies(line -> assertThat(line)
                .contains("jdbc:postgresql://127.0.0.1:" + port + "/postgres")
                .doesNotContain(PASSWORD)
                .doesNotContain("Exception"));
        assertThat(outText).doesNotContain("run: ");

        pgCtl("start");
        // the killed connection left the run RUNNING; its process is gone, so the next start marks it
        Process again = demo();
        var err2 = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(again.getErrorStream()));
        String out2 = read(again.getInputStream());
        assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(again.exitValue()).as("stderr: %s", err2.get()).isZero();
        assertThat(out2).containsPattern("run: [0-9a-f-]{36}");
        assertThat(statuses()).containsExactly("INTERRUPTED", "COMPLETE");
    }
}
