package io.alphaweave.platform.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker JVM's own limits, with real worker processes: a heap that really runs out, and the
 * parent's wall-clock deadline, whose verdicts depend on the machine and so are never kept as trials.
 */
class SubmissionWorkerLimitsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("data/sample/sp500_sample.csv.gz");

    @TempDir
    Path home;

    private SubmissionService service(WorkerPool.Settings settings, Database db) {
        List<Path> folders = List.of(ROOT.resolve("strategies-yaml/strategies"));
        WorkerPool pool = new WorkerPool(settings, () -> SubmissionService.definitionFiles(folders));
        return new SubmissionService(
                new SubmissionRepository(db),
                pool,
                VerdictThresholds.defaults(),
                home.resolve("accepted"),
                (file, v) -> {},
                1);
    }

    private static WorkerPool.Settings settings(int heapMegabytes, Duration deadline) {
        return settings(heapMegabytes, deadline, 50);
    }

    private static WorkerPool.Settings settings(int heapMegabytes, Duration deadline, int maxJobs) {
        WorkerPool.Settings d = WorkerPool.Settings.of(
                Path.of(System.getProperty("java.home")), System.getProperty("java.class.path"), SAMPLE, 1);
        return new WorkerPool.Settings(
                d.java(),
                d.classpath(),
                d.data(),
                d.holdoutFraction(),
                d.size(),
                maxJobs,
                deadline,
                heapMegabytes,
                d.stackKilobytes(),
                d.maxOutputBytes(),
                null);
    }

    private static Submission run(SubmissionService service, String filename, String source) throws Exception {
        Submission s = service.submit(new SubmissionRequest(filename, source, "tester", "limits"));
        return service.await(s.id(), Duration.ofMinutes(3)).orElseThrow();
    }

    @Test
    void anAllocationWithinTheScriptBudgetButOverTheWorkerHeapIsAMemoryLimitAndThePoolRecovers() throws Exception {
        // 24 M doubles are 192 MB: under the script's default allocation budget (256 MiB), over a 128 MiB heap
        String bomb = "id: heap_bomb\nkind: strategy\ndescription: outgrows the worker heap\nhorizon_days: 1\n"
                + "alpha: |\n  const big = new Float64Array(24000000);\n  big[i] = close;\n"
                + "  return big[i] > 0 ? 0.1 : 0;\n";
        try (Database db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(home), Clock.systemUTC()));
                SubmissionService service = service(settings(128, Duration.ofSeconds(120)), db)) {
            Submission s = run(service, "bomb.yaml", bomb);

            assertThat(s.status()).isEqualTo(SubmissionStatus.MEMORY_LIMIT);
            // the worker JVM itself died of an OutOfMemoryError (not the script's allocation meter)
            assertThat(s.verdict().detail()).contains("ran out of its 128 MiB heap");
            assertThat(service.pool().recycledWorkers()).isEqualTo(1);
            // the same content again: the recorded trial, no second worker killed
            Submission again = run(service, "bomb.yaml", bomb);
            assertThat(again.status()).isEqualTo(SubmissionStatus.MEMORY_LIMIT);
            assertThat(service.trialCount()).isEqualTo(1);
            assertThat(service.pool().recycledWorkers()).isEqualTo(1);
            awaitLiveWorkers(service, 1);
        }
    }

    @Test
    void aVerdictOfTheParentsWallClockDeadlineIsNotKeptAsATrialSoTheSameContentIsEvaluatedAgain() throws Exception {
        // a valid strategy, and a deadline no evaluation of the sample data can meet (it takes hundreds of ms)
        String source = "id: slow_clock\nkind: strategy\ndescription: a one-day reversal\nhorizon_days: 1\n"
                + "alpha: |\n  if (i < 1) return null;\n  return clamp(-(close / series.close[i - 1] - 1) * 5, -1, 1);\n";
        try (Database db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(home), Clock.systemUTC()));
                SubmissionService service = service(settings(256, Duration.ofMillis(20)), db)) {
            Submission first = run(service, "slow.yaml", source);

            assertThat(first.status()).isEqualTo(SubmissionStatus.TIMEOUT);
            assertThat(first.verdict().detail())
                    .contains("did not finish within the deadline of 20 ms")
                    .endsWith(SubmissionService.NOT_RECORDED);
            assertThat(service.trialCount()).isZero();
            assertThat(service.pool().recycledWorkers()).isEqualTo(1);

            awaitLiveWorkers(service, 1);
            Submission second = run(service, "slow.yaml", source);
            assertThat(second.status()).isEqualTo(SubmissionStatus.TIMEOUT);
            // evaluated again (a second worker stopped at the deadline), still no trial
            assertThat(service.pool().recycledWorkers()).isEqualTo(2);
            assertThat(service.trialCount()).isZero();
        }
    }

    @Test
    void aWorkerPastItsJobQuotaServesUntilItsReplacementIsWarm() throws Exception {
        String source = "id: quota\nkind: strategy\ndescription: a one-day reversal\nhorizon_days: 1\n"
                + "alpha: |\n  if (i < 1) return null;\n  return clamp(-(close / series.close[i - 1] - 1) * 5, -1, 1);\n";
        List<Path> folders = List.of(ROOT.resolve("strategies-yaml/strategies"));
        try (WorkerPool pool = new WorkerPool(
                settings(256, Duration.ofSeconds(120), 1), () -> SubmissionService.definitionFiles(folders))) {
            assertThat(pool.evaluate("quota.yaml", source, e -> false)
                            .evaluation()
                            .outcome())
                    .isEqualTo(Evaluation.OK);
            // its quota of one job is used up, yet it is back in the pool: a worker takes seconds to warm
            assertThat(pool.idleWorkers()).isEqualTo(1);
            assertThat(pool.evaluate("quota.yaml", source, e -> false)
                            .evaluation()
                            .outcome())
                    .isEqualTo(Evaluation.OK);
            long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (pool.recycledWorkers() < 1 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            // replaced once it was warm; never more than the pool size plus the one replacement
            assertThat(pool.recycledWorkers()).isEqualTo(1);
            assertThat(pool.startedWorkers()).isEqualTo(2);
            assertThat(pool.liveWorkers()).isEqualTo(1);
            assertThat(pool.idleWorkers()).isEqualTo(1);
        }
    }

    private static void awaitLiveWorkers(SubmissionService service, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (service.pool().idleWorkers() < n && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(service.pool().liveWorkers()).isEqualTo(n);
        assertThat(service.pool().idleWorkers()).isEqualTo(n);
    }
}
