package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.BacktestStatus;
import io.alphaweave.platform.jobs.WorkerPool;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backtest that meets a real {@link OutOfMemoryError} (a strategy asking for an array past the VM's
 * limit) ends FAILED with a message saying what to do, and the worker that ran it goes on with the next
 * run: before, the error ended the worker thread and left the run RUNNING until a restart.
 */
class BacktestOutOfMemoryTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aRunThatRunsOutOfMemoryFailsWithWhatToDoAndTheWorkerRunsTheNextOne() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        JobsTestPlugin.writeOutOfMemory(plugins.resolve("test-oom.jar"));
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, ROOT.toString(), "user.home", dir.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w).datasetsOnly();
        try (ComponentRegistry registry =
                        ComponentRegistry.builder().pluginsDirectory(plugins).build();
                Database db = Database.open(
                        StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/runs"), Clock.systemUTC()))) {
            BacktestQueue queue = new BacktestQueue(db, catalog, 10, Clock.systemUTC());
            WorkerPool pool = new WorkerPool(
                    db,
                    new BacktestService(registry, catalog),
                    catalog,
                    new WorkerPool.Settings(1, Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofSeconds(5)));
            queue.onSubmit(pool::wake);
            pool.start();
            try {
                String hog = JobsTestPlugin.config("hog", 0)
                        .replace("id: test_gate, weight: 1.0, params: {gate: 0}", "id: test_oom");
                assertThat(hog).contains("test_oom");
                String first =
                        queue.submit(hog, BacktestQueue.Format.YAML, false).runId();
                BacktestStatus failed = await(queue, first);
                assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
                assertThat(failed.errorCategory()).isEqualTo("INTERNAL");
                assertThat(failed.errorMessage())
                        .startsWith("the backtest ran out of memory")
                        .contains("ALPHAWEAVE_JAVA_OPTS");

                // the same single worker takes the next run
                String next = JobsTestPlugin.config("after", 0)
                        .replace("id: test_gate, weight: 1.0, params: {gate: 0}", "id: test_momentum");
                String second =
                        queue.submit(next, BacktestQueue.Format.YAML, false).runId();
                assertThat(await(queue, second).status()).isEqualTo(RunStatus.COMPLETE);
            } finally {
                pool.close();
            }
        }
    }

    private static BacktestStatus await(BacktestQueue queue, String runId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            BacktestStatus s = queue.status(runId);
            if (s.status() != RunStatus.QUEUED && s.status() != RunStatus.RUNNING) {
                return s;
            }
            assertThat(System.nanoTime())
                    .as("run " + runId + " ends within 3 minutes: " + s)
                    .isLessThan(until);
            Thread.sleep(20);
        }
    }
}
