package io.alphaweave.platform.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Submissions end to end in the platform: a real worker JVM, a real H2 store. */
class SubmissionServiceTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = ROOT.resolve("data/sample/sp500_sample.csv.gz");

    @TempDir
    static Path home;

    static Database db;
    static SubmissionService service;
    static final List<Path> accepted = new ArrayList<>();

    @BeforeAll
    static void start() {
        db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(home), Clock.systemUTC()));
        Path acceptedDir = home.resolve("accepted");
        List<Path> folders = List.of(ROOT.resolve("strategies-yaml/strategies"), acceptedDir);
        WorkerPool pool = new WorkerPool(
                WorkerPool.Settings.of(
                        Path.of(System.getProperty("java.home")), System.getProperty("java.class.path"), SAMPLE, 1),
                () -> SubmissionService.definitionFiles(folders));
        service = new SubmissionService(
                new SubmissionRepository(db),
                pool,
                VerdictThresholds.defaults(),
                acceptedDir,
                (file, v) -> accepted.add(file),
                1);
    }

    @AfterAll
    static void stop() {
        service.close();
        db.close();
    }

    static Submission run(String filename, String source) throws Exception {
        Submission s = service.submit(new SubmissionRequest(filename, source, "tester", "unit"));
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        return service.await(s.id(), Duration.ofMinutes(2)).orElseThrow();
    }

    @Test
    void aValidStrategyGetsAFullVerdictAndTheSameContentAgainTheSameVerdictWithoutANewTrial() throws Exception {
        String source = Files.readString(ROOT.resolve("strategies-yaml/strategies/sma_cross.yaml"))
                .replace("id: sma_cross_yaml", "id: sma_cross_variant")
                .replace("default: 10, min", "default: 12, min");
        long t0 = System.nanoTime();
        Submission first = run("variant.yaml", source);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("first verdict in " + ms + " ms: " + JsonMapper.write(first.verdict()));
        assertThat(first.status().isFinal()).isTrue();
        assertThat(first.verdict().inSample()).isNotNull();
        assertThat(first.verdict().sharpe().reference()).contains("Bailey");
        assertThat(first.verdict().novelty().peers()).isNotEmpty();
        int trials = service.trialCount();
        long t1 = System.nanoTime();
        Submission second = run("variant.yaml", source);
        System.out.println("again in " + (System.nanoTime() - t1) / 1_000_000 + " ms");
        assertThat(JsonMapper.write(second.verdict())).isEqualTo(JsonMapper.write(first.verdict()));
        assertThat(service.trialCount()).isEqualTo(trials);
        assertThat(service.pool().liveWorkers()).isEqualTo(1);
    }
}
