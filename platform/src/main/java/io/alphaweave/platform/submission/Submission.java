package io.alphaweave.platform.submission;

import java.time.Instant;
import java.util.Objects;

/**
 * One submission as stored.
 *
 * @param id its id (a UUID)
 * @param author who submitted
 * @param family the trial family
 * @param filename the file name given
 * @param contentHash SHA-256 of the text, hex
 * @param status where it stands
 * @param createdAt when it was submitted (UTC)
 * @param finishedAt when its verdict was reached, or null
 * @param verdict the verdict, or null while QUEUED or RUNNING
 */
public record Submission(
        String id,
        String author,
        String family,
        String filename,
        String contentHash,
        SubmissionStatus status,
        Instant createdAt,
        Instant finishedAt,
        Verdict verdict) {
    /** Checks consistency between status and verdict. */
    public Submission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        if (status.isFinal() != (verdict != null)) {
            throw new IllegalArgumentException(
                    "a verdict must be present exactly when the status is final, status " + status);
        }
    }
}
