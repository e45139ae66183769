package io.alphaweave.platform.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The work queue of the service (DESIGN §9), stored in the database so that several processes on
 * several machines can share it. A job is claimed by exactly one worker: the candidate row is selected
 * {@code FOR UPDATE SKIP LOCKED} and then moved from QUEUED to RUNNING by an update that re-checks
 * QUEUED, so two claimers never get the same job. Thread-safe.
 */
public final class JobRepository {
    private static final int CLAIM_TRIES = 8;
    private static final String COLUMNS = "id, kind, payload, status, priority, attempts, owner, cancel_requested,"
            + " progress, created_at, claimed_at, heartbeat_at, finished_at, error_category, error_message";

    private final Database db;

    JobRepository(Database db) {
        this.db = db;
    }

    /**
     * Queues a job.
     *
     * @param job kind, payload and priority
     * @return the stored job, QUEUED
     */
    public JobRecord enqueue(NewJob job) {
        Instant now = db.settings().clock().instant();
        long id = db.call("queueing a " + job.kind() + " job", h -> h.createUpdate("INSERT INTO job (kind, payload,"
                        + " status, priority, attempts, cancel_requested, progress, created_at) VALUES (:kind,"
                        + " :payload, 'QUEUED', :priority, 0, FALSE, 0, :now)")
                .bind("kind", job.kind())
                .bind("payload", job.payload())
                .bind("priority", job.priority())
                .bind("now", Sql.instant(now))
                .executeAndReturnGeneratedKeys("id")
                .map((rs, ctx) -> rs.getLong(1))
                .one());
        return get(id);
    }

    /**
     * Queues a job that fills a run (a backtest submitted over HTTP): {@link #findByRun(String)} finds it.
     *
     * @param job kind, payload and priority
     * @param runId the run the job fills, 1–36 characters
     * @return the stored job, QUEUED
     */
    public JobRecord enqueue(NewJob job, String runId) {
        Checks.nonBlank(runId, "runId", 36);
        Instant now = db.settings().clock().instant();
        long id = db.call("queueing a " + job.kind() + " job", h -> h.createUpdate("INSERT INTO job (kind, payload,"
                        + " status, priority, attempts, cancel_requested, progress, created_at, run_id) VALUES"
                        + " (:kind, :payload, 'QUEUED', :priority, 0, FALSE, 0, :now, :run)")
                .bind("kind", job.kind())
                .bind("payload", job.payload())
                .bind("priority", job.priority())
                .bind("now", Sql.instant(now))
                .bind("run", runId)
                .executeAndReturnGeneratedKeys("id")
                .map((rs, ctx) -> rs.getLong(1))
                .one());
        return get(id);
    }

    /**
     * @param runId a run id
     * @return the newest job that fills the run, or empty
     */
    public Optional<JobRecord> findByRun(String runId) {
        return db.call("reading the job of run " + runId, h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM job WHERE run_id = :run ORDER BY id DESC LIMIT 1")
                .bind("run", runId)
                .map((rs, ctx) -> job(rs))
                .findOne());
    }

    /**
     * @param jobId a job
     * @return the run the job fills, or empty for a job without one
     */
    public Optional<String> runIdOf(long jobId) {
        return db.call("reading the run of job " + jobId, h -> h.createQuery("SELECT run_id FROM job WHERE id = :id")
                .bind("id", jobId)
                .mapTo(String.class)
                .findOne());
    }

    /**
     * @param kind a job kind
     * @return how many jobs of that kind are QUEUED
     */
    public long countQueued(String kind) {
        return db.call("counting queued jobs", h -> h.createQuery(
                        "SELECT COUNT(*) FROM job WHERE status = 'QUEUED' AND kind = :kind")
                .bind("kind", kind)
                .mapTo(Long.class)
                .one());
    }

    /**
     * Gives a RUNNING job of {@code owner} back to the queue (a worker stopping before it finished): it is
     * QUEUED again without an owner, its progress reset, and the next claim takes it.
     *
     * @param jobId the job
     * @param owner its owner
     * @return false if the job was not RUNNING under {@code owner}
     */
    public boolean release(long jobId, String owner) {
        return db.call("releasing job " + jobId, h -> h.createUpdate("UPDATE job SET status = 'QUEUED', owner = NULL,"
                                + " progress = 0, claimed_at = NULL, heartbeat_at = NULL WHERE id = :id AND owner ="
                                + " :owner AND status = 'RUNNING'")
                        .bind("id", jobId)
                        .bind("owner", owner)
                        .execute())
                == 1;
    }

    /**
     * Deletes the jobs of a run (once the run itself is deleted).
     *
     * @param runId the run
     * @return how many were deleted
     */
    public int deleteByRun(String runId) {
        return db.call("deleting the jobs of run " + runId, h -> h.createUpdate(
                        "DELETE FROM job WHERE run_id = :run AND status NOT IN ('QUEUED', 'RUNNING')")
                .bind("run", runId)
                .execute());
    }

    /**
     * Claims the next QUEUED job of one kind, as {@link #claim(String)} does.
     *
     * @param owner the claiming worker
     * @param kind only jobs of this kind
     * @return the claimed job, or empty if none of that kind is queued
     */
    public Optional<JobRecord> claim(String owner, String kind) {
        Checks.nonBlank(kind, "kind", 64);
        return claim(owner, " AND kind = :kind", kind);
    }

    /**
     * Claims the next QUEUED job (highest priority, then oldest) for {@code owner}: it becomes RUNNING,
     * its attempts grow by one.
     *
     * @param owner the claiming worker (usually {@link ProcessOwner#encode()})
     * @return the claimed job, or empty if none is queued
     */
    public Optional<JobRecord> claim(String owner) {
        return claim(owner, "", null);
    }

    private Optional<JobRecord> claim(String owner, String kindFilter, String kind) {
        Checks.nonBlank(owner, "owner", 400);
        for (int attempt = 0; attempt < CLAIM_TRIES; attempt++) {
            Instant now = db.settings().clock().instant();
            Optional<Long> candidate = db.transaction("claiming a job", h -> {
                var select = h.createQuery("SELECT id FROM job WHERE status = 'QUEUED'" + kindFilter
                        + " ORDER BY priority DESC, created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED");
                if (kind != null) {
                    select.bind("kind", kind);
                }
                Optional<Long> id = select.mapTo(Long.class).findOne();
                if (id.isEmpty()) {
                    return Optional.of(-1L);
                }
                int moved = h.createUpdate("UPDATE job SET status = 'RUNNING', owner = :owner, attempts = attempts"
                                + " + 1, claimed_at = :now, heartbeat_at = :now WHERE id = :id AND status = 'QUEUED'")
                        .bind("owner", owner)
                        .bind("now", Sql.instant(now))
                        .bind("id", id.get())
                        .execute();
                return moved == 1 ? id : Optional.<Long>empty();
            });
            if (candidate.isPresent()) {
                return candidate.get() < 0 ? Optional.empty() : Optional.of(get(candidate.get()));
            }
            // another worker took that row between our select and update: pick again
        }
        return Optional.empty();
    }

    /**
     * Records that {@code owner} still works on a RUNNING job, with its progress.
     *
     * @param jobId the job
     * @param owner its owner
     * @param progress fraction done in [0, 1]
     * @return the job after the update (check {@link JobRecord#cancelRequested()})
     * @throws RunStateException if the job is not RUNNING under {@code owner}
     */
    public JobRecord heartbeat(long jobId, String owner, double progress) {
        Checks.unitInterval(progress, "progress");
        Instant now = db.settings().clock().instant();
        int updated = db.call("recording a heartbeat of job " + jobId, h -> h.createUpdate("UPDATE job SET"
                        + " heartbeat_at = :now, progress = :p WHERE id = :id AND owner = :owner AND status ="
                        + " 'RUNNING'")
                .bind("now", Sql.instant(now))
                .bind("p", progress)
                .bind("id", jobId)
                .bind("owner", owner)
                .execute());
        if (updated != 1) {
            throw new RunStateException("job " + jobId + " is not RUNNING under owner " + owner);
        }
        return get(jobId);
    }

    /**
     * Ends a RUNNING job of {@code owner}.
     *
     * @param jobId the job
     * @param owner its owner
     * @param status COMPLETE, FAILED or CANCELLED
     * @param errorCategory the category of a FAILED job, else null
     * @param errorMessage the message of a FAILED job, else null
     * @return the job after the update
     * @throws RunStateException if the job is not RUNNING under {@code owner}, or the status is not final
     */
    public JobRecord finish(long jobId, String owner, RunStatus status, String errorCategory, String errorMessage) {
        Objects.requireNonNull(status, "status");
        if (status != RunStatus.COMPLETE && status != RunStatus.FAILED && status != RunStatus.CANCELLED) {
            throw new IllegalArgumentException("status must be COMPLETE, FAILED or CANCELLED, was " + status);
        }
        Instant now = db.settings().clock().instant();
        int updated = db.call("finishing job " + jobId, h -> h.createUpdate("UPDATE job SET status = :status,"
                        + " finished_at = :now, progress = CASE WHEN :status = 'COMPLETE' THEN 1 ELSE progress END,"
                        + " error_category = :category, error_message = :message WHERE id = :id AND owner = :owner"
                        + " AND status = 'RUNNING'")
                .bind("status", status.name())
                .bind("now", Sql.instant(now))
                .bind("category", errorCategory)
                .bind("message", errorMessage)
                .bind("id", jobId)
                .bind("owner", owner)
                .execute());
        if (updated != 1) {
            throw new RunStateException("job " + jobId + " is not RUNNING under owner " + owner);
        }
        return get(jobId);
    }

    /**
     * Asks for a job to stop: a QUEUED job is CANCELLED at once, a RUNNING one is flagged for its owner.
     *
     * @param jobId the job
     * @return false if the job is already final or does not exist
     */
    public boolean requestCancel(long jobId) {
        Instant now = db.settings().clock().instant();
        return db.transaction("cancelling job " + jobId, h -> {
            int queued = h.createUpdate("UPDATE job SET status = 'CANCELLED', cancel_requested = TRUE, finished_at ="
                            + " :now WHERE id = :id AND status = 'QUEUED'")
                    .bind("now", Sql.instant(now))
                    .bind("id", jobId)
                    .execute();
            int running = h.createUpdate("UPDATE job SET cancel_requested = TRUE WHERE id = :id AND status = 'RUNNING'")
                    .bind("id", jobId)
                    .execute();
            return queued + running > 0;
        });
    }

    /**
     * @param jobId a job id
     * @return the job, or empty
     */
    public Optional<JobRecord> find(long jobId) {
        return db.call("reading job " + jobId, h -> h.createQuery("SELECT " + COLUMNS + " FROM job WHERE id = :id")
                .bind("id", jobId)
                .map((rs, ctx) -> job(rs))
                .findOne());
    }

    /**
     * @param status only jobs in this state, or null for all
     * @param limit at most this many, in [1, 10000]
     * @return jobs, newest first
     */
    public List<JobRecord> list(RunStatus status, int limit) {
        RunQuery query = new RunQuery(status, limit);
        return db.call("listing jobs", h -> {
            var select = h.createQuery("SELECT " + COLUMNS + " FROM job"
                            + (query.status() == null ? "" : " WHERE status = :status")
                            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
                    .bind("limit", query.limit());
            if (query.status() != null) {
                select.bind("status", query.status().name());
            }
            return select.map((rs, ctx) -> job(rs)).list();
        });
    }

    /**
     * Marks INTERRUPTED every RUNNING job of {@code owner}.
     *
     * @param owner the owner
     * @return how many were marked
     */
    public int markInterrupted(String owner) {
        Instant now = db.settings().clock().instant();
        return db.call("marking the jobs of " + owner + " INTERRUPTED", h -> h.createUpdate("UPDATE job SET status ="
                        + " 'INTERRUPTED', finished_at = :now, error_message = :message WHERE status = 'RUNNING' AND"
                        + " owner = :owner")
                .bind("now", Sql.instant(now))
                .bind("message", "its worker " + owner + " stopped before the job finished")
                .bind("owner", owner)
                .execute());
    }

    int recoverAbandoned() {
        List<String> owners = db.call(
                "finding abandoned jobs", h -> h.createQuery("SELECT DISTINCT owner FROM job WHERE status = 'RUNNING'")
                        .mapTo(String.class)
                        .list());
        int marked = 0;
        for (String owner : owners) {
            if (ProcessOwner.decode(owner)
                    .map(o -> o.isGoneOn(db.owner().host()))
                    .orElse(false)) {
                marked += markInterrupted(owner);
            }
        }
        return marked;
    }

    private JobRecord get(long id) {
        return find(id).orElseThrow(() -> new StoreException("job " + id + " vanished while being read"));
    }

    private static JobRecord job(ResultSet rs) throws SQLException {
        return new JobRecord(
                rs.getLong("id"),
                rs.getString("kind"),
                rs.getString("payload"),
                RunStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"),
                rs.getInt("attempts"),
                rs.getString("owner"),
                rs.getBoolean("cancel_requested"),
                rs.getDouble("progress"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "claimed_at"),
                Sql.instant(rs, "heartbeat_at"),
                Sql.instant(rs, "finished_at"),
                rs.getString("error_category"),
                rs.getString("error_message"));
    }
}
