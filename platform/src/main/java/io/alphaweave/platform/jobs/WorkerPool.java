package io.alphaweave.platform.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.RunCancelledException;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.JobRecord;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of workers draining the {@code backtest} jobs of the store: each worker claims a job
 * (FOR UPDATE SKIP LOCKED, so any number of pools in any number of processes share one database and
 * none runs a job twice), starts its QUEUED run and runs it through {@link RunService#runQueued} with
 * the signals stored as on the CLI path. A heartbeat thread writes each running job's progress and
 * stops a run whose cancellation was asked for (from any process). {@link #close()} stops claiming,
 * lets running jobs finish for a grace period, then cancels the rest and gives them back to the queue.
 */
public final class WorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    /**
     * How a pool works.
     *
     * @param workers how many backtests run at once, in [1, 256]
     * @param poll how long an idle worker waits before looking for work again, positive
     * @param heartbeat how often progress is written and cancellation checked, positive
     * @param grace how long {@link #close()} lets running jobs finish before giving them back, ≥ 0
     */
    public record Settings(int workers, Duration poll, Duration heartbeat, Duration grace) {
        /** Validates. */
        public Settings {
            if (workers < 1 || workers > 256) {
                throw new IllegalArgumentException("workers must be in [1, 256], was " + workers);
            }
            positive(poll, "poll");
            positive(heartbeat, "heartbeat");
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must be ≥ 0, was " + grace);
            }
        }

        /**
         * @param workers how many backtests run at once
         * @return poll 500 ms, heartbeat 250 ms, grace 30 s
         */
        public static Settings of(int workers) {
            return new Settings(workers, Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofSeconds(30));
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
        }
    }

    private final Database db;
    private final BacktestService service;
    private final RunService runs;
    private final BacktestConfig.DataResolver datasets;
    private final Settings settings;
    private final String owner;
    private final Semaphore wakeups = new Semaphore(0);
    private final Map<Long, Active> active = new ConcurrentHashMap<>();
    private final AtomicLong finished = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService beats;
    private volatile boolean stopping;
    private volatile boolean releasing;
    private boolean started;
    private boolean closed;

    /** One job being run here. */
    private static final class Active {
        final long jobId;
        final String runId;
        final CancellationToken token = CancellationToken.create();
        volatile double progress;

        Active(long jobId, String runId) {
            this.jobId = jobId;
            this.runId = runId;
        }
    }

    /**
     * @param db the open store, not closed by the pool
     * @param service runs the backtests
     * @param datasets resolves the dataset a config names
     * @param settings workers, poll, heartbeat and grace
     */
    public WorkerPool(Database db, BacktestService service, BacktestConfig.DataResolver datasets, Settings settings) {
        this.db = Objects.requireNonNull(db, "db");
        this.service = Objects.requireNonNull(service, "service");
        this.runs = new RunService(db);
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.owner = db.owner().encode();
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alphaweave-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the workers and the heartbeat.
     *
     * @return this pool
     */
    public synchronized WorkerPool start() {
        if (started) {
            throw new IllegalStateException("the pool is already started");
        }
        started = true;
        for (int i = 0; i < settings.workers(); i++) {
            Thread t = new Thread(this::work, "alphaweave-worker-" + (i + 1));
            t.start();
            threads.add(t);
        }
        long beat = settings.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Tells an idle worker that a job was queued (so it need not wait for its next poll). */
    public void wake() {
        wakeups.release();
    }

    /** @return how many jobs this pool has ended (complete, failed, cancelled or given back) */
    public long jobsFinished() {
        return finished.get();
    }

    /** @return how many jobs run here now */
    public int running() {
        return active.size();
    }

    /**
     * Stops claiming, waits up to the grace period for running jobs, then cancels the rest and gives them
     * back to the queue (QUEUED again, for any worker). Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopping = true;
        wakeups.release(threads.size() + 1);
        long deadline = System.nanoTime() + settings.grace().toNanos();
        if (active.isEmpty()) {
            // nothing to wait for: a quiet stop (the MCP server's stderr stays clean)
            LOG.debug("stopping: claiming no more jobs; none running");
        } else {
            LOG.info(
                    "stopping: claiming no more jobs; {} running may finish within {} s",
                    active.size(),
                    settings.grace().toSeconds());
        }
        try {
            while (!active.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            releasing = true;
            if (!active.isEmpty()) {
                LOG.info("grace period over: giving {} running job(s) back to the queue", active.size());
            }
            active.values().forEach(a -> a.token.cancel());
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            beats.shutdownNow();
        }
    }

    private void work() {
        while (!stopping) {
            Optional<JobRecord> job;
            try {
                job = db.jobs().claim(owner, BacktestQueue.KIND);
            } catch (StoreException e) {
                LOG.warn("claiming a job failed: {}", e.getMessage());
                job = Optional.empty();
            }
            if (job.isEmpty()) {
                try {
                    wakeups.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            run(job.get());
        }
    }

    private void run(JobRecord job) {
        String runId = db.jobs().runIdOf(job.id()).orElse(null);
        if (runId == null) {
            finish(job.id(), RunStatus.FAILED, ErrorCategory.INTERNAL.name(), "the job names no run");
            return;
        }
        Active a = new Active(job.id(), runId);
        active.put(job.id(), a);
        if (releasing) {
            // claimed while close() gave the running jobs back: give this one back too
            a.token.cancel();
        }
        try {
            JsonNode payload = JsonMapper.mapper().readTree(job.payload());
            JsonNode tree = payload.path("config");
            boolean compare = payload.path("compare").asBoolean(false);
            String name = tree.path("name").asText("backtest");
            runs.runQueued(
                    runId,
                    name.isBlank() ? "backtest" : name,
                    () -> service.runWithSignals(
                            new BacktestRequest.Portfolio(BacktestConfig.fromTree(tree, "backtest", datasets), compare),
                            (phase, fraction) -> a.progress = fraction,
                            a.token),
                    () -> releasing);
            finish(job.id(), RunStatus.COMPLETE, null, null);
        } catch (RunCancelledException e) {
            if (releasing) {
                release(job.id());
            } else {
                finish(job.id(), RunStatus.CANCELLED, null, null);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            RunStatus run = db.runs().find(runId).map(r -> r.status()).orElse(RunStatus.CANCELLED);
            if (run == RunStatus.CANCELLED) {
                // cancelled (or deleted) between the claim and the start
                finish(job.id(), RunStatus.CANCELLED, null, null);
            } else {
                if (run == RunStatus.QUEUED) {
                    db.runs().endQueued(runId, RunStatus.INTERRUPTED, "its job failed: " + e.getMessage());
                }
                finish(job.id(), RunStatus.FAILED, ErrorCategory.of(e).name(), String.valueOf(e.getMessage()));
            }
        } finally {
            active.remove(job.id());
        }
    }

    private void release(long jobId) {
        try {
            db.jobs().release(jobId, owner);
        } catch (StoreException e) {
            LOG.warn("giving job {} back failed: {}", jobId, e.getMessage());
        }
        finished.incrementAndGet();
    }

    private void finish(long jobId, RunStatus status, String category, String message) {
        try {
            db.jobs().finish(jobId, owner, status, category, message);
        } catch (StoreException e) {
            LOG.warn("ending job {} as {} failed: {}", jobId, status, e.getMessage());
        }
        finished.incrementAndGet();
    }

    private void heartbeat() {
        for (Active a : active.values()) {
            try {
                JobRecord job = db.jobs().heartbeat(a.jobId, owner, Math.min(1.0, Math.max(0.0, a.progress)));
                db.runs().progress(a.runId, Math.min(1.0, Math.max(0.0, a.progress)));
                if (job.cancelRequested()) {
                    a.token.cancel();
                }
            } catch (io.alphaweave.platform.store.RunStateException e) {
                // the job is no longer ours (ended, or marked INTERRUPTED): stop working on it
                a.token.cancel();
            } catch (RuntimeException e) {
                LOG.warn("heartbeat of job {} failed: {}", a.jobId, e.getMessage());
            }
        }
    }
}
