package io.alphaweave.platform.app;

/**
 * Wall-clock time of a run's phases in milliseconds (informational only: never compared, never part
 * of a hash). Immutable.
 *
 * @param prepare resolve components and load data
 * @param signals compute every strategy's signals
 * @param backtest the rebalance loop
 * @param total everything, evaluation and comparison included
 */
public record Timings(double prepare, double signals, double backtest, double total) {}
