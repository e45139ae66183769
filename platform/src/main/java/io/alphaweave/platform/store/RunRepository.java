package io.alphaweave.platform.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.JsonMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Runs and everything they produced. A run is written RUNNING first ({@link #start}); its results and its
 * COMPLETE status are then written in one transaction ({@link #complete}), so a run never looks complete
 * with part of its results. Thread-safe.
 */
public final class RunRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUMMARY_COLUMNS = "id, name, status, config_hash, code_hash, dataset_hash,"
            + " engine_version, progress, created_at, started_at, finished_at, error_category, error_message, owner";

    /** Rows per committed chunk when H2 pre-writes a signal set. */
    private static final int CHUNK_ROWS = 50_000;

    private final Database db;
    private final SignalWriter signalWriter;
    private final java.util.concurrent.locks.ReentrantLock h2Completions =
            new java.util.concurrent.locks.ReentrantLock();

    RunRepository(Database db) {
        this.db = db;
        this.signalWriter = SignalWriter.of(db.engine());
    }

    /**
     * Writes a new run, RUNNING, owned by this process, created and started now.
     *
     * @param run what is known at the start
     * @return the stored run
     * @throws StoreUnavailableException if the database is unreachable
     */
    public RunRecord start(NewRun run) {
        String id = UUID.randomUUID().toString();
        Instant now = Sql.micros(db.settings().clock().instant());
        String hashes = toJson(run.componentHashes());
        db.call("starting run " + id, h -> h.createUpdate("INSERT INTO backtest_run (id, name, status,"
                        + " config_json, component_hashes_json, config_hash, code_hash, dataset_hash,"
                        + " engine_version, progress, created_at, started_at, owner) VALUES (:id, :name,"
                        + " 'RUNNING', :config, :hashes, :configHash, :codeHash, :datasetHash, :engine, 0,"
                        + " :now, :now, :owner)")
                .bind("id", id)
                .bind("name", run.name())
                .bind("config", run.configJson())
                .bind("hashes", hashes)
                .bind("configHash", run.configHash())
                .bind("codeHash", run.codeHash())
                .bind("datasetHash", run.datasetHash())
                .bind("engine", run.engineVersion())
                .bind("now", Sql.instant(now))
                .bind("owner", db.owner().encode())
                .execute());
        return get(id);
    }

    /**
     * Writes a new run, QUEUED (submitted, not started), owned by this process until a worker begins it.
     *
     * @param run what is known at submission (usually the submitted config and pending hashes)
     * @return the stored run
     */
    public RunRecord enqueue(NewRun run) {
        String id = UUID.randomUUID().toString();
        Instant now = Sql.micros(db.settings().clock().instant());
        db.call("queueing run " + id, h -> h.createUpdate("INSERT INTO backtest_run (id, name, status,"
                        + " config_json, component_hashes_json, config_hash, code_hash, dataset_hash,"
                        + " engine_version, progress, created_at, owner) VALUES (:id, :name, 'QUEUED', :config,"
                        + " :hashes, :configHash, :codeHash, :datasetHash, :engine, 0, :now, :owner)")
                .bind("id", id)
                .bind("name", run.name())
                .bind("config", run.configJson())
                .bind("hashes", toJson(run.componentHashes()))
                .bind("configHash", run.configHash())
                .bind("codeHash", run.codeHash())
                .bind("datasetHash", run.datasetHash())
                .bind("engine", run.engineVersion())
                .bind("now", Sql.instant(now))
                .bind("owner", db.owner().encode())
                .execute());
        return get(id);
    }

    /**
     * Starts a QUEUED run: RUNNING, owned by this process, started now.
     *
     * @param runId the run
     * @return false if the run is not QUEUED (cancelled or deleted meanwhile)
     */
    public boolean begin(String runId) {
        Instant now = Sql.micros(db.settings().clock().instant());
        return db.call("starting run " + runId, h -> h.createUpdate("UPDATE backtest_run SET status = 'RUNNING',"
                                + " started_at = :now, owner = :owner, progress = 0 WHERE id = :id AND status ="
                                + " 'QUEUED'")
                        .bind("now", Sql.instant(now))
                        .bind("owner", db.owner().encode())
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Gives a RUNNING run back to the queue (its worker stops before it finished): QUEUED, progress 0.
     *
     * @param runId the run
     * @return false if the run was not RUNNING
     */
    public boolean requeue(String runId) {
        return db.call("requeueing run " + runId, h -> h.createUpdate("UPDATE backtest_run SET status = 'QUEUED',"
                                + " started_at = NULL, progress = 0 WHERE id = :id AND status = 'RUNNING'")
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Ends a QUEUED run that never started: CANCELLED (asked for) or INTERRUPTED (its job was lost).
     *
     * @param runId the run
     * @param status CANCELLED or INTERRUPTED
     * @param message why, or null
     * @return false if the run was not QUEUED
     */
    public boolean endQueued(String runId, RunStatus status, String message) {
        if (status != RunStatus.CANCELLED && status != RunStatus.INTERRUPTED) {
            throw new IllegalArgumentException("status must be CANCELLED or INTERRUPTED, was " + status);
        }
        Instant now = db.settings().clock().instant();
        return db.call("marking run " + runId + " " + status, h -> h.createUpdate("UPDATE backtest_run SET status ="
                                + " :status, finished_at = :now, error_message = :message WHERE id = :id AND status ="
                                + " 'QUEUED'")
                        .bind("status", status.name())
                        .bind("now", Sql.instant(now))
                        .bind("message", message)
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Lists runs newest first, skipping the first {@code offset}.
     *
     * @param query status filter and limit
     * @param offset how many to skip, ≥ 0
     * @return at most {@code query.limit()} runs
     */
    public List<RunSummary> list(RunQuery query, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be ≥ 0, was " + offset);
        }
        return db.call("listing runs", h -> {
            Query select = h.createQuery("SELECT " + SUMMARY_COLUMNS + " FROM backtest_run"
                            + (query.status() == null ? "" : " WHERE status = :status")
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                    .bind("limit", query.limit())
                    .bind("offset", offset);
            if (query.status() != null) {
                select.bind("status", query.status().name());
            }
            return select.map((rs, ctx) -> summary(rs)).list();
        });
    }

    /**
     * A QUEUED run whose job ended without it (its worker died between claiming the job and starting the
     * run) takes the job's final state: nothing would ever start it.
     *
     * @return how many runs were settled
     */
    int settleOrphanQueued() {
        List<String> orphans = db.call("finding queued runs whose job ended", h -> h.createQuery("SELECT r.id FROM"
                        + " backtest_run r JOIN job j ON j.run_id = r.id WHERE r.status = 'QUEUED' AND j.status IN"
                        + " ('INTERRUPTED', 'FAILED', 'CANCELLED') AND NOT EXISTS (SELECT 1 FROM job k WHERE"
                        + " k.run_id = r.id AND k.status IN ('QUEUED', 'RUNNING'))")
                .mapTo(String.class)
                .list());
        int settled = 0;
        for (String id : orphans) {
            if (endQueued(id, RunStatus.INTERRUPTED, "its job's worker stopped before the run started")) {
                settled++;
            }
        }
        return settled;
    }

    /**
     * Records progress of a RUNNING run.
     *
     * @param runId the run
     * @param progress fraction done in [0, 1]
     * @return false if the run is not RUNNING (e.g. it was marked INTERRUPTED or deleted)
     */
    public boolean progress(String runId, double progress) {
        Checks.unitInterval(progress, "progress");
        return db.call("recording progress of run " + runId, h -> h.createUpdate(
                                "UPDATE backtest_run SET progress = :p WHERE id = :id AND status = 'RUNNING'")
                        .bind("p", progress)
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Writes every result of a RUNNING run and marks it COMPLETE, in one transaction: on any failure
     * nothing of it is written and the run stays RUNNING. Signal sets already stored under the same key
     * are linked, not written again.
     *
     * @param runId the run
     * @param results what it produced
     * @return what was written, and the earlier equivalent run if any
     * @throws UnknownRunException if no such run exists
     * @throws RunStateException if the run is not RUNNING
     * @throws StoreUnavailableException if the database is unreachable
     */
    public CompletionSummary complete(String runId, RunResults results) {
        if (db.engine() == DatabaseEngine.H2) {
            // one process serves an H2 file, and its signal-set writer is the process: two runs of it storing
            // the same set at once would both insert it, or one would take the other's half-written set
            h2Completions.lock();
            try {
                return completeOnce(runId, results);
            } finally {
                h2Completions.unlock();
            }
        }
        return completeOnce(runId, results);
    }

    private CompletionSummary completeOnce(String runId, RunResults results) {
        List<Long> prewritten = List.of();
        if (db.engine() == DatabaseEngine.H2) {
            RunStatus status = get(runId).status();
            if (status != RunStatus.RUNNING) {
                throw new RunStateException("cannot complete run '" + runId + "': it must be RUNNING, is " + status);
            }
            prewritten = prewriteSignalSets(runId, results.signalSets());
        }
        try {
            return completeInOneTransaction(runId, results);
        } catch (RuntimeException e) {
            discardWritingSets(prewritten);
            throw e;
        }
    }

    private CompletionSummary completeInOneTransaction(String runId, RunResults results) {
        return db.transaction("storing the results of run " + runId, h -> {
            RunSummary run = lockRunning(h, runId, "complete");
            int stored = 0;
            int reused = 0;
            long rows = 0;
            Set<Long> linked = new HashSet<>();
            for (SignalSet set : results.signalSets()) {
                long[] idAndRows = ensureSignalSet(h, set);
                if (idAndRows[1] >= 0) {
                    stored++;
                    rows += idAndRows[1];
                } else {
                    reused++;
                }
                if (linked.add(idAndRows[0])) {
                    h.createUpdate("INSERT INTO run_signal_set (run_id, set_id, strategy_id) VALUES (:run, :set,"
                                    + " :strategy)")
                            .bind("run", runId)
                            .bind("set", idAndRows[0])
                            .bind("strategy", set.key().strategyId())
                            .execute();
                }
            }
            insertAllocations(h, runId, results.allocations());
            insertPerformance(h, runId, results.performance());
            if (db.engine() == DatabaseEngine.POSTGRESQL && !results.trades().isEmpty()) {
                TradeCopy.write(h.getConnection(), runId, results.trades());
            } else {
                insertTrades(h, runId, results.trades());
            }
            Instant now = Sql.micros(db.settings().clock().instant());
            h.createUpdate("UPDATE backtest_run SET status = 'COMPLETE', progress = 1, finished_at = :now,"
                            + " report_json = :report WHERE id = :id")
                    .bind("now", Sql.instant(now))
                    .bind("report", results.reportJson())
                    .bind("id", runId)
                    .execute();
            String equivalent = h.createQuery("SELECT id FROM backtest_run WHERE config_hash = :c AND code_hash ="
                            + " :k AND dataset_hash = :d AND status = 'COMPLETE' AND id <> :id ORDER BY created_at,"
                            + " id LIMIT 1")
                    .bind("c", run.configHash())
                    .bind("k", run.codeHash())
                    .bind("d", run.datasetHash())
                    .bind("id", runId)
                    .mapTo(String.class)
                    .findOne()
                    .orElse(null);
            return new CompletionSummary(stored, reused, rows, equivalent);
        });
    }

    /**
     * Completes a RUNNING run with its report: the report's weights, metrics and trades go into the
     * allocation, performance and trade tables, the report itself is stored as JSON (what
     * {@link #report(String)} reads back), and the strategies' signal sets are stored once and linked; all
     * in one transaction, as {@link #complete(String, RunResults)}.
     *
     * @param runId the run
     * @param report what the run produced
     * @param signalSets the signal sets of its strategies (may be empty)
     * @return what was written, and the earlier equivalent run if any
     */
    public CompletionSummary complete(String runId, BacktestReport report, List<SignalSet> signalSets) {
        return complete(runId, ReportRows.of(report, signalSets));
    }

    /**
     * @param runId a run
     * @return the report a COMPLETE run stored, equal to the one it was completed with; empty if the run
     *     has none (not complete, or completed with a report of another kind)
     * @throws UnknownRunException if there is no such run
     */
    public Optional<BacktestReport> report(String runId) {
        RunRecord run = get(runId);
        if (run.reportJson() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonMapper.read(run.reportJson(), BacktestReport.class));
        } catch (RuntimeException e) {
            throw new StoreException(
                    "the report stored for run '" + runId + "' is not a backtest report of this" + " version: "
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Records what a RUNNING run turned out to be: its resolved config and its hashes, known only once
     * the run has resolved its components and read its data. A run is started first (so a crash
     * leaves a row that reads INTERRUPTED) and told its inputs before it completes.
     *
     * @param runId the run
     * @param inputs the resolved config, component hashes, config, code and dataset hashes (the name
     *     and engine version of {@code inputs} are not changed)
     * @return whether a RUNNING run was updated (false when the run is no longer RUNNING)
     * @throws StoreUnavailableException if the database is unreachable
     */
    public boolean settleInputs(String runId, NewRun inputs) {
        java.util.Objects.requireNonNull(inputs, "inputs");
        return db.call("recording the inputs of run " + runId, h -> h.createUpdate("UPDATE backtest_run SET"
                                + " config_json = :config, component_hashes_json = :components, config_hash = :c,"
                                + " code_hash = :k, dataset_hash = :d WHERE id = :id AND status = 'RUNNING'")
                        .bind("config", inputs.configJson())
                        .bind("components", toJson(inputs.componentHashes()))
                        .bind("c", inputs.configHash())
                        .bind("k", inputs.codeHash())
                        .bind("d", inputs.datasetHash())
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Marks a RUNNING run FAILED with its error.
     *
     * @param runId the run
     * @param category the error category (e.g. {@code BAD_INPUT}), 1–32 characters
     * @param message the one-line error message
     * @return false if the run was not RUNNING
     */
    public boolean fail(String runId, String category, String message) {
        Checks.nonBlank(category, "category", 32);
        java.util.Objects.requireNonNull(message, "message");
        return finish(runId, RunStatus.FAILED, category, message);
    }

    /**
     * Marks a RUNNING run CANCELLED.
     *
     * @param runId the run
     * @return false if the run was not RUNNING
     */
    public boolean cancel(String runId) {
        return finish(runId, RunStatus.CANCELLED, null, null);
    }

    private boolean finish(String runId, RunStatus status, String category, String message) {
        Instant now = db.settings().clock().instant();
        return db.call("marking run " + runId + " " + status, h -> h.createUpdate("UPDATE backtest_run SET status"
                                + " = :status, finished_at = :now, error_category = :category, error_message ="
                                + " :message WHERE id = :id AND status = 'RUNNING'")
                        .bind("status", status.name())
                        .bind("now", Sql.instant(now))
                        .bind("category", category)
                        .bind("message", message)
                        .bind("id", runId)
                        .execute())
                == 1;
    }

    /**
     * Marks INTERRUPTED every RUNNING run of {@code owner} (e.g. a service restarting marks its own).
     *
     * @param owner the encoded owner ({@link ProcessOwner#encode()} or a service's name)
     * @return how many runs were marked
     */
    public int markInterrupted(String owner) {
        Instant now = db.settings().clock().instant();
        return db.call("marking the runs of " + owner + " INTERRUPTED", h -> h.createUpdate(
                        "UPDATE backtest_run SET status = 'INTERRUPTED', finished_at = :now, error_message = :message"
                                + " WHERE status = 'RUNNING' AND owner = :owner")
                .bind("now", Sql.instant(now))
                .bind("message", "its process " + owner + " stopped before the results were written")
                .bind("owner", owner)
                .execute());
    }

    /**
     * Marks INTERRUPTED the RUNNING runs whose owner process on this host is gone, and deletes the signal
     * sets such a process left WRITING.
     */
    int recoverAbandoned() {
        List<String> writers = db.call("finding abandoned signal sets", h -> h.createQuery(
                        "SELECT DISTINCT writer FROM signal_set WHERE state = 'WRITING'")
                .mapTo(String.class)
                .list());
        for (String writer : writers) {
            if (ProcessOwner.decode(writer)
                    .map(o -> o.isGoneOn(db.owner().host()))
                    .orElse(false)) {
                List<Long> sets = db.call("finding abandoned signal sets", h -> h.createQuery(
                                "SELECT id FROM signal_set WHERE state = 'WRITING' AND writer = :writer")
                        .bind("writer", writer)
                        .mapTo(Long.class)
                        .list());
                discardWritingSets(sets);
            }
        }
        return recoverAbandonedRuns();
    }

    private int recoverAbandonedRuns() {
        List<String> owners = db.call("finding abandoned runs", h -> h.createQuery(
                        "SELECT DISTINCT owner FROM backtest_run WHERE status = 'RUNNING'")
                .mapTo(String.class)
                .list());
        int marked = 0;
        String host = db.owner().host();
        for (String owner : owners) {
            if (ProcessOwner.decode(owner).map(o -> o.isGoneOn(host)).orElse(false)) {
                marked += markInterrupted(owner);
            }
        }
        return marked;
    }

    /**
     * @param runId a run id
     * @return the run with its documents, or empty if there is none
     */
    public Optional<RunRecord> find(String runId) {
        return db.call("reading run " + runId, h -> h.createQuery("SELECT " + SUMMARY_COLUMNS
                        + ", config_json, component_hashes_json, report_json FROM backtest_run WHERE id = :id")
                .bind("id", runId)
                .map((rs, ctx) -> new RunRecord(
                        summary(rs),
                        rs.getString("config_json"),
                        fromJson(rs.getString("component_hashes_json")),
                        rs.getString("report_json")))
                .findOne());
    }

    /**
     * @param runId a run id
     * @return the run with its documents
     * @throws UnknownRunException if there is none
     */
    public RunRecord get(String runId) {
        return find(runId).orElseThrow(() -> new UnknownRunException(runId));
    }

    /**
     * Lists runs newest first (by creation instant, then id).
     *
     * @param query status filter and limit
     * @return at most {@code query.limit()} runs
     */
    public List<RunSummary> list(RunQuery query) {
        return db.call("listing runs", h -> {
            Query select = h.createQuery("SELECT " + SUMMARY_COLUMNS + " FROM backtest_run"
                            + (query.status() == null ? "" : " WHERE status = :status")
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("limit", query.limit());
            if (query.status() != null) {
                select.bind("status", query.status().name());
            }
            return select.map((rs, ctx) -> summary(rs)).list();
        });
    }

    /**
     * The earliest COMPLETE run with these hashes: a run with the same three repeats it.
     *
     * @param configHash hash of the resolved config
     * @param codeHash hash of the code
     * @param datasetHash hash of the data
     * @return that run, or empty
     */
    public Optional<RunSummary> findEquivalent(String configHash, String codeHash, String datasetHash) {
        return db.call("finding an equivalent run", h -> h.createQuery("SELECT " + SUMMARY_COLUMNS
                        + " FROM backtest_run WHERE config_hash = :c AND code_hash = :k AND dataset_hash = :d AND"
                        + " status = 'COMPLETE' ORDER BY created_at, id LIMIT 1")
                .bind("c", configHash)
                .bind("k", codeHash)
                .bind("d", datasetHash)
                .map((rs, ctx) -> summary(rs))
                .findOne());
    }

    /**
     * Deletes a run and its allocations, performance, trades and signal-set links; a signal set goes too
     * when no other run uses it.
     *
     * @param runId the run
     * @return true if it existed
     * @throws RunStateException if the run is RUNNING
     */
    public boolean delete(String runId) {
        return db.transaction("deleting run " + runId, h -> {
            Optional<String> status = h.createQuery("SELECT status FROM backtest_run WHERE id = :id FOR UPDATE")
                    .bind("id", runId)
                    .mapTo(String.class)
                    .findOne();
            if (status.isEmpty()) {
                return false;
            }
            if (status.get().equals(RunStatus.RUNNING.name())) {
                throw new RunStateException("run '" + runId + "' is RUNNING; delete it once it has finished");
            }
            List<Long> sets = h.createQuery("SELECT set_id FROM run_signal_set WHERE run_id = :id")
                    .bind("id", runId)
                    .mapTo(Long.class)
                    .list();
            h.createUpdate("DELETE FROM backtest_run WHERE id = :id")
                    .bind("id", runId)
                    .execute();
            for (long set : sets) {
                boolean used = h.createQuery("SELECT COUNT(*) FROM run_signal_set WHERE set_id = :set")
                                .bind("set", set)
                                .mapTo(Long.class)
                                .one()
                        > 0;
                if (!used) {
                    bindSet(h.createUpdate("DELETE FROM strategy_signal WHERE " + setRows()), set)
                            .execute();
                    h.createUpdate("DELETE FROM signal_set WHERE id = :set")
                            .bind("set", set)
                            .execute();
                }
            }
            return true;
        });
    }

    /**
     * @param leftId the first run
     * @param rightId the second run
     * @return the two side by side
     * @throws UnknownRunException if either does not exist
     */
    public RunComparison compare(String leftId, String rightId) {
        RunSummary left = get(leftId).summary();
        RunSummary right = get(rightId).summary();
        return new RunComparison(
                left,
                right,
                left.configHash().equals(right.configHash()),
                left.codeHash().equals(right.codeHash()),
                left.datasetHash().equals(right.datasetHash()),
                performance(leftId),
                performance(rightId));
    }

    /**
     * @param runId a run
     * @return the signal sets it used, by strategy id
     */
    public List<StoredSignalSet> signalSets(String runId) {
        return db.call("reading the signal sets of run " + runId, h -> h.createQuery("SELECT s.id, s.strategy_id,"
                        + " s.strategy_hash, s.parameters_json, s.dataset_hash, s.period_start, s.period_end,"
                        + " s.row_count FROM signal_set s JOIN run_signal_set l ON l.set_id = s.id WHERE l.run_id ="
                        + " :id AND s.state = 'STORED' ORDER BY s.strategy_id, s.id")
                .bind("id", runId)
                .map((rs, ctx) -> new StoredSignalSet(
                        rs.getLong("id"),
                        new SignalSetKey(
                                rs.getString("strategy_id"),
                                rs.getString("strategy_hash"),
                                rs.getString("parameters_json"),
                                rs.getString("dataset_hash"),
                                Sql.date(rs, "period_start"),
                                Sql.date(rs, "period_end")),
                        rs.getLong("row_count")))
                .list());
    }

    /**
     * @param setId a stored set's id
     * @return its rows, ordered by symbol (in the database's collation) then date
     */
    public List<SignalRow> signals(long setId) {
        return db.call("reading signal set " + setId, h -> bindSet(
                        h.createQuery("SELECT symbol, signal_date, alpha_score, confidence, horizon_days,"
                                + " volatility_adjusted, metadata_json FROM strategy_signal WHERE " + setRows()
                                + " ORDER BY symbol, signal_date"),
                        setId)
                .setFetchSize(10_000)
                .map((rs, ctx) -> new SignalRow(
                        rs.getString("symbol"),
                        Sql.date(rs, "signal_date"),
                        rs.getDouble("alpha_score"),
                        rs.getDouble("confidence"),
                        rs.getInt("horizon_days"),
                        rs.getBoolean("volatility_adjusted"),
                        rs.getString("metadata_json")))
                .list());
    }

    /**
     * Every {@code every}-th row of a stored set (the 1st, the every+1-th, … in symbol then date order),
     * chosen in the database: a sample for drawing without reading the whole set.
     *
     * @param setId a stored set's id
     * @param every keep one row in this many, ≥ 1
     * @return the sampled rows, ordered by symbol then date
     */
    public List<SignalRow> sampledSignals(long setId, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be ≥ 1, was " + every);
        }
        return db.call("sampling signal set " + setId, h -> bindSet(
                        h.createQuery("SELECT symbol, signal_date, alpha_score, confidence, horizon_days FROM"
                                + " (SELECT symbol, signal_date, alpha_score, confidence, horizon_days,"
                                + " ROW_NUMBER() OVER (ORDER BY symbol, signal_date) AS rn FROM strategy_signal WHERE "
                                + setRows() + ") sampled WHERE MOD(rn - 1, :every) = 0 ORDER BY rn"),
                        setId)
                .bind("every", every)
                .setFetchSize(10_000)
                .map((rs, ctx) -> new SignalRow(
                        rs.getString("symbol"),
                        Sql.date(rs, "signal_date"),
                        rs.getDouble("alpha_score"),
                        rs.getDouble("confidence"),
                        rs.getInt("horizon_days"),
                        false,
                        null))
                .list());
    }

    /**
     * Every {@code every}-th row of a stored set in the order it was written — by date, then by the
     * panel's symbol order ({@code BacktestService} writes sets so) — from the first: a sample for
     * drawing that costs a few hundred index probes on H2, where a set's rows are the key range of its
     * id in write order (db/migration/h2/V2). {@link #sampledSignals} numbers the whole set in symbol
     * order instead, which took 5–10 s per 500,000-row set on H2. PostgreSQL keeps no write position:
     * there the rows are numbered by date, then symbol, which is the same order when the panel's symbols
     * are sorted (every shipped dataset's are).
     *
     * @param setId a stored set's id
     * @param every keep one row in this many, ≥ 1
     * @return the sampled rows, in that order
     */
    public List<SignalRow> signalSample(long setId, long every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be ≥ 1, was " + every);
        }
        if (db.engine() == DatabaseEngine.H2) {
            return sampledByRowKey(setId, every);
        }
        return db.call("sampling signal set " + setId, h -> bindSet(
                        h.createQuery("SELECT symbol, signal_date, alpha_score, confidence, horizon_days FROM"
                                + " (SELECT symbol, signal_date, alpha_score, confidence, horizon_days,"
                                + " ROW_NUMBER() OVER (ORDER BY signal_date, symbol) AS rn FROM strategy_signal WHERE "
                                + setRows() + ") sampled WHERE MOD(rn - 1, :every) = 0 ORDER BY rn"),
                        setId)
                .bind("every", every)
                .setFetchSize(10_000)
                .map((rs, ctx) -> sampleRow(rs))
                .list());
    }

    private static SignalRow sampleRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new SignalRow(
                rs.getString("symbol"),
                Sql.date(rs, "signal_date"),
                rs.getDouble("alpha_score"),
                rs.getDouble("confidence"),
                rs.getInt("horizon_days"),
                false,
                null);
    }

    private List<SignalRow> sampledByRowKey(long setId, long every) {
        return db.call("sampling signal set " + setId, h -> {
            long count = h.createQuery("SELECT row_count FROM signal_set WHERE id = :set")
                    .bind("set", setId)
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L);
            List<SignalRow> out = new ArrayList<>();
            List<Long> keys = new ArrayList<>();
            for (long position = 0; position < count; position += every) {
                keys.add(SignalWriter.rowKey(setId, position));
                if (keys.size() == 1_000 || position + every >= count) {
                    out.addAll(h.createQuery("SELECT symbol, signal_date, alpha_score, confidence, horizon_days FROM"
                                    + " strategy_signal WHERE row_key IN (<keys>) ORDER BY row_key")
                            .bindList("keys", keys)
                            .map((rs, ctx) -> sampleRow(rs))
                            .list());
                    keys.clear();
                }
            }
            return out;
        });
    }

    /**
     * @param runId a run
     * @return its allocations in the order they were written
     */
    public List<AllocationRow> allocations(String runId) {
        return db.call("reading the allocations of run " + runId, h -> h.createQuery("SELECT allocation_date,"
                        + " combination_method, weights_json, total_capital, provenance_json,"
                        + " binding_constraints_json FROM portfolio_allocation WHERE run_id = :id ORDER BY seq")
                .bind("id", runId)
                .map((rs, ctx) -> new AllocationRow(
                        Sql.date(rs, "allocation_date"),
                        rs.getString("combination_method"),
                        rs.getString("weights_json"),
                        rs.getDouble("total_capital"),
                        rs.getString("provenance_json"),
                        rs.getString("binding_constraints_json")))
                .list());
    }

    /**
     * @param runId a run
     * @return its performance rows by strategy id, evaluation date and lookback
     */
    public List<PerformanceRow> performance(String runId) {
        return db.call("reading the performance of run " + runId, h -> h.createQuery("SELECT strategy_id,"
                        + " evaluation_date, lookback_days, sharpe_ratio, total_return, max_drawdown, win_rate,"
                        + " ic_mean, metrics_json FROM strategy_performance WHERE run_id = :id ORDER BY"
                        + " strategy_id, evaluation_date, lookback_days")
                .bind("id", runId)
                .map((rs, ctx) -> new PerformanceRow(
                        rs.getString("strategy_id"),
                        Sql.date(rs, "evaluation_date"),
                        rs.getInt("lookback_days"),
                        rs.getDouble("sharpe_ratio"),
                        rs.getDouble("total_return"),
                        rs.getDouble("max_drawdown"),
                        rs.getDouble("win_rate"),
                        rs.getDouble("ic_mean"),
                        rs.getString("metrics_json")))
                .list());
    }

    /**
     * @param runId a run
     * @return its trades in the order they were written
     */
    public List<TradeRow> trades(String runId) {
        return db.call("reading the trades of run " + runId, h -> h.createQuery("SELECT symbol, side, decision_date,"
                        + " entry_date, exit_date, entry_price, exit_price, quantity, commission, pnl,"
                        + " attribution_json FROM trade WHERE run_id = :id ORDER BY seq")
                .bind("id", runId)
                .map((rs, ctx) -> new TradeRow(
                        rs.getString("symbol"),
                        TradeSide.valueOf(rs.getString("side")),
                        Sql.date(rs, "decision_date"),
                        Sql.date(rs, "entry_date"),
                        Sql.date(rs, "exit_date"),
                        rs.getDouble("entry_price"),
                        rs.getDouble("exit_price"),
                        rs.getDouble("quantity"),
                        rs.getDouble("commission"),
                        rs.getDouble("pnl"),
                        rs.getString("attribution_json")))
                .list());
    }

    private RunSummary lockRunning(Handle h, String runId, String step) {
        RunSummary run = h.createQuery("SELECT " + SUMMARY_COLUMNS + " FROM backtest_run WHERE id = :id FOR UPDATE")
                .bind("id", runId)
                .map((rs, ctx) -> summary(rs))
                .findOne()
                .orElseThrow(() -> new UnknownRunException(runId));
        if (run.status() != RunStatus.RUNNING) {
            throw new RunStateException(
                    "cannot " + step + " run '" + runId + "': it must be RUNNING, is " + run.status());
        }
        return run;
    }

    /**
     * H2 loads a large transaction several times slower than committed chunks, so there the rows of each
     * new set are written before the run's transaction, in committed chunks, under a WRITING set row that
     * only the run's transaction turns STORED. Nothing reads a WRITING set; one left by a dead writer is
     * deleted at the next start, one left by a failed completion right away.
     *
     * @return the ids of the sets written here
     */
    private List<Long> prewriteSignalSets(String runId, List<SignalSet> sets) {
        List<Long> written = new ArrayList<>();
        try {
            for (SignalSet set : sets) {
                String digest = set.key().digest();
                Optional<Long> id = claimSetForWriting(runId, set, digest);
                if (id.isEmpty()) {
                    continue;
                }
                written.add(id.get());
                List<SignalRow> rows = set.rows();
                for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
                    List<SignalRow> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS));
                    long offset = from;
                    db.transaction(
                            "storing the signals of run " + runId,
                            h -> signalWriter.write(h.getConnection(), id.get(), offset, chunk));
                }
            }
            return written;
        } catch (RuntimeException e) {
            discardWritingSets(written);
            throw e;
        }
    }

    /** @return the id of a new WRITING set row, or empty if the set is already stored (or being stored) */
    private Optional<Long> claimSetForWriting(String runId, SignalSet set, String digest) {
        return db.transaction("storing the signals of run " + runId, h -> {
            if (findSet(h, digest).isPresent()) {
                return Optional.<Long>empty();
            }
            insertSetRow(h, set, digest, "WRITING");
            return findSet(h, digest);
        });
    }

    private void discardWritingSets(List<Long> ids) {
        for (long id : ids) {
            try {
                db.transaction("discarding signal set " + id, h -> {
                    bindSet(h.createUpdate("DELETE FROM strategy_signal WHERE " + setRows()), id)
                            .execute();
                    return h.createUpdate("DELETE FROM signal_set WHERE id = :id AND state = 'WRITING'")
                            .bind("id", id)
                            .execute();
                });
            } catch (StoreException e) {
                // the database is gone too: the next start deletes the set as its writer's
            }
        }
    }

    /** @return {set id, rows written} with rows written -1 when the set was already stored */
    private long[] ensureSignalSet(Handle h, SignalSet set) throws SQLException {
        SignalSetKey key = set.key();
        String digest = key.digest();
        Optional<Long> existing = findSet(h, digest);
        if (existing.isPresent()) {
            int claimed = h.createUpdate("UPDATE signal_set SET state = 'STORED' WHERE id = :id AND state ="
                            + " 'WRITING' AND writer = :writer")
                    .bind("id", existing.get())
                    .bind("writer", db.owner().encode())
                    .execute();
            return new long[] {existing.get(), claimed == 1 ? set.rows().size() : -1};
        }
        int inserted = insertSetRow(h, set, digest, "STORED");
        long id = findSet(h, digest).orElseThrow(() -> new StoreException("signal set " + digest + " vanished"));
        if (inserted == 0) {
            return new long[] {id, -1};
        }
        return new long[] {id, signalWriter.write(h.getConnection(), id, 0, set.rows())};
    }

    private int insertSetRow(Handle h, SignalSet set, String digest, String state) {
        SignalSetKey key = set.key();
        String insert = "INSERT INTO signal_set (set_key, strategy_id, strategy_hash, parameters_json, dataset_hash,"
                + " period_start, period_end, row_count, created_at, state, writer) VALUES (:key, :strategy, :hash,"
                + " :params, :dataset, :from, :to, :rows, :now, :state, :writer)";
        if (db.engine() == DatabaseEngine.POSTGRESQL) {
            // a concurrent run storing the same set: wait for it, then use its rows
            insert += " ON CONFLICT (set_key) DO NOTHING";
        }
        return h.createUpdate(insert)
                .bind("key", digest)
                .bind("strategy", key.strategyId())
                .bind("hash", key.strategyHash())
                .bind("params", key.parametersJson())
                .bind("dataset", key.datasetHash())
                .bind("from", Sql.date(key.periodStart()))
                .bind("to", Sql.date(key.periodEnd()))
                .bind("rows", (long) set.rows().size())
                .bind("now", Sql.instant(db.settings().clock().instant()))
                .bind("state", state)
                .bind("writer", db.owner().encode())
                .execute();
    }

    /**
     * The strategy's metrics in the newest COMPLETE run that evaluated it (by finish instant; within a
     * run, the latest evaluation date and longest lookback).
     *
     * @param strategyId a strategy id as the runs stored it
     * @return those metrics, or empty when no complete run used the strategy
     */
    public Optional<StrategyPerformance> latestPerformance(String strategyId) {
        return db.call("reading the latest performance of " + strategyId, h -> h.createQuery("SELECT p.run_id,"
                        + " r.name, r.finished_at, p.evaluation_date, p.sharpe_ratio, p.total_return,"
                        + " p.max_drawdown FROM strategy_performance p JOIN backtest_run r ON r.id = p.run_id"
                        + " WHERE p.strategy_id = :id AND r.status = 'COMPLETE' ORDER BY r.finished_at DESC,"
                        + " r.created_at DESC, r.id DESC, p.evaluation_date DESC, p.lookback_days DESC LIMIT 1")
                .bind("id", strategyId)
                .map((rs, ctx) -> new StrategyPerformance(
                        rs.getString("run_id"),
                        rs.getString("name"),
                        Sql.instant(rs, "finished_at"),
                        Sql.date(rs, "evaluation_date"),
                        rs.getDouble("sharpe_ratio"),
                        rs.getDouble("total_return"),
                        rs.getDouble("max_drawdown")))
                .findOne());
    }

    /**
     * The strategy's newest stored signal set (by creation, then id), whichever runs use it.
     *
     * @param strategyId a strategy id
     * @return that set, or empty when none is stored
     */
    public Optional<StoredSignalSet> latestSignalSet(String strategyId) {
        return db.call("reading the latest signal set of " + strategyId, h -> h.createQuery("SELECT id,"
                        + " strategy_id, strategy_hash, parameters_json, dataset_hash, period_start, period_end,"
                        + " row_count FROM signal_set WHERE strategy_id = :id AND state = 'STORED' ORDER BY"
                        + " created_at DESC, id DESC LIMIT 1")
                .bind("id", strategyId)
                .map((rs, ctx) -> new StoredSignalSet(
                        rs.getLong("id"),
                        new SignalSetKey(
                                rs.getString("strategy_id"),
                                rs.getString("strategy_hash"),
                                rs.getString("parameters_json"),
                                rs.getString("dataset_hash"),
                                Sql.date(rs, "period_start"),
                                Sql.date(rs, "period_end")),
                        rs.getLong("row_count")))
                .findOne());
    }

    /**
     * Streams the alpha scores of a stored set, in no particular order, without building its rows.
     *
     * @param setId a stored set's id
     * @param consumer receives each score
     */
    public void alphaScores(long setId, java.util.function.DoubleConsumer consumer) {
        db.call("reading the alpha scores of signal set " + setId, h -> {
            bindSet(h.createQuery("SELECT alpha_score FROM strategy_signal WHERE " + setRows()), setId)
                    .setFetchSize(10_000)
                    .scanResultSet((supplier, ctx) -> {
                        try (ResultSet rs = supplier.get()) {
                            while (rs.next()) {
                                consumer.accept(rs.getDouble(1));
                            }
                        }
                        return null;
                    });
            return null;
        });
    }

    /** The rows of set {@code :set}: on H2 a range of its row key (H2 has no index on set_id). */
    private String setRows() {
        return db.engine() == DatabaseEngine.H2
                ? "row_key >= :lo AND row_key < :hi AND set_id = :set"
                : "set_id = :set";
    }

    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindSet(S statement, long setId) {
        statement.bind("set", setId);
        if (db.engine() == DatabaseEngine.H2) {
            statement.bind("lo", SignalWriter.rowKey(setId, 0)).bind("hi", SignalWriter.rowKey(setId + 1, 0));
        }
        return statement;
    }

    private static Optional<Long> findSet(Handle h, String digest) {
        return h.createQuery("SELECT id FROM signal_set WHERE set_key = :key")
                .bind("key", digest)
                .mapTo(Long.class)
                .findOne();
    }

    private static void insertAllocations(Handle h, String runId, List<AllocationRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO portfolio_allocation (run_id, seq, allocation_date,"
                + " combination_method, weights_json, total_capital, provenance_json, binding_constraints_json)"
                + " VALUES (:run, :seq, :date, :method, :weights, :capital, :provenance, :binding)");
        int seq = 0;
        for (AllocationRow row : rows) {
            batch.bind("run", runId)
                    .bind("seq", seq++)
                    .bind("date", Sql.date(row.date()))
                    .bind("method", row.combinationMethod())
                    .bind("weights", row.weightsJson())
                    .bind("capital", row.totalCapital())
                    .bind("provenance", row.provenanceJson())
                    .bind("binding", row.bindingConstraintsJson())
                    .add();
        }
        batch.execute();
    }

    private static void insertPerformance(Handle h, String runId, List<PerformanceRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO strategy_performance (run_id, strategy_id,"
                + " evaluation_date, lookback_days, sharpe_ratio, total_return, max_drawdown, win_rate, ic_mean,"
                + " metrics_json) VALUES (:run, :strategy, :date, :lookback, :sharpe, :ret, :dd, :win, :ic,"
                + " :metrics)");
        for (PerformanceRow row : rows) {
            batch.bind("run", runId)
                    .bind("strategy", row.strategyId())
                    .bind("date", Sql.date(row.evaluationDate()))
                    .bind("lookback", row.lookbackDays())
                    .bind("sharpe", row.sharpeRatio())
                    .bind("ret", row.totalReturn())
                    .bind("dd", row.maxDrawdown())
                    .bind("win", row.winRate())
                    .bind("ic", row.icMean())
                    .bind("metrics", row.metricsJson())
                    .add();
        }
        batch.execute();
    }

    private static void insertTrades(Handle h, String runId, List<TradeRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO trade (run_id, seq, symbol, side, decision_date,"
                + " entry_date, exit_date, entry_price, exit_price, quantity, commission, pnl, attribution_json)"
                + " VALUES (:run, :seq, :symbol, :side, :decision, :entry, :exit, :entryPrice, :exitPrice, :qty,"
                + " :commission, :pnl, :attribution)");
        int seq = 0;
        for (TradeRow row : rows) {
            batch.bind("run", runId)
                    .bind("seq", seq++)
                    .bind("symbol", row.symbol())
                    .bind("side", row.side().name())
                    .bind("decision", Sql.date(row.decisionDate()))
                    .bind("entry", Sql.date(row.entryDate()))
                    .bind("exit", Sql.date(row.exitDate()))
                    .bind("entryPrice", row.entryPrice())
                    .bind("exitPrice", row.exitPrice())
                    .bind("qty", row.quantity())
                    .bind("commission", row.commission())
                    .bind("pnl", row.pnl())
                    .bind("attribution", row.attributionJson())
                    .add();
        }
        batch.execute();
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        return new RunSummary(
                rs.getString("id"),
                rs.getString("name"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getString("config_hash"),
                rs.getString("code_hash"),
                rs.getString("dataset_hash"),
                rs.getString("engine_version"),
                rs.getDouble("progress"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "started_at"),
                Sql.instant(rs, "finished_at"),
                rs.getString("error_category"),
                rs.getString("error_message"),
                rs.getString("owner"));
    }

    private static String toJson(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<TreeMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new StoreException(
                    "component_hashes_json of a stored run is not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** For tests and the benchmarks' bookkeeping: rows in a table. */
    long count(String table) {
        return db.call("counting " + table, h -> h.createQuery("SELECT COUNT(*) FROM " + table)
                .mapTo(Long.class)
                .one());
    }
}
