package io.alphaweave.platform.store;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The repository suite on PostgreSQL. Each test gets its own database {@code alphaweave_test_<random>},
 * dropped afterwards. The server comes from {@code ALPHAWEAVE_TEST_PG_URL} (default: the local server,
 * user postgres). Outside CI a missing server aborts these tests with a message; with {@code CI=true}
 * they fail.
 */
class PostgresStoreTest extends StoreContract {
    private static final String ADMIN_URL = System.getenv()
            .getOrDefault("ALPHAWEAVE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

    private static String unavailable;
    private String database;

    @BeforeAll
    static void checkServer() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            unavailable = c.isValid(5) ? null : "PostgreSQL at " + DisplayUrls.strip(ADMIN_URL) + " is not valid";
        } catch (SQLException e) {
            unavailable = "PostgreSQL at " + DisplayUrls.strip(ADMIN_URL) + " is not reachable (" + e.getMessage()
                    + "); start it (bash .ci/run starts it) or set ALPHAWEAVE_TEST_PG_URL";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true needs PostgreSQL for the store suite: " + unavailable);
            }
        }
    }

    @Override
    String freshDatabaseUrl() throws SQLException {
        Assumptions.assumeTrue(unavailable == null, () -> "store suite on PostgreSQL skipped: " + unavailable);
        dropDatabase();
        database = "alphaweave_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        return currentUrl();
    }

    @Override
    void awaitSignalsBeingWritten(Process child) throws Exception {
        try (Connection c = DriverManager.getConnection(currentUrl());
                var q = c.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND state ="
                        + " 'active' AND query LIKE 'COPY strategy_signal%'")) {
            q.setString(1, database);
            while (true) {
                org.assertj.core.api.Assertions.assertThat(child.isAlive())
                        .as("the child is still writing")
                        .isTrue();
                try (var rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(5);
            }
        }
    }

    @Override
    String currentUrl() {
        return ADMIN_URL.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    }

    @Override
    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        super.closeStore();
        try {
            dropDatabase();
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + database, e);
        }
    }

    @AfterAll
    static void done() {
        unavailable = null;
    }

    private void dropDatabase() throws SQLException {
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            database = null;
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
