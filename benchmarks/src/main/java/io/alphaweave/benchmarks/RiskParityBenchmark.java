package io.alphaweave.benchmarks;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.platform.portfolio.PortfolioManager;
import io.alphaweave.plugins.core.portfolio.RiskParityAllocator;
import io.alphaweave.plugins.core.portfolio.WeightedCombiner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One risk-parity rebalance of 500 symbols from a 252-day covariance: the whole allocation through
 * the host (trailing volatility, covariance, OAS shrinkage, ERC solve), the ERC part alone from a
 * given covariance, the host's covariance alone, and commons-math3's {@code Covariance} on the same
 * returns as a baseline. Target (issue 4): ≤ 20 ms per rebalance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RiskParityBenchmark {
    private static final int SYMBOLS = 500, DAYS = 300, WINDOW = 252;

    /** independent random walks, or one market factor (β ~ U[0.5, 1.5], average pairwise ρ ≈ 0.3) */
    @Param({"one_factor", "independent"})
    public String panel;

    private MarketData data;
    private int day;
    private double[] alpha;
    private PortfolioManager erc;
    private PortfolioManager covarianceOnly;
    private RiskParityAllocator allocator;
    private double[][] covariance;
    private double[][] returns;
    private int[] all;

    @Setup
    public void setUp() {
        data = panel.equals("independent") ? SyntheticPanel.generate(SYMBOLS, DAYS, 42) : oneFactor(42);
        day = DAYS - 1;
        SplittableRandom rnd = new SplittableRandom(7);
        alpha = new double[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            alpha[i] = 0.05 + 0.95 * rnd.nextDouble();
        }
        allocator = new RiskParityAllocator().configure(Map.of("window", WINDOW));
        Constraints constraints = Constraints.unconstrained(true, 1.0);
        erc = new PortfolioManager(new WeightedCombiner(), allocator, constraints);
        all = new int[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            all[i] = i;
        }
        double[][][] captured = new double[1][][];
        new PortfolioManager(
                        new WeightedCombiner(),
                        probe((ctx, w) -> captured[0] = ctx.trailingCovariance(all, WINDOW)),
                        constraints)
                .allocateCapital(data, day, alpha);
        covariance = captured[0];
        covarianceOnly = new PortfolioManager(
                new WeightedCombiner(),
                probe((ctx, w) -> w[0] = ctx.trailingCovariance(all, WINDOW)[0][0]),
                constraints);
        returns = new double[WINDOW][SYMBOLS];
        for (int s = 0; s < SYMBOLS; s++) {
            double[] c = data.close(s);
            for (int t = 0; t < WINDOW; t++) {
                int d = day - WINDOW + 1 + t;
                returns[t][s] = c[d] / c[d - 1] - 1;
            }
        }
    }

    /** The full rebalance as the backtest runs it: host statistics + shrinkage + ERC. */
    @Benchmark
    public double[] ercAllocationThroughTheHost() {
        return erc.allocateCapital(data, day, alpha);
    }

    /** ERC (shrinkage + solve) from an already computed 500 × 500 covariance. */
    @Benchmark
    public double[] ercFromAGivenCovariance() {
        double[] w = new double[SYMBOLS];
        allocator.allocate(new GivenCovariance(data, day, alpha, covariance), w);
        return w;
    }

    /** The host's trailing covariance of 500 symbols over 252 returns. */
    @Benchmark
    public double[] hostCovariance() {
        return covarianceOnly.allocateCapital(data, day, alpha);
    }

    /** Baseline: commons-math3 Covariance on the same 252 × 500 returns. */
    @Benchmark
    public double[][] commonsMathCovariance() {
        return new Covariance(returns, true).getCovarianceMatrix().getData();
    }

    private MarketData oneFactor(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] market = new double[DAYS];
        for (int t = 0; t < DAYS; t++) {
            market[t] = 0.01 * rnd.nextGaussian();
        }
        LocalDate[] calendar = new LocalDate[DAYS];
        for (int t = 0; t < DAYS; t++) {
            calendar[t] = LocalDate.of(2010, 1, 1).plusDays(t);
        }
        List<String> names = new ArrayList<>();
        double[][] close = new double[SYMBOLS][DAYS];
        for (int s = 0; s < SYMBOLS; s++) {
            names.add(String.format("F%04d", s));
            double beta = 0.5 + rnd.nextDouble();
            double idio = 0.01 + 0.02 * rnd.nextDouble();
            double p = 50;
            for (int t = 0; t < DAYS; t++) {
                p *= 1 + beta * market[t] + idio * rnd.nextGaussian();
                close[s][t] = p;
            }
        }
        return new MarketData(calendar, names, close, close, close, close, new double[SYMBOLS][DAYS], null);
    }

    private static CapitalAllocator probe(java.util.function.BiConsumer<AllocationContext, double[]> body) {
        return new CapitalAllocator() {
            @Override
            public ComponentInfo describe() {
                return new ComponentInfo("probe", ComponentKind.ALLOCATOR, "1", 0, "benchmark probe", "", List.of());
            }

            @Override
            public CapitalAllocator configure(Map<String, ?> params) {
                return this;
            }

            @Override
            public void allocate(AllocationContext context, double[] weights) {
                body.accept(context, weights);
            }
        };
    }

    /** A context that hands out a precomputed covariance (copied: the allocator may write to it). */
    private record GivenCovariance(MarketView data, int day, double[] combinedAlpha, double[][] cov)
            implements AllocationContext {
        @Override
        public LocalDate date() {
            return data.date(day);
        }

        @Override
        public boolean longOnly() {
            return true;
        }

        @Override
        public double grossLeverage() {
            return 1.0;
        }

        @Override
        public double[] trailingVolatility(int window) {
            double[] v = new double[cov.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.sqrt(cov[i][i]);
            }
            return v;
        }

        @Override
        public double[][] trailingCovariance(int[] symbols, int window) {
            double[][] copy = new double[symbols.length][];
            for (int i = 0; i < symbols.length; i++) {
                copy[i] = new double[symbols.length];
                for (int j = 0; j < symbols.length; j++) {
                    copy[i][j] = cov[symbols[i]][symbols[j]];
                }
            }
            return copy;
        }

        @Override
        public double[] realisedSignalReturns(int symbol) {
            return new double[0];
        }
    }
}
