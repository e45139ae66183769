package io.alphaweave.platform.app;

/**
 * Hears how far a run is. Called often (once per rebalance); while the comparison runs in parallel
 * the calls come from several threads, but {@link BacktestService} never makes two at once and never
 * lets the fraction go down. An implementation must be quick and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (phase, fraction) -> {};

    /**
     * @param phase the phase now running
     * @param fraction the whole run's progress in [0, 1], never decreasing
     */
    void progress(RunPhase phase, double fraction);
}
