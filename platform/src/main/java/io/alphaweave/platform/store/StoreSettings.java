package io.alphaweave.platform.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to open the store.
 *
 * @param jdbcUrl {@code jdbc:h2:…} or {@code jdbc:postgresql:…} (credentials may be URL parameters)
 * @param clock the clock every stored instant comes from
 * @param owner the process that owns the runs and jobs this store starts
 * @param maxPoolSize the most connections held at once, in [1, 64]
 */
public record StoreSettings(String jdbcUrl, Clock clock, ProcessOwner owner, int maxPoolSize) {

    /** Validates. */
    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        DatabaseEngine.of(jdbcUrl);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(owner, "owner");
        if (maxPoolSize < 1 || maxPoolSize > 64) {
            throw new IllegalArgumentException("maxPoolSize must be in [1, 64], was " + maxPoolSize);
        }
    }

    /**
     * @param jdbcUrl the database URL
     * @param clock the clock stored instants come from
     * @return settings owned by this process, with a pool of 4 connections
     */
    public static StoreSettings of(String jdbcUrl, Clock clock) {
        return new StoreSettings(jdbcUrl, clock, ProcessOwner.current(), 4);
    }

    /**
     * The embedded default: an H2 file database {@code alphaweave.mv.db} in {@code home}, created on
     * first use.
     *
     * @param home the workspace home directory
     * @return its JDBC URL
     */
    public static String h2FileUrl(Path home) {
        return "jdbc:h2:file:" + home.toAbsolutePath().resolve("alphaweave");
    }
}
