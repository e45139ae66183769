package io.alphaweave.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreUnavailableTest {

    @Test
    void aServerThatIsDownGivesOneLineNamingTheDatabaseWithoutItsPassword() {
        // port 1 on the loopback: nothing listens there
        String url = "jdbc:postgresql://127.0.0.1:1/alphaweave?user=quant&password=hunter2";
        assertThatThrownBy(() -> Database.open(StoreSettings.of(url, Clock.systemUTC())))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                    assertThat(e.getMessage())
                            .startsWith("database jdbc:postgresql://127.0.0.1:1/alphaweave?user=quant&password=***"
                                    + " is unavailable")
                            .contains("start PostgreSQL")
                            .doesNotContain("hunter2")
                            .doesNotContain("\n");
                    assertThat(e.displayUrl()).doesNotContain("hunter2");
                });
    }

    @Test
    void anUnsupportedUrlIsRejectedWithTheEnginesThatWork() {
        assertThatThrownBy(() -> StoreSettings.of("jdbc:mysql://db/x?password=pw", Clock.systemUTC()))
                .isInstanceOf(StoreException.class)
                .hasMessage(
                        "database URL must start with jdbc:h2: or jdbc:postgresql:, was 'jdbc:mysql://db/x?password=***';"
                                + " set --db or ALPHAWEAVE_DB_URL to one of those");
    }

    @Test
    void anH2FileHeldByAnotherOpenStoreIsNamedAsInUse(@TempDir Path home) throws Exception {
        String url = StoreSettings.h2FileUrl(home);
        try (Database first = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            assertThat(Files.exists(home.resolve("alphaweave.mv.db"))).isTrue();
            assertThat(first.engine()).isEqualTo(DatabaseEngine.H2);
        }
        try (Database again = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            assertThat(again.migrationsApplied()).isZero();
        }
    }
}
