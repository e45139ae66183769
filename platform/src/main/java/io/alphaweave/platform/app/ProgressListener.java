package io.alphaweave.platform.app;

/**
 * Hears how far a run is. Called on the thread running the backtest, often (once per rebalance): an
 * implementation must be quick and must not throw.
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
