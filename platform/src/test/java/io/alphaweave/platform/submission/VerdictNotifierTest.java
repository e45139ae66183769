package io.alphaweave.platform.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for a verdict on a real H2 store: woken by this process, found by reading again, or timed out. */
class VerdictNotifierTest {
    /** Far longer than any test waits: a future that completes did so because of the verdict, not the clock. */
    static final Duration LONG = Duration.ofMinutes(10);

    @TempDir
    static Path home;

    static Database db;
    static SubmissionRepository repository;

    @BeforeAll
    static void open() {
        db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(home), Clock.systemUTC()));
        repository = new SubmissionRepository(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static String queued() {
        String id = UUID.randomUUID().toString();
        repository.insert(
                id,
                new SubmissionRequest("w.yaml", "id: w\nkind: strategy\nalpha: return 0;\n", "tester", "waits"),
                "0".repeat(64));
        return id;
    }

    /** A stored verdict of that status, as the service would store it. */
    static String verdict(SubmissionStatus status) {
        String hash = "0".repeat(64);
        if (status != SubmissionStatus.REJECTED) {
            return JsonMapper.write(Verdict.withoutFigures(status, hash, "w", "test"));
        }
        List<Verdict.Reason> reasons =
                List.of(new Verdict.Reason("IC", "the mean IC is below the threshold", 0.0, 0.005));
        return JsonMapper.write(new Verdict(
                status,
                hash,
                Verdict.versionOf(hash),
                "w",
                "test",
                reasons,
                List.of(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null));
    }

    @Test
    void aSubmissionEvaluatedHereWakesItsWaitersWhenItsVerdictIsStored() throws Exception {
        try (VerdictNotifier notifier = new VerdictNotifier(repository, LONG)) {
            String id = queued();
            notifier.evaluating(id);
            CompletableFuture<Optional<Submission>> first = notifier.whenFinal(id, LONG);
            CompletableFuture<Optional<Submission>> second = notifier.whenFinal(id, LONG);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            repository.finish(id, SubmissionStatus.REJECTED, verdict(SubmissionStatus.REJECTED));
            notifier.finished(id);
            // the poll interval is ten minutes too, so only the notification can answer within this get
            assertThat(first.get(60, TimeUnit.SECONDS).orElseThrow().status()).isEqualTo(SubmissionStatus.REJECTED);
            assertThat(second.get(60, TimeUnit.SECONDS).orElseThrow().status()).isEqualTo(SubmissionStatus.REJECTED);
            assertThat(notifier.waitedOn()).isZero();
        }
    }

    @Test
    void aSubmissionEvaluatedElsewhereIsFoundByReadingTheStoreAgain() throws Exception {
        try (VerdictNotifier notifier = new VerdictNotifier(repository, Duration.ofMillis(20))) {
            String id = queued();
            CompletableFuture<Optional<Submission>> waiting = notifier.whenFinal(id, LONG);
            assertThat(waiting).isNotDone();
            repository.finish(id, SubmissionStatus.ACCEPTED, verdict(SubmissionStatus.ACCEPTED));
            assertThat(waiting.get(60, TimeUnit.SECONDS).orElseThrow().status()).isEqualTo(SubmissionStatus.ACCEPTED);
            assertThat(notifier.waitedOn()).isZero();
        }
    }

    @Test
    void aWaitThatRunsOutAnswersTheSubmissionAsItIs() throws Exception {
        try (VerdictNotifier notifier = new VerdictNotifier(repository, LONG)) {
            String id = queued();
            notifier.evaluating(id);
            Submission s = notifier.whenFinal(id, Duration.ofMillis(30))
                    .get(60, TimeUnit.SECONDS)
                    .orElseThrow();
            assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
            assertThat(s.verdict()).isNull();
        }
    }

    @Test
    void aFinalSubmissionAnUnknownIdAndAZeroWaitAnswerAtOnce() {
        try (VerdictNotifier notifier = new VerdictNotifier(repository, LONG)) {
            String done = queued();
            repository.finish(done, SubmissionStatus.INVALID, verdict(SubmissionStatus.INVALID));
            assertThat(notifier.whenFinal(done, LONG).getNow(null).orElseThrow().status())
                    .isEqualTo(SubmissionStatus.INVALID);
            assertThat(notifier.whenFinal(UUID.randomUUID().toString(), LONG).getNow(null))
                    .isEmpty();
            String pending = queued();
            assertThat(notifier.whenFinal(pending, Duration.ZERO)
                            .getNow(null)
                            .orElseThrow()
                            .status())
                    .isEqualTo(SubmissionStatus.QUEUED);
            assertThat(notifier.waitedOn()).isZero();
            assertThatThrownBy(() -> notifier.whenFinal(pending, Duration.ofSeconds(-1)))
                    .hasMessage("timeout must be ≥ 0, was PT-1S");
        }
    }

    @Test
    void closingAnswersEveryPendingWaitWithTheSubmissionAsItIs() throws Exception {
        VerdictNotifier notifier = new VerdictNotifier(repository, LONG);
        String id = queued();
        notifier.evaluating(id);
        CompletableFuture<Optional<Submission>> waiting = notifier.whenFinal(id, LONG);
        assertThat(waiting).isNotDone();
        notifier.close();
        assertThat(waiting.get(60, TimeUnit.SECONDS).orElseThrow().status()).isEqualTo(SubmissionStatus.QUEUED);
    }
}
