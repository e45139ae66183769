package io.alphaweave.platform.submission;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.ProcessOwner;
import io.alphaweave.platform.store.StoreSettings;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The submission repository suite, run on every engine by its subclasses. */
abstract class SubmissionRepositoryContract {
    Database db;
    SubmissionRepository repo;

    abstract String freshDatabaseUrl() throws Exception;

    @BeforeEach
    void open() throws Exception {
        db = Database.open(new StoreSettings(
                freshDatabaseUrl(),
                Clock.fixed(Instant.parse("2026-01-02T03:04:05.123456Z"), ZoneOffset.UTC),
                ProcessOwner.current(),
                4));
        repo = new SubmissionRepository(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private static SubmissionRequest request(String author, String family) {
        return new SubmissionRequest("s.yaml", "id: s\nkind: strategy\n", author, family);
    }

    private static String verdict(SubmissionStatus status, String hash) {
        return JsonMapper.write(new Verdict(
                status,
                hash,
                "sha256-" + hash.substring(0, 12),
                "s",
                "why",
                status == SubmissionStatus.REJECTED
                        ? List.of(new Verdict.Reason("IC", "too low", 0.001, 0.005))
                        : List.of(),
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
    void aSubmissionIsStoredQueuedThenRunningThenFinishedWithItsVerdict() {
        String hash = "a".repeat(64);
        Submission s = repo.insert("id-1", request("agent7", "momentum"), hash);
        assertThat(s.status()).isEqualTo(SubmissionStatus.QUEUED);
        assertThat(s.verdict()).isNull();
        assertThat(s.createdAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        repo.markRunning("id-1");
        assertThat(repo.find("id-1").orElseThrow().status()).isEqualTo(SubmissionStatus.RUNNING);
        repo.finish("id-1", SubmissionStatus.REJECTED, verdict(SubmissionStatus.REJECTED, hash));
        Submission done = repo.find("id-1").orElseThrow();
        assertThat(done.status()).isEqualTo(SubmissionStatus.REJECTED);
        assertThat(done.verdict().reasons()).extracting(Verdict.Reason::code).containsExactly("IC");
        assertThat(repo.source("id-1")).contains("id: s\nkind: strategy\n");
        assertThat(repo.find("missing")).isEmpty();
    }

    @Test
    void listingFiltersByAuthorAndStatus() {
        repo.insert("id-1", request("ann", "f"), "1".repeat(64));
        repo.insert("id-2", request("bob", "f"), "2".repeat(64));
        repo.insert("id-3", request("ann", "f"), "3".repeat(64));
        repo.finish("id-3", SubmissionStatus.INVALID, verdict(SubmissionStatus.INVALID, "3".repeat(64)));
        assertThat(repo.list("ann", null, 100)).extracting(Submission::id).containsExactlyInAnyOrder("id-1", "id-3");
        assertThat(repo.list(null, SubmissionStatus.INVALID, 100))
                .extracting(Submission::id)
                .containsExactly("id-3");
        assertThat(repo.list("bob", SubmissionStatus.INVALID, 100)).isEmpty();
        assertThat(repo.list(null, null, 100)).hasSize(3);
    }

    @Test
    void theLedgerHoldsOneTrialPerContentHashAndCountsPerFamilyAndOverall() {
        String first = verdict(SubmissionStatus.ACCEPTED, "a".repeat(64));
        repo.recordTrial("a".repeat(64), "mom", "ann", 0.05, 500, SubmissionStatus.ACCEPTED, first);
        SubmissionRepository.Trial again = repo.recordTrial(
                "a".repeat(64),
                "mom",
                "ann",
                0.09,
                500,
                SubmissionStatus.REJECTED,
                verdict(SubmissionStatus.REJECTED, "a".repeat(64)));
        assertThat(again.verdictJson()).isEqualTo(first);
        assertThat(again.status()).isEqualTo(SubmissionStatus.ACCEPTED);
        repo.recordTrial("b".repeat(64), "mom", "ann", 0.01, 500, SubmissionStatus.REJECTED, first);
        repo.recordTrial("c".repeat(64), "rev", "bob", 0.03, 500, SubmissionStatus.REJECTED, first);
        repo.recordTrial("d".repeat(64), "rev", "bob", Double.NaN, 0, SubmissionStatus.INVALID, first);
        assertThat(repo.trialCount()).isEqualTo(4);
        SubmissionRepository.Ledger mom = repo.ledger("mom");
        assertThat(mom.familyTrials()).isEqualTo(2);
        assertThat(mom.sharpes()).containsExactly(0.05, 0.01, 0.03);
        assertThat(mom.familySharpes()).containsExactly(0.05, 0.01);
        assertThat(repo.ledger("rev").familyTrials()).isEqualTo(1);
        assertThat(repo.ledger("rev").familySharpes()).containsExactly(0.03);
        assertThat(SubmissionRepository.variance(mom.sharpes()))
                .isCloseTo(0.0004, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(repo.trial("e".repeat(64))).isEmpty();
    }
}
