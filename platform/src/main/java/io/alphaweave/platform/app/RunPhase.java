package io.alphaweave.platform.app;

/** The phases of a backtest, in order, as a {@link ProgressListener} sees them. */
public enum RunPhase {
    /** Resolve the components, load and cut the data. */
    PREPARE,
    /** Compute every strategy's alpha and confidence. */
    SIGNALS,
    /** The rebalance loop (reported per rebalance). */
    BACKTEST,
    /** Metrics, IC and decay, strategy reports. */
    EVALUATE,
    /** Every registered combiner and each strategy alone. */
    COMPARE,
    /** Assemble the report. */
    REPORT
}
