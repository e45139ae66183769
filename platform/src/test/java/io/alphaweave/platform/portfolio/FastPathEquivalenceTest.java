package io.alphaweave.platform.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.platform.data.MarketData;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's fast paths give bit for bit what the straightforward ones give: {@code
 * rebalanceInto} vs {@code rebalance}, the two-thread covariance and volatilities vs one thread and
 * one symbol at a time.
 */
class FastPathEquivalenceTest {

    @Test
    void rebalanceIntoDecidesExactlyWhatRebalanceDecides() {
        SplittableRandom rnd = new SplittableRandom(5);
        MarketData data = TestPanels.random(40, 120, 5, 0.05, 99);
        Constraints c = new Constraints(0.08, 0.3, 5, false, 1.2);
        // the allocator reads trailing volatility and realised signal returns, so history matters too
        var allocator = TestPanels.allocator("vol_and_history", (ctx, w) -> {
            double[] a = ctx.combinedAlpha();
            double[] vol = ctx.trailingVolatility(10);
            for (int i = 0; i < a.length; i++) {
                double hits = ctx.realisedSignalReturns(i).length;
                w[i] = Double.isNaN(a[i]) || !(vol[i] > 0) ? 0.0 : a[i] / vol[i] * (1 + hits / 100);
            }
        });
        PortfolioManager plain = new PortfolioManager(TestPanels.firstStrategy(), allocator, c, 3);
        PortfolioManager fast = new PortfolioManager(TestPanels.firstStrategy(), allocator, c, 3);
        CombinerOutput out = new CombinerOutput(1, data.symbolCount());
        double[] w = new double[data.symbolCount()];
        int compared = 0;
        for (int day = 20; day < data.dayCount(); day += 1 + rnd.nextInt(3)) {
            double[] alpha = new double[data.symbolCount()];
            for (int s = 0; s < alpha.length; s++) {
                alpha[s] = rnd.nextInt(5) == 0 ? Double.NaN : 2 * rnd.nextDouble() - 1;
            }
            CombinerInput in = TestPanels.oneStrategy(data, day, alpha);
            Rebalance expected = plain.rebalance(data, day, in);
            List<BindingConstraint> binding = new ArrayList<>();
            fast.rebalanceInto(data, day, in, out, w, binding);
            assertThat(w).containsExactly(expected.targetWeights());
            assertThat(out.combined()).containsExactly(expected.combinedAlpha());
            assertThat(out.contribution(0)).containsExactly(expected.contributions()[0]);
            assertThat(binding).isEqualTo(expected.binding());
            compared++;
        }
        assertThat(compared).isGreaterThan(30);
    }

    @Test
    void theTwoThreadCovarianceIsTheOneThreadCovariance() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {2, 3, 17, 300}) {
            double[][] rows = new double[n][63];
            for (double[] row : rows) {
                for (int d = 0; d < row.length; d++) {
                    row[d] = 0.02 * rnd.nextGaussian();
                }
            }
            double[][] one = TrailingStatistics.covariance(rows, false);
            double[][] two = TrailingStatistics.covariance(rows, true);
            for (int i = 0; i < n; i++) {
                assertThat(two[i]).containsExactly(one[i]);
            }
        }
        // 300² × 63 is above the threshold: the default takes the two-thread path
        assertThat(300L * 300 * 63).isGreaterThanOrEqualTo(TrailingStatistics.PARALLEL_WORK);
    }

    @Test
    void allVolatilitiesAtOnceAreEachSymbolsVolatility() {
        MarketData data = TestPanels.random(300, 200, 4, 0.1, 8);
        for (int window : new int[] {2, 20, 63}) {
            double[] all = TrailingStatistics.volatilities(data, 150, window);
            for (int s = 0; s < data.symbolCount(); s++) {
                assertThat(all[s]).isEqualTo(TrailingStatistics.volatility(data, s, 150, window));
            }
        }
    }
}
