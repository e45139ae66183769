package io.alphaweave.platform.store;

/**
 * Work to queue.
 *
 * @param kind what kind of work (e.g. {@code backtest}, {@code validate}), 1–64 characters
 * @param payload the work's input, as text (usually JSON), stored verbatim
 * @param priority higher runs first; equal priorities run oldest first
 */
public record NewJob(String kind, String payload, int priority) {

    /** Validates. */
    public NewJob {
        Checks.nonBlank(kind, "kind", 64);
        java.util.Objects.requireNonNull(payload, "payload");
    }
}
