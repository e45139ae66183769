package io.alphaweave.platform.submission;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/**
 * The submission repository suite on PostgreSQL: each test gets its own database, dropped afterwards
 * (server from {@code ALPHAWEAVE_TEST_PG_URL}, default the local server; with {@code CI=true} a missing
 * server fails).
 */
class PostgresSubmissionRepositoryTest extends SubmissionRepositoryContract {
    private static final String ADMIN_URL = System.getenv()
            .getOrDefault("ALPHAWEAVE_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private String database;

    @Override
    String freshDatabaseUrl() throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            c.isValid(5);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("PostgreSQL is not reachable: " + e.getMessage());
        }
        database = "alphaweave_test_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
        return ADMIN_URL.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    }

    @AfterEach
    void drop() throws SQLException {
        close();
        db = null;
        if (database != null) {
            admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
