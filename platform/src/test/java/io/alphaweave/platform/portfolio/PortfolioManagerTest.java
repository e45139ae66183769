package io.alphaweave.platform.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.platform.data.MarketData;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.junit.jupiter.api.Test;

class PortfolioManagerTest {
    private static final double NaN = Double.NaN;

    /** Runs one allocation and hands back what the allocator saw through its context. */
    private static <T> T seenByAllocator(
            MarketData data, int day, double[] alpha, java.util.function.Function<AllocationContext, T> probe) {
        AtomicReference<T> seen = new AtomicReference<>();
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(),
                TestPanels.allocator("probe", (ctx, w) -> seen.set(probe.apply(ctx))),
                Constraints.unconstrained(true, 1.0));
        manager.allocateCapital(data, day, alpha);
        return seen.get();
    }

    @Test
    void trailingVolatilityIsTheSampleDeviationOfTheLastReturns() {
        // returns 110/100−1 = 0.1, 99/110−1 = −0.1, 108.9/99−1 = 0.1; mean 1/30;
        // Σ(r−mean)² = 2·(1/15)² + (2/15)² = 6/225 → σ = sqrt(6/225 / 2) = sqrt(3)/15
        MarketData data = TestPanels.fromCloses(new double[][] {{100, 110, 99, 108.9}});
        double[] vol = seenByAllocator(data, 3, new double[] {0.5}, ctx -> ctx.trailingVolatility(3));
        assertThat(vol[0]).isCloseTo(Math.sqrt(3) / 15, within(1e-12));
    }

    @Test
    void trailingVolatilitySkipsGapsAndIsNaNWithTooFewReturns() {
        // the symbol's own bars 100, 110, 99, 108.9 with a missing day between: same σ as without the gap
        MarketData data = TestPanels.fromCloses(new double[][] {{100, 110, NaN, 99, 108.9}});
        assertThat(seenByAllocator(data, 4, new double[] {0.5}, ctx -> ctx.trailingVolatility(3))[0])
                .isCloseTo(Math.sqrt(3) / 15, within(1e-12));
        assertThat(seenByAllocator(data, 3, new double[] {0.5}, ctx -> ctx.trailingVolatility(3))[0])
                .isNaN();
    }

    @Test
    void trailingVolatilityNeverReadsBarsAfterTheDecisionDay() {
        MarketData a = TestPanels.fromCloses(new double[][] {{100, 110, 99, 108.9, 50}});
        MarketData b = TestPanels.fromCloses(new double[][] {{100, 110, 99, 108.9, 500}});
        double[] before = seenByAllocator(a, 3, new double[] {0.5}, ctx -> ctx.trailingVolatility(3));
        double[] after = seenByAllocator(b, 3, new double[] {0.5}, ctx -> ctx.trailingVolatility(3));
        assertThat(before).containsExactly(after);
    }

    @Test
    void trailingCovarianceMatchesCommonsMath() {
        MarketData data = TestPanels.random(6, 80, 3, 0.0, 7);
        int day = 70, window = 45; // 5 blocks of 8 days and a remainder of 5
        int[] symbols = {4, 0, 2};
        double[][] cov = seenByAllocator(data, day, new double[6], ctx -> ctx.trailingCovariance(symbols, window));
        double[][] returns = new double[window][symbols.length];
        for (int t = 0; t < window; t++) {
            int d = day - window + 1 + t;
            for (int k = 0; k < symbols.length; k++) {
                double[] c = data.close(symbols[k]);
                returns[t][k] = c[d] / c[d - 1] - 1;
            }
        }
        double[][] expected =
                new Covariance(returns, true).getCovarianceMatrix().getData();
        for (int i = 0; i < symbols.length; i++) {
            for (int j = 0; j < symbols.length; j++) {
                assertThat(cov[i][j]).isCloseTo(expected[i][j], within(1e-15));
            }
        }
    }

    @Test
    void trailingCovarianceCountsAMissingReturnAsZero() {
        // A: 100, 110, (none), 121 → returns 0.1, 0 (missing), 0.1 (vs its previous bar 110)
        // B: 100, 100, 100, 100 → returns 0, 0, 0
        MarketData data = TestPanels.fromCloses(new double[][] {{100, 110, NaN, 121}, {100, 100, 100, 100}});
        double[][] cov = seenByAllocator(data, 3, new double[2], ctx -> ctx.trailingCovariance(new int[] {0, 1}, 3));
        // mean 0.2/3; Σ(r − mean)² = 2·(0.1 − 0.2/3)² + (0.2/3)² = 2/900 + 4/900 = 6/900 → ÷ 2 = 1/300
        assertThat(cov[0][0]).isCloseTo(1.0 / 300, within(1e-15));
        assertThat(cov[0][1]).isZero();
        assertThat(cov[1][1]).isZero();
    }

    @Test
    void trailingCovarianceNeedsTheWholeWindowBeforeTheDecisionDay() {
        MarketData data = TestPanels.random(2, 10, 1, 0.0, 1);
        assertThatThrownBy(
                        () -> seenByAllocator(data, 4, new double[2], ctx -> ctx.trailingCovariance(new int[] {0}, 5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("window must be ≤ the decision day's index (4)");
    }

    @Test
    void realisedSignalReturnsAreTheOutcomesOfEarlierCombinedAlphasThatHaveCompleted() {
        // closes 100, 101, 102, 103, 104; decisions at day 0 (alpha +0.5) and day 2 (alpha −0.3), h = 1
        MarketData data = TestPanels.fromCloses(new double[][] {{100, 101, 102, 103, 104}});
        AtomicReference<double[]> seen = new AtomicReference<>();
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(),
                TestPanels.allocator("probe", (ctx, w) -> seen.set(ctx.realisedSignalReturns(0))),
                Constraints.unconstrained(false, 1.0));
        manager.rebalance(data, 0, TestPanels.oneStrategy(data, 0, 0.5));
        assertThat(seen.get()).isEmpty();
        manager.rebalance(data, 2, TestPanels.oneStrategy(data, 2, -0.3));
        assertThat(seen.get()).containsExactly(new double[] {101.0 / 100 - 1}, within(1e-15));
        manager.rebalance(data, 3, TestPanels.oneStrategy(data, 3, 0.0));
        // day 2's short has completed by day 3: −1 · (103/102 − 1)
        assertThat(seen.get()).containsExactly(new double[] {0.01, -(103.0 / 102 - 1)}, within(1e-15));
        manager.rebalance(data, 4, TestPanels.oneStrategy(data, 4, 0.1));
        // the zero alpha of day 3 has no outcome
        assertThat(seen.get()).hasSize(2);
    }

    @Test
    void realisedSignalReturnsCountTheHorizonInTheSymbolsOwnBars() {
        // h = 2 bars: from day 0 the 2nd following bar is day 3 (day 1 missing) → 103/100 − 1
        MarketData data = TestPanels.fromCloses(new double[][] {{100, NaN, 102, 103, 104}});
        AtomicReference<double[]> seen = new AtomicReference<>();
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(),
                TestPanels.allocator("probe", (ctx, w) -> seen.set(ctx.realisedSignalReturns(0))),
                Constraints.unconstrained(false, 1.0),
                2);
        manager.rebalance(data, 0, TestPanels.oneStrategy(data, 0, 0.5));
        manager.rebalance(data, 2, TestPanels.oneStrategy(data, 2, 0.5));
        assertThat(seen.get()).isEmpty();
        manager.rebalance(data, 3, TestPanels.oneStrategy(data, 3, 0.5));
        assertThat(seen.get()).containsExactly(new double[] {0.03}, within(1e-15));
    }

    @Test
    void rebalanceCombinesAllocatesConstrainsAndKeepsProvenance() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}, {1, 1}, {1, 1}}, "T", "T", "E");
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(), TestPanels.alphaAsWeight(), new Constraints(0.5, 1.0, 1, true, 1.0));
        Rebalance r = manager.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.9, -0.4, 0.3));
        // alpha as weight: 0.9, −0.4, 0.3 → long-only 0.9, 0, 0.3 → gross 1.2 → 0.75, 0, 0.25 → cap 0.5 → 0.5, 0, 0.5
        assertThat(r.date()).isEqualTo(data.date(1));
        assertThat(r.combinedAlpha()).containsExactly(0.9, -0.4, 0.3);
        assertThat(r.contributions()[0]).containsExactly(0.9, -0.4, 0.3);
        assertThat(r.targetWeights()).containsExactly(new double[] {0.5, 0.0, 0.5}, within(1e-15));
        assertThat(r.positionValues(1_000_000)).containsExactly(new double[] {500_000, 0, 500_000}, within(1e-9));
        assertThat(r.binding())
                .extracting(BindingConstraint::constraint)
                .containsExactly("long_only", "gross_leverage", "max_position");
    }

    @Test
    void rebalanceDaysMustIncrease() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1, 1}});
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(), TestPanels.alphaAsWeight(), Constraints.unconstrained(true, 1.0));
        manager.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.5));
        assertThatThrownBy(() -> manager.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.5)))
                .hasMessageContaining("rebalance days must increase");
    }

    @Test
    void rejectsACombinerWhoseContributionsDoNotSum() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}, {1, 1}});
        PortfolioManager manager = new PortfolioManager(
                TestPanels.combiner("sloppy", (in, out) -> {
                    out.combined()[1] = 0.5;
                    out.contribution(0)[1] = 0.4;
                }),
                TestPanels.alphaAsWeight(),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> manager.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.2, 0.5)))
                .isInstanceOf(ComponentContractException.class)
                .hasMessage("combiner sloppy on " + data.date(1)
                        + ", B: contributions must sum to the combined alpha 0.5 (±1e-9), summed to 0.4");
    }

    @Test
    void rejectsACombinedAlphaOutOfRangeOrWithoutAnyView() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}, {1, 1}});
        PortfolioManager loud = new PortfolioManager(
                TestPanels.combiner("loud", (in, out) -> {
                    out.combined()[0] = 1.5;
                    out.contribution(0)[0] = 1.5;
                }),
                TestPanels.alphaAsWeight(),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> loud.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.2, 0.5)))
                .hasMessageContaining("combined alpha must be in [-1, 1], was 1.5");
        PortfolioManager inventive = new PortfolioManager(
                TestPanels.combiner("inventive", (in, out) -> out.combined()[1] = 0.0),
                TestPanels.alphaAsWeight(),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> inventive.rebalance(data, 1, TestPanels.oneStrategy(data, 1, 0.2, NaN)))
                .hasMessageContaining("B: combined alpha must be NaN where no strategy has a view");
    }

    @Test
    void rejectsAContributionFromAStrategyWithoutAView() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}});
        CombinerInput in = new CombinerInput(
                data.date(1),
                data.symbols(),
                List.of("x", "y"),
                new double[] {1, 1},
                new double[][] {{0.4}, {NaN}},
                new double[][] {{1}, {NaN}});
        PortfolioManager manager = new PortfolioManager(
                TestPanels.combiner("leaky", (i, out) -> {
                    out.combined()[0] = 0.4;
                    out.contribution(0)[0] = 0.5;
                    out.contribution(1)[0] = -0.1;
                }),
                TestPanels.alphaAsWeight(),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> manager.combineSignals(in, new CombinerOutput(2, 1)))
                .isInstanceOf(ComponentContractException.class)
                .hasMessageContaining("contribution of y must be 0 without a view, was -0.1");
    }

    @Test
    void rejectsAnAllocatorThatWeightsASymbolWithoutAViewOrReturnsNaN() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}, {1, 1}});
        PortfolioManager greedy = new PortfolioManager(
                TestPanels.firstStrategy(),
                TestPanels.allocator("greedy", (ctx, w) -> w[1] = 0.5),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> greedy.allocateCapital(data, 1, new double[] {0.3, NaN}))
                .isInstanceOf(ComponentContractException.class)
                .hasMessage("allocator greedy on " + data.date(1)
                        + ": weight of B must be 0 without a view (NaN alpha), was 0.5");
        PortfolioManager broken = new PortfolioManager(
                TestPanels.firstStrategy(),
                TestPanels.allocator("broken", (ctx, w) -> w[0] = NaN),
                Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() -> broken.allocateCapital(data, 1, new double[] {0.3, NaN}))
                .hasMessageContaining("weight of A must be finite, was NaN");
    }

    @Test
    void theAllocatorSeesTheBooksSideAndLeverage() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1}});
        AtomicReference<String> seen = new AtomicReference<>();
        new PortfolioManager(
                        TestPanels.firstStrategy(),
                        TestPanels.allocator(
                                "probe",
                                (ctx, w) -> seen.set(ctx.longOnly() + " " + ctx.grossLeverage() + " " + ctx.date() + " "
                                        + ctx.day())),
                        new Constraints(0.5, 0.5, 0, false, 1.5))
                .allocateCapital(data, 1, new double[] {0.2});
        assertThat(seen.get()).isEqualTo("false 1.5 " + data.date(1) + " 1");
    }
}
