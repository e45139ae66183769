package io.alphaweave.platform.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The open store: a connection pool on one database, migrated to the current schema, with its
 * repositories. Opening creates an H2 file on first use, applies pending migrations, and marks
 * INTERRUPTED the RUNNING runs and jobs whose owner process on this host is gone.
 *
 * <p>Thread-safe; one instance per process and database. Close it to release the pool (and, for H2, the
 * file lock).
 */
public final class Database implements AutoCloseable {
    private final StoreSettings settings;
    private final DatabaseEngine engine;
    private final StoreErrors errors;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Flyway flyway;
    private final int migrationsApplied;
    private final int recoveredOnOpen;
    private final RunRepository runs;
    private final JobRepository jobs;

    private Database(StoreSettings settings) {
        this.settings = settings;
        this.engine = DatabaseEngine.of(settings.jdbcUrl());
        this.errors = new StoreErrors(DisplayUrls.strip(settings.jdbcUrl()), engine);
        this.pool = openPool(settings, errors);
        try {
            this.flyway = Flyway.configure(Database.class.getClassLoader())
                    // one logging system for the whole application (slf4j), not java.util.logging on stderr
                    .loggers("slf4j")
                    .dataSource(pool)
                    .locations(
                            "classpath:db/migration/common",
                            "classpath:db/migration/" + engine.name().toLowerCase(Locale.ROOT))
                    .failOnMissingLocations(true)
                    .load();
            MigrateResult result = flyway.migrate();
            this.migrationsApplied = result.migrationsExecuted;
            this.jdbi = Jdbi.create(pool);
            this.runs = new RunRepository(this);
            this.jobs = new JobRepository(this);
            this.recoveredOnOpen = runs.recoverAbandoned() + jobs.recoverAbandoned() + runs.settleOrphanQueued();
        } catch (RuntimeException e) {
            pool.close();
            throw errors.translate("opening the store", e);
        }
    }

    /**
     * Opens (creating and migrating if needed) the database the settings name.
     *
     * @param settings URL, clock, owner and pool size
     * @return the open store
     * @throws StoreUnavailableException if the database cannot be reached, opened or logged into
     * @throws StoreException if the URL names no supported engine or migrating fails
     */
    public static Database open(StoreSettings settings) {
        return new Database(settings);
    }

    private static HikariDataSource openPool(StoreSettings settings, StoreErrors errors) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(1);
        config.setPoolName("alphaweave-store");
        if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
            // a run's trades and allocations go in JDBC batches: sent as multi-row INSERTs, not row by row
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        // a database that is down fails in seconds, with one line, instead of hanging
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw errors.translate("opening the store", e);
        }
    }

    /** @return the engine behind the URL */
    public DatabaseEngine engine() {
        return engine;
    }

    /** @return the URL with any password removed */
    public String displayUrl() {
        return errors.displayUrl();
    }

    /** @return how many migrations opening applied (0 when the schema was current) */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** @return how many runs and jobs of dead owner processes opening marked INTERRUPTED */
    public int recoveredOnOpen() {
        return recoveredOnOpen;
    }

    /** @return the process owning the runs and jobs this store starts */
    public ProcessOwner owner() {
        return settings.owner();
    }

    /** @return the runs, their results and their signal sets */
    public RunRepository runs() {
        return runs;
    }

    /** @return the work queue */
    public JobRepository jobs() {
        return jobs;
    }

    /**
     * @return engine, version, applied migrations and row counts
     * @throws StoreUnavailableException if the database is unreachable
     */
    public DatabaseInfo info() {
        List<String> applied = new ArrayList<>();
        String schemaVersion;
        try {
            for (MigrationInfo migration : flyway.info().applied()) {
                applied.add(migration.getVersion() + " " + migration.getDescription());
            }
            MigrationInfo current = flyway.info().current();
            schemaVersion = current == null ? "none" : current.getVersion().toString();
        } catch (RuntimeException e) {
            throw errors.translate("reading the schema history", e);
        }
        return call("reading database info", h -> {
            DatabaseMetaData meta = h.getConnection().getMetaData();
            String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
            for (RunStatus status : RunStatus.values()) {
                byStatus.put(status, 0L);
            }
            h.createQuery("SELECT status, COUNT(*) AS n FROM backtest_run GROUP BY status")
                    .map((rs, ctx) -> Map.entry(RunStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                    .forEach(e -> byStatus.put(e.getKey(), e.getValue()));
            long sets = h.createQuery("SELECT COUNT(*) FROM signal_set")
                    .mapTo(Long.class)
                    .one();
            long rows = h.createQuery("SELECT COUNT(*) FROM strategy_signal")
                    .mapTo(Long.class)
                    .one();
            return new DatabaseInfo(engine, displayUrl(), product, schemaVersion, applied, byStatus, sets, rows);
        });
    }

    /**
     * Runs {@code callback} on a pooled handle for a repository outside this package (submissions),
     * translating failures to store errors.
     *
     * @param doing what is being done, for the error message
     * @param callback the work
     * @param <R> the result type
     * @return the callback's result
     */
    public <R> R withHandle(String doing, HandleCallback<R, Exception> callback) {
        return call(doing, callback);
    }

    /**
     * Runs {@code callback} in one transaction for a repository outside this package, translating
     * failures to store errors.
     *
     * @param doing what is being done, for the error message
     * @param callback the work
     * @param <R> the result type
     * @return the callback's result
     */
    public <R> R inTransaction(String doing, HandleCallback<R, Exception> callback) {
        return transaction(doing, callback);
    }

    /** @return the clock the store stamps rows with */
    public java.time.Clock clock() {
        return settings.clock();
    }

    /** Releases the pool; for H2 this closes the file. Idempotent. */
    @Override
    public void close() {
        pool.close();
    }

    StoreSettings settings() {
        return settings;
    }

    StoreErrors errors() {
        return errors;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code callback} on a pooled handle, translating failures to store errors. */
    <R> R call(String doing, HandleCallback<R, Exception> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw errors.translate(doing, e);
        }
    }

    /** Runs {@code callback} in one transaction, translating failures to store errors. */
    <R> R transaction(String doing, HandleCallback<R, Exception> callback) {
        try {
            return jdbi.inTransaction(callback);
        } catch (StoreException e) {
            throw e;
        } catch (Exception e) {
            throw errors.translate(doing, e);
        }
    }

    /** For tests: a raw handle on the pool. */
    Handle openHandle() {
        return jdbi.open();
    }
}
