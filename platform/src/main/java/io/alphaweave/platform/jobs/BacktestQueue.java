package io.alphaweave.platform.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.JobRecord;
import io.alphaweave.platform.store.NewJob;
import io.alphaweave.platform.store.NewRun;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunRecord;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.RunSummary;
import io.alphaweave.platform.store.UnknownRunException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The backtest queue of the service (DESIGN §9), kept in the store: a submitted config becomes a QUEUED
 * run and a QUEUED {@code backtest} job naming it, which a {@link WorkerPool} (in this process or
 * another one on the same database) claims and runs. Bounded: past {@code maxQueued} queued jobs a
 * submission is refused with {@link QueueFullException}. Thread-safe.
 */
public final class BacktestQueue {
    /** The job kind of a backtest. */
    public static final String KIND = "backtest";

    /** The hashes of a run that is queued and has not resolved its inputs yet. */
    static final String PENDING = "pending";

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final ObjectMapper JSON =
            JsonMapper.mapper().copy().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The syntax of a submitted config. */
    public enum Format {
        /** JSON. */
        JSON,
        /** YAML (a JSON document is YAML too). */
        YAML
    }

    /**
     * A submission the queue accepted.
     *
     * @param runId the QUEUED run (what the caller asks about)
     * @param jobId its job
     */
    public record Submission(String runId, long jobId) {
        /** Validates. */
        public Submission {
            Objects.requireNonNull(runId, "runId");
        }
    }

    /** What {@link #cancelOrDelete(String)} did. */
    public enum Removal {
        /** A queued run was cancelled before it started. */
        CANCELLED,
        /** A running run was asked to stop; it reads CANCELLED once its worker notices. */
        CANCELLING,
        /** A finished run was deleted with its results. */
        DELETED
    }

    private final Database db;
    private final BacktestConfig.DataResolver datasets;
    private final int maxQueued;
    private final Clock clock;
    private final Object submitLock = new Object();
    private volatile Runnable onSubmit = () -> {};

    /**
     * @param db the open store, not closed by this class
     * @param datasets resolves dataset names; a network front end passes one that refuses paths
     * @param maxQueued the most QUEUED backtests accepted, ≥ 1
     * @param clock for the timings of a status
     */
    public BacktestQueue(Database db, BacktestConfig.DataResolver datasets, int maxQueued, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be ≥ 1, was " + maxQueued);
        }
        this.maxQueued = maxQueued;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param hook run after each accepted submission (a local pool's {@link WorkerPool#wake()}) */
    public void onSubmit(Runnable hook) {
        this.onSubmit = Objects.requireNonNull(hook, "hook");
    }

    /** @return the most QUEUED backtests accepted */
    public int maxQueued() {
        return maxQueued;
    }

    /**
     * Checks a config and queues it.
     *
     * @param document the config, a YAML or JSON document naming a dataset
     * @param format its syntax
     * @param compareCombiners whether the run also compares every registered combiner
     * @return the queued run
     * @throws BacktestConfigException if the document is malformed or not a valid config (naming the
     *     line or field)
     * @throws QueueFullException if {@link #maxQueued()} backtests are already queued
     */
    public Submission submit(String document, Format format, boolean compareCombiners) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(format, "format");
        JsonNode tree = parse(document, format);
        BacktestConfig config = BacktestConfig.fromTree(tree, "backtest", datasets);
        ObjectNode payload = JsonMapper.mapper().createObjectNode();
        payload.set("config", tree);
        payload.put("compare", compareCombiners);
        synchronized (submitLock) {
            long queued = db.jobs().countQueued(KIND);
            if (queued >= maxQueued) {
                throw new QueueFullException(queued, maxQueued, 1);
            }
            RunRecord run = db.runs()
                    .enqueue(new NewRun(
                            config.name(),
                            tree.toString(),
                            Map.of(),
                            PENDING,
                            PENDING,
                            PENDING,
                            io.alphaweave.platform.app.RunService.ENGINE_VERSION));
            JobRecord job = db.jobs().enqueue(new NewJob(KIND, payload.toString(), 0), run.id());
            onSubmit.run();
            return new Submission(run.id(), job.id());
        }
    }

    /**
     * @param runId a run
     * @return its state, progress and timings
     * @throws UnknownRunException if there is no such run
     */
    public BacktestStatus status(String runId) {
        RunSummary run = db.runs().get(runId).summary();
        Optional<JobRecord> job = db.jobs().findByRun(runId);
        return BacktestStatus.of(
                run,
                job.map(JobRecord::attempts).orElse(0),
                job.map(JobRecord::cancelRequested).orElse(false),
                clock.instant());
    }

    /**
     * Lists runs newest first.
     *
     * @param status only this state, or null for all
     * @param limit at most this many, in [1, 10000]
     * @param offset skip this many, ≥ 0
     * @return the page
     */
    public List<BacktestStatus> list(RunStatus status, int limit, int offset) {
        var now = clock.instant();
        return db.runs().list(new RunQuery(status, limit), offset).stream()
                .map(r -> BacktestStatus.of(r, 0, false, now))
                .toList();
    }

    /**
     * @param runId a run
     * @return the report the COMPLETE run stored, byte for byte
     * @throws UnknownRunException if there is no such run
     * @throws RunNotCompleteException if it has no report
     */
    public String reportJson(String runId) {
        RunRecord run = db.runs().get(runId);
        return run.report().orElseThrow(() -> new RunNotCompleteException(runId, run.status()));
    }

    /**
     * Cancels a queued or running run, or deletes a finished one with its results and job.
     *
     * @param runId the run
     * @return what was done
     * @throws UnknownRunException if there is no such run
     */
    public Removal cancelOrDelete(String runId) {
        for (int attempt = 0; attempt < 4; attempt++) {
            RunStatus status = db.runs().get(runId).status();
            Optional<JobRecord> job = db.jobs().findByRun(runId);
            if (status == RunStatus.QUEUED || status == RunStatus.RUNNING) {
                job.ifPresent(j -> db.jobs().requestCancel(j.id()));
                Optional<JobRecord> after = job.flatMap(j -> db.jobs().find(j.id()));
                boolean jobStopped =
                        after.map(j -> j.status() == RunStatus.CANCELLED).orElse(true);
                if (status == RunStatus.QUEUED && jobStopped) {
                    if (db.runs().endQueued(runId, RunStatus.CANCELLED, null)) {
                        return Removal.CANCELLED;
                    }
                    continue; // a worker started it meanwhile: look again
                }
                return Removal.CANCELLING;
            }
            if (db.runs().delete(runId)) {
                db.jobs().deleteByRun(runId);
                return Removal.DELETED;
            }
            throw new UnknownRunException(runId);
        }
        return Removal.CANCELLING;
    }

    private static JsonNode parse(String document, Format format) {
        try {
            JsonNode tree = (format == Format.JSON ? JSON : YAML).readTree(document);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                throw new BacktestConfigException("the config is empty; send a backtest config naming a dataset");
            }
            if (!tree.isObject()) {
                throw new BacktestConfigException(
                        "the config must be a " + format + " object (name, data, strategies, …)," + " was a "
                                + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            return tree;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new BacktestConfigException("the body is not valid " + format
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage());
        }
    }
}
