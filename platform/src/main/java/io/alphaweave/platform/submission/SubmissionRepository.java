package io.alphaweave.platform.submission;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.argument.Argument;

/**
 * Submissions and the trial ledger in the store (tables {@code strategy_submission} and {@code trial},
 * migration V4), on H2 and PostgreSQL alike. A trial is one distinct content hash: recording the same
 * hash again changes nothing. Thread-safe.
 */
public final class SubmissionRepository {
    private static final String COLUMNS =
            "id, author, family, filename, content_hash, status, created_at, finished_at, verdict_json";

    private final Database db;

    /** @param db the open store */
    public SubmissionRepository(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * The ledger's figures for the deflated Sharpe ratio: trials that produced a Sharpe ratio.
     *
     * @param familyTrials in the family
     * @param sharpes the daily Sharpe ratios of every trial overall, in content-hash order
     * @param familySharpes those of the family's trials, in content-hash order
     */
    public record Ledger(int familyTrials, List<Double> sharpes, List<Double> familySharpes) {
        /** Copies the lists. */
        public Ledger {
            sharpes = List.copyOf(sharpes);
            familySharpes = List.copyOf(familySharpes);
        }
    }

    /**
     * A recorded trial.
     *
     * @param contentHash the hash
     * @param status its verdict's status
     * @param verdictJson its verdict as stored (byte-identical for every submission of the same content)
     */
    public record Trial(String contentHash, SubmissionStatus status, String verdictJson) {}

    /**
     * Stores a new QUEUED submission.
     *
     * @param id a new UUID
     * @param request the request
     * @param contentHash SHA-256 hex of the source
     * @return the stored submission
     */
    public Submission insert(String id, SubmissionRequest request, String contentHash) {
        Instant now = db.clock().instant();
        db.withHandle("storing submission " + id, h -> h.createUpdate("INSERT INTO strategy_submission (id, author,"
                        + " family, filename, content_hash, source, status, created_at) VALUES (:id, :author, :family,"
                        + " :filename, :hash, :source, 'QUEUED', :now)")
                .bind("id", id)
                .bind("author", request.author())
                .bind("family", request.family())
                .bind("filename", request.filename())
                .bind("hash", contentHash)
                .bind("source", request.source())
                .bind("now", instant(now))
                .execute());
        return find(id).orElseThrow();
    }

    /**
     * Moves a QUEUED submission to RUNNING.
     *
     * @param id the submission
     */
    public void markRunning(String id) {
        db.withHandle("starting submission " + id, h -> h.createUpdate(
                        "UPDATE strategy_submission SET status = 'RUNNING' WHERE id = :id AND status = 'QUEUED'")
                .bind("id", id)
                .execute());
    }

    /**
     * Stores the verdict of a submission.
     *
     * @param id the submission
     * @param status the final status
     * @param verdictJson the verdict
     */
    public void finish(String id, SubmissionStatus status, String verdictJson) {
        if (!status.isFinal()) {
            throw new IllegalArgumentException("status must be final, was " + status);
        }
        Instant now = db.clock().instant();
        db.withHandle("storing the verdict of submission " + id, h -> h.createUpdate("UPDATE strategy_submission SET"
                        + " status = :status, verdict_json = :verdict, finished_at = :now WHERE id = :id")
                .bind("id", id)
                .bind("status", status.name())
                .bind("verdict", verdictJson)
                .bind("now", instant(now))
                .execute());
    }

    /**
     * @param id a submission id
     * @return it, or empty
     */
    public Optional<Submission> find(String id) {
        return db.withHandle("reading submission " + id, h -> h.createQuery(
                        "SELECT " + COLUMNS + " FROM strategy_submission WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> submission(rs))
                .findOne());
    }

    /**
     * @param id a submission id
     * @return its source text, or empty
     */
    public Optional<String> source(String id) {
        return db.withHandle(
                "reading submission " + id, h -> h.createQuery("SELECT source FROM strategy_submission WHERE id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .findOne());
    }

    /**
     * Submissions, newest first.
     *
     * @param author only this author, or null for all
     * @param status only this status, or null for all
     * @param limit at most this many, 1..1000
     * @return the submissions
     */
    public List<Submission> list(String author, SubmissionStatus status, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be in 1..1000, was " + limit);
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM strategy_submission WHERE 1 = 1");
        if (author != null) {
            sql.append(" AND author = :author");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(limit);
        return db.withHandle("listing submissions", h -> {
            var q = h.createQuery(sql.toString());
            if (author != null) {
                q.bind("author", author);
            }
            if (status != null) {
                q.bind("status", status.name());
            }
            return q.map((rs, ctx) -> submission(rs)).list();
        });
    }

    /**
     * @param contentHash a content hash
     * @return its trial, or empty when that content was never evaluated
     */
    public Optional<Trial> trial(String contentHash) {
        return db.withHandle("reading trial " + contentHash, h -> h.createQuery(
                        "SELECT content_hash, status, verdict_json FROM trial WHERE content_hash = :hash")
                .bind("hash", contentHash)
                .map((rs, ctx) ->
                        new Trial(rs.getString(1), SubmissionStatus.valueOf(rs.getString(2)), rs.getString(3)))
                .findOne());
    }

    /**
     * Records a trial once per content hash; a second call with the same hash changes nothing.
     *
     * @param contentHash the hash
     * @param family the family
     * @param author the author
     * @param dailySharpe the daily Sharpe ratio on the research window, or NaN when it did not run
     * @param observations the number of returns behind it
     * @param status the verdict's status
     * @param verdictJson the verdict
     * @return the trial as stored (the earlier one when the hash was already recorded)
     */
    public Trial recordTrial(
            String contentHash,
            String family,
            String author,
            double dailySharpe,
            int observations,
            SubmissionStatus status,
            String verdictJson) {
        Instant now = db.clock().instant();
        try {
            db.withHandle("recording trial " + contentHash, h -> h.createUpdate("INSERT INTO trial (content_hash,"
                            + " family, author, daily_sharpe, observations, status, verdict_json, created_at) SELECT"
                            + " :hash, :family, :author, :sharpe, :obs, :status, :verdict, :now WHERE NOT EXISTS"
                            + " (SELECT 1 FROM trial WHERE content_hash = :hash)")
                    .bind("hash", contentHash)
                    .bind("family", family)
                    .bind("author", author)
                    .bind("sharpe", (Argument) (pos, st, ctx) -> {
                        if (Double.isFinite(dailySharpe)) {
                            st.setDouble(pos, dailySharpe);
                        } else {
                            st.setNull(pos, Types.DOUBLE);
                        }
                    })
                    .bind("obs", observations)
                    .bind("status", status.name())
                    .bind("verdict", verdictJson)
                    .bind("now", instant(now))
                    .execute());
        } catch (StoreException e) {
            // a concurrent writer recorded the same hash first (primary key): theirs stands
            if (trial(contentHash).isEmpty()) {
                throw e;
            }
        }
        return trial(contentHash).orElseThrow();
    }

    /**
     * @param family a family
     * @return the ledger's counts and Sharpe spread
     */
    public Ledger ledger(String family) {
        return db.withHandle("reading the trial ledger", h -> {
            List<Double> familySharpes = h.createQuery("SELECT daily_sharpe FROM trial WHERE daily_sharpe IS NOT NULL"
                            + " AND family = :family ORDER BY content_hash")
                    .bind("family", family)
                    .mapTo(Double.class)
                    .list();
            List<Double> sharpes = h.createQuery(
                            "SELECT daily_sharpe FROM trial WHERE daily_sharpe IS NOT NULL ORDER BY content_hash")
                    .mapTo(Double.class)
                    .list();
            return new Ledger(familySharpes.size(), sharpes, familySharpes);
        });
    }

    /** @return trials recorded overall (with or without a Sharpe ratio) */
    public int trialCount() {
        return db.withHandle("counting trials", h -> h.createQuery("SELECT COUNT(*) FROM trial")
                .mapTo(Integer.class)
                .one());
    }

    /**
     * @param xs values
     * @return their variance with ddof = 1, NaN for fewer than 2
     */
    public static double variance(List<Double> xs) {
        int n = xs.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (double x : xs) {
            mean += x;
        }
        mean /= n;
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (n - 1);
    }

    private static Submission submission(ResultSet rs) throws SQLException {
        String verdict = rs.getString("verdict_json");
        return new Submission(
                rs.getString("id"),
                rs.getString("author"),
                rs.getString("family"),
                rs.getString("filename"),
                rs.getString("content_hash"),
                SubmissionStatus.valueOf(rs.getString("status")),
                readInstant(rs, "created_at"),
                readInstant(rs, "finished_at"),
                verdict == null ? null : JsonMapper.read(verdict, Verdict.class));
    }

    private static Argument instant(Instant instant) {
        OffsetDateTime utc = OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }

    private static Instant readInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
