package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.util.Map;

/** A hand-set allocation context for worked examples: every statistic is given, not computed. */
final class FakeContext implements AllocationContext {
    private final double[] alpha;
    private final boolean longOnly;
    private final double gross;
    private double[] volatility;
    private double[][] covariance;
    private Map<Integer, double[]> outcomes = Map.of();

    FakeContext(boolean longOnly, double gross, double... alpha) {
        this.alpha = alpha;
        this.longOnly = longOnly;
        this.gross = gross;
        this.volatility = new double[alpha.length];
    }

    FakeContext volatility(double... vol) {
        this.volatility = vol;
        return this;
    }

    /** The full covariance of all symbols; a request for a subset gets the sub-matrix. */
    FakeContext covariance(double[][] cov) {
        this.covariance = cov;
        return this;
    }

    FakeContext outcomes(Map<Integer, double[]> bySymbol) {
        this.outcomes = bySymbol;
        return this;
    }

    double[] allocate(io.alphaweave.api.CapitalAllocator allocator) {
        double[] w = new double[alpha.length];
        allocator.allocate(this, w);
        return w;
    }

    @Override
    public LocalDate date() {
        return LocalDate.of(2020, 6, 1);
    }

    @Override
    public int day() {
        return 300;
    }

    @Override
    public MarketView data() {
        throw new UnsupportedOperationException("worked examples give every statistic directly");
    }

    @Override
    public double[] combinedAlpha() {
        return alpha;
    }

    @Override
    public boolean longOnly() {
        return longOnly;
    }

    @Override
    public double grossLeverage() {
        return gross;
    }

    @Override
    public double[] trailingVolatility(int window) {
        return volatility.clone();
    }

    @Override
    public double[][] trailingCovariance(int[] symbols, int window) {
        double[][] sub = new double[symbols.length][symbols.length];
        for (int i = 0; i < symbols.length; i++) {
            for (int j = 0; j < symbols.length; j++) {
                sub[i][j] = covariance[symbols[i]][symbols[j]];
            }
        }
        return sub;
    }

    @Override
    public double[] realisedSignalReturns(int symbol) {
        return outcomes.getOrDefault(symbol, new double[0]).clone();
    }
}
