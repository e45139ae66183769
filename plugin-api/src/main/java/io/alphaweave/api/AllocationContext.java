package io.alphaweave.api;

import java.time.LocalDate;

/**
 * What a capital allocator may know at a rebalance: the data up to the decision day, the combined
 * alphas, the book's constraints, and trailing statistics the host computes from bars up to and
 * including the decision day only. Implemented by the host; valid for the duration of one
 * {@link CapitalAllocator#allocate} call.
 */
public interface AllocationContext {

    /** @return the decision date (weights are traded at the next open) */
    LocalDate date();

    /** @return the decision day's calendar index in {@link #data()} */
    int day();

    /** @return the market data; bars after {@link #day()} must not be read */
    MarketView data();

    /** @return combined alpha by symbol, in [-1, 1] or {@code NaN} for no view; do not modify */
    double[] combinedAlpha();

    /** @return whether short (negative) weights are forbidden */
    boolean longOnly();

    /** @return the target gross exposure Σ|w|, e.g. 1.0 for fully invested without leverage */
    double grossLeverage();

    /**
     * Standard deviation (ddof = 1) of each symbol's daily close-to-close simple returns over the
     * {@code window} returns ending at {@link #day()}.
     *
     * @param window number of returns, ≥ 2
     * @return daily σ by symbol, {@code NaN} where fewer than {@code window} returns exist
     */
    double[] trailingVolatility(int window);

    /**
     * Sample covariance (ddof = 1) of daily simple returns over the {@code window} days ending at
     * {@link #day()}; a missing return counts as 0.
     *
     * @param symbols column indexes, distinct
     * @param window number of returns, ≥ 2
     * @return a symmetric {@code symbols.length}² matrix
     */
    double[][] trailingCovariance(int[] symbols, int window);

    /**
     * The realised outcomes of this book's past combined signals on one symbol: for every earlier
     * decision day s with a non-zero combined alpha whose horizon h has elapsed by the decision day
     * (s + h ≤ day, in the symbol's bars), sign(alpha_s) · (close[s+h] / close[s] − 1). Nothing from
     * after the decision day is used.
     *
     * @param symbol column index
     * @return outcomes in chronological order; empty when there is no history
     */
    double[] realisedSignalReturns(int symbol);
}
