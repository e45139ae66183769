package io.alphaweave.platform.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.MarketView;
import java.time.LocalDate;

/** The host's view of one rebalance for an allocator: statistics only from bars up to the decision day. */
final class HostAllocationContext implements AllocationContext {
    private final MarketView data;
    private final int day;
    private final double[] combinedAlpha;
    private final Constraints constraints;
    private final SignalHistory history;

    HostAllocationContext(
            MarketView data, int day, double[] combinedAlpha, Constraints constraints, SignalHistory history) {
        this.data = data;
        this.day = day;
        this.combinedAlpha = combinedAlpha;
        this.constraints = constraints;
        this.history = history;
    }

    @Override
    public LocalDate date() {
        return data.date(day);
    }

    @Override
    public int day() {
        return day;
    }

    @Override
    public MarketView data() {
        return data;
    }

    @Override
    public double[] combinedAlpha() {
        return combinedAlpha;
    }

    @Override
    public boolean longOnly() {
        return constraints.longOnly();
    }

    @Override
    public double grossLeverage() {
        return constraints.grossLeverage();
    }

    @Override
    public double[] trailingVolatility(int window) {
        if (window < 2) {
            throw new InvalidParameterException("window must be ≥ 2, was " + window);
        }
        return TrailingStatistics.volatilities(data, day, window);
    }

    @Override
    public double[][] trailingCovariance(int[] symbols, int window) {
        boolean[] seen = new boolean[data.symbolCount()];
        for (int s : symbols) {
            if (s < 0 || s >= seen.length) {
                throw new IllegalArgumentException("symbol index must be in [0, " + seen.length + "), was " + s);
            }
            if (seen[s]) {
                throw new IllegalArgumentException("symbol indexes must be distinct, " + s + " repeats");
            }
            seen[s] = true;
        }
        return TrailingStatistics.covariance(TrailingStatistics.returns(data, symbols, day, window));
    }

    @Override
    public double[] realisedSignalReturns(int symbol) {
        if (symbol < 0 || symbol >= data.symbolCount()) {
            throw new IllegalArgumentException(
                    "symbol index must be in [0, " + data.symbolCount() + "), was " + symbol);
        }
        return history.realisedReturns(data, symbol, day);
    }
}
