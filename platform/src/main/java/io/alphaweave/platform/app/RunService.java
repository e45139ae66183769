package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.NewRun;
import io.alphaweave.platform.store.RunSummary;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a portfolio backtest and keeps it in the store: the run row first (RUNNING, its hashes
 * pending), then the backtest, then its resolved config and hashes, then the report and COMPLETE in
 * one transaction — or FAILED with the error's category when the backtest or the store throws. A
 * process that dies mid-run leaves a RUNNING row that reads INTERRUPTED after the next start.
 *
 * <p>The strategies' signal sets ({@link BacktestOutcome#signalSets()}) are stored with the report: a
 * set already stored under its key (by any earlier run) is linked, not written again, so running the
 * same config twice adds no {@code strategy_signal} rows the second time.
 *
 * <p>Thread-safe when the database is.
 */
public final class RunService {
    /** The engine version recorded with each run (part of the code hash). */
    public static final String ENGINE_VERSION = "0.1.0";

    /** The hashes of a run that has started but not yet resolved its inputs. */
    static final String PENDING = "pending";

    private final Database database;

    /** @param database the open store, not null; not closed by this class */
    public RunService(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * A stored run.
     *
     * @param runId the id of the stored run
     * @param report the report the run produced (and stored)
     * @param sameInputsAs an earlier COMPLETE run with the same config, code and data hashes, if any
     */
    public record Stored(String runId, BacktestReport report, Optional<String> sameInputsAs) {
        /** Validates. */
        public Stored {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(sameInputsAs, "sameInputsAs");
        }
    }

    /**
     * Starts the run row, runs {@code backtest}, records the run's inputs (known only once the config
     * resolved) and stores its report.
     *
     * @param name the display name of the run (1–200 characters)
     * @param backtest runs the backtest, not null, e.g. {@link BacktestService#runWithSignals}
     * @return the stored run
     * @throws RuntimeException whatever the backtest or the store threw; a run row already started is
     *     marked FAILED with the error's category first
     */
    public Stored runAndStore(String name, Supplier<BacktestOutcome> backtest) {
        // the row first, so a crash mid-run leaves a run that reads INTERRUPTED after the next start
        String id = database.runs()
                .start(new NewRun(name, "{}", Map.of(), PENDING, PENDING, PENDING, ENGINE_VERSION))
                .summary()
                .id();
        return store(id, name, backtest, () -> false);
    }

    /**
     * Starts a QUEUED run (one submitted earlier, see {@link io.alphaweave.platform.jobs.BacktestQueue}),
     * runs {@code backtest} and stores its report as {@link #runAndStore} does. A cancelled backtest
     * leaves the run CANCELLED — or QUEUED again when {@code releasing} says its worker is stopping.
     *
     * @param runId the QUEUED run
     * @param name the display name of the run
     * @param backtest runs the backtest
     * @param releasing asked when the backtest was cancelled: true gives the run back to the queue
     * @return the stored run
     * @throws io.alphaweave.platform.store.RunStateException if the run is not QUEUED
     * @throws RunCancelledException when cancelled (the run is CANCELLED or QUEUED by then)
     */
    public Stored runQueued(
            String runId,
            String name,
            Supplier<BacktestOutcome> backtest,
            java.util.function.BooleanSupplier releasing) {
        Objects.requireNonNull(releasing, "releasing");
        if (!database.runs().begin(runId)) {
            throw new io.alphaweave.platform.store.RunStateException(
                    "run '" + runId + "' cannot start: it is no longer QUEUED");
        }
        return store(runId, name, backtest, releasing);
    }

    private Stored store(
            String id, String name, Supplier<BacktestOutcome> backtest, java.util.function.BooleanSupplier releasing) {
        BacktestReport report;
        Optional<String> earlier;
        try {
            BacktestOutcome outcome = backtest.get();
            report = outcome.report();
            RunHashes hashes = report.hashes();
            String codeHash = codeHash(hashes.components());
            earlier = database.runs()
                    .findEquivalent(hashes.config(), codeHash, hashes.dataset())
                    .map(RunSummary::id);
            database.runs()
                    .settleInputs(
                            id,
                            new NewRun(
                                    name,
                                    JsonMapper.write(report.config()),
                                    hashes.components(),
                                    hashes.config(),
                                    codeHash,
                                    hashes.dataset(),
                                    ENGINE_VERSION));
            database.runs().complete(id, report, outcome.signalSets());
        } catch (RunCancelledException e) {
            if (releasing.getAsBoolean()) {
                database.runs().requeue(id);
            } else {
                database.runs().cancel(id);
            }
            throw e;
        } catch (RuntimeException e) {
            database.runs().fail(id, ErrorCategory.of(e).name(), String.valueOf(e.getMessage()));
            throw e;
        } catch (OutOfMemoryError e) {
            // what the run held is garbage now: record why it ended, and keep the worker for the next run
            String message = "the backtest ran out of memory"
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")") + "; give the process a larger"
                    + " heap (ALPHAWEAVE_JAVA_OPTS=\"-Xms… -Xmx…\"), run fewer backtests at once, or use fewer symbols"
                    + " or days";
            database.runs().fail(id, ErrorCategory.INTERNAL.name(), message);
            throw new AlphaweaveException(message, e);
        }
        return new Stored(id, report, earlier);
    }

    /**
     * @param components component id → content hash
     * @return SHA-256 over the engine version and the sorted component hashes, 64 lowercase hex digits
     */
    static String codeHash(Map<String, String> components) {
        StringBuilder text = new StringBuilder(ENGINE_VERSION).append('\n');
        new java.util.TreeMap<>(components)
                .forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
