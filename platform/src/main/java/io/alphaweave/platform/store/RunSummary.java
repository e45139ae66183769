package io.alphaweave.platform.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a run listing: the run without its documents.
 *
 * @param id the run id
 * @param name display name
 * @param status lifecycle state
 * @param configHash hash of the resolved config
 * @param codeHash hash of the code that ran
 * @param datasetHash hash of the data
 * @param engineVersion the alphaweave version
 * @param progress fraction done in [0, 1]
 * @param createdAt when the run row was written (UTC, microseconds)
 * @param startedAt when it started, null if it never did
 * @param finishedAt when it reached a final state, null if it has not
 * @param errorCategory the error category of a FAILED run, else null
 * @param errorMessage the error message of a FAILED (or INTERRUPTED) run, else null
 * @param owner the encoded owner process (see {@link ProcessOwner})
 */
public record RunSummary(
        String id,
        String name,
        RunStatus status,
        String configHash,
        String codeHash,
        String datasetHash,
        String engineVersion,
        double progress,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String errorCategory,
        String errorMessage,
        String owner) {

    /** Validates the fields that are always present. */
    public RunSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(owner, "owner");
    }
}
