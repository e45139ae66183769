package io.alphaweave.platform.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored job.
 *
 * @param id the job id
 * @param kind what kind of work
 * @param payload the work's input, verbatim
 * @param status lifecycle state (QUEUED, RUNNING, then a final state)
 * @param priority higher runs first
 * @param attempts how many times it was claimed
 * @param owner the encoded owner of a claimed job, null while queued
 * @param cancelRequested whether cancellation was asked for
 * @param progress fraction done in [0, 1]
 * @param createdAt when it was queued (UTC)
 * @param claimedAt when it was last claimed, or null
 * @param heartbeatAt the owner's last heartbeat, or null
 * @param finishedAt when it reached a final state, or null
 * @param errorCategory the category of a FAILED job, else null
 * @param errorMessage the message of a FAILED or INTERRUPTED job, else null
 */
public record JobRecord(
        long id,
        String kind,
        String payload,
        RunStatus status,
        int priority,
        int attempts,
        String owner,
        boolean cancelRequested,
        double progress,
        Instant createdAt,
        Instant claimedAt,
        Instant heartbeatAt,
        Instant finishedAt,
        String errorCategory,
        String errorMessage) {

    /** Validates the fields that are always present. */
    public JobRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
