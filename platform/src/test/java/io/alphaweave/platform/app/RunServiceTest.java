package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.RunSummary;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunServiceTest {
    @TempDir
    Path dir;

    private Database db;

    @BeforeEach
    void open() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
        db = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("runs"), clock));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theRunRowIsRunningWhileTheBacktestRunsAndFailedWithTheCategoryWhenItThrows() {
        AtomicReference<List<RunSummary>> seenDuringTheRun = new AtomicReference<>();
        RunService service = new RunService(db);
        assertThatThrownBy(() -> service.runAndStore("broken.yaml", () -> {
                    seenDuringTheRun.set(db.runs().list(new RunQuery(null, 10)));
                    throw new AlphaweaveException("period.start 2030-01-01 is after the data's last day");
                }))
                .hasMessageContaining("period.start 2030-01-01");

        assertThat(seenDuringTheRun.get()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(r.name()).isEqualTo("broken.yaml");
        });
        List<RunSummary> after = db.runs().list(new RunQuery(null, 10));
        assertThat(after).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(seenDuringTheRun.get().get(0).id());
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        });
        assertThat(db.runs().get(after.get(0).id()).summary().errorCategory()).isEqualTo("BAD_INPUT");
    }
}
