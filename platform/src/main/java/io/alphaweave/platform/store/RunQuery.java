package io.alphaweave.platform.store;

/**
 * Which runs to list, newest first.
 *
 * @param status only runs in this state, or null for all
 * @param limit at most this many, in [1, 10000]
 */
public record RunQuery(RunStatus status, int limit) {

    /** Validates. */
    public RunQuery {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be in [1, 10000], was " + limit);
        }
    }

    /**
     * @param limit at most this many, in [1, 10000]
     * @return every status, newest first
     */
    public static RunQuery latest(int limit) {
        return new RunQuery(null, limit);
    }
}
