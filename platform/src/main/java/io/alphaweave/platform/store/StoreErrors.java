package io.alphaweave.platform.store;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** Turns driver, pool and migration failures into one-line store errors that name the database. */
final class StoreErrors {
    private static final Set<String> POSTGRES_DOWN = Set.of("57P01", "57P02", "57P03", "53300");
    private static final Set<String> AUTH = Set.of("28P01", "28000");

    private final String displayUrl;
    private final DatabaseEngine engine;

    StoreErrors(String displayUrl, DatabaseEngine engine) {
        this.displayUrl = displayUrl;
        this.engine = engine;
    }

    String displayUrl() {
        return displayUrl;
    }

    /**
     * @param doing what was being done, e.g. "storing run 1234"
     * @param failure what the driver, pool or jdbi threw
     * @return the store error to throw
     */
    StoreException translate(String doing, Throwable failure) {
        if (failure instanceof StoreException store) {
            return store;
        }
        SQLException sql = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                sql = e;
                break;
            }
        }
        String detail = firstLine(sql != null ? sql.getMessage() : failure.getMessage());
        String fix = unavailableFix(sql, failure);
        if (fix != null) {
            return new StoreUnavailableException(
                    displayUrl, "database " + displayUrl + " is unavailable (" + detail + "): " + fix, failure);
        }
        return new StoreException(doing + " failed in database " + displayUrl + ": " + detail, failure);
    }

    private String unavailableFix(SQLException sql, Throwable failure) {
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        boolean connection = sql instanceof SQLTransientConnectionException
                || state.startsWith("08")
                || POSTGRES_DOWN.contains(state)
                || failure.getClass().getName().contains("PoolInitializationException");
        if (state.equals("3D000")) {
            return "the database does not exist; create it (e.g. `createdb NAME`) or fix the name in --db / ALPHAWEAVE_DB_URL";
        }
        if (AUTH.contains(state)) {
            return "the server refused the user or password; fix them in --db / ALPHAWEAVE_DB_URL";
        }
        if (engine == DatabaseEngine.H2 && state.equals("90020")) {
            return "another process has this H2 file open; stop it, or use PostgreSQL (--db jdbc:postgresql://…) for several processes";
        }
        if (engine == DatabaseEngine.H2 && (state.equals("90028") || state.equals("90146") || state.equals("90013"))) {
            return "the H2 file cannot be opened; check that its directory exists and is writable";
        }
        if (connection) {
            return engine == DatabaseEngine.POSTGRESQL
                    ? "start PostgreSQL (e.g. `pg_ctlcluster <version> main start`) or point --db / ALPHAWEAVE_DB_URL at a running server"
                    : "check the H2 URL in --db / ALPHAWEAVE_DB_URL";
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
