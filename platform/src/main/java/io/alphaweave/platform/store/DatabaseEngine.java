package io.alphaweave.platform.store;

import java.util.Locale;

/** The database engines the store runs on. */
public enum DatabaseEngine {
    /** H2 2.x, embedded (a file under the workspace home by default). */
    H2("jdbc:h2:"),
    /** PostgreSQL 12 or newer. */
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    DatabaseEngine(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /**
     * @param jdbcUrl a JDBC URL, never null
     * @return the engine the URL names
     * @throws StoreException if the URL names no supported engine
     */
    public static DatabaseEngine of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (DatabaseEngine engine : values()) {
            if (lower.startsWith(engine.urlPrefix)) {
                return engine;
            }
        }
        throw new StoreException("database URL must start with jdbc:h2: or jdbc:postgresql:, was '"
                + DisplayUrls.strip(jdbcUrl) + "'; set --db or ALPHAWEAVE_DB_URL to one of those");
    }
}
