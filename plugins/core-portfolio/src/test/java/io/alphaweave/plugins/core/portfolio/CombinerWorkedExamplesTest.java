package io.alphaweave.plugins.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.SignalCombiner;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small inputs whose answers are computed by hand in the comments. */
class CombinerWorkedExamplesTest {
    private static final double NaN = Double.NaN;
    private static final double EPS = 1e-15;

    private static CombinerInput input(double[] weights, double[][] alpha, double[][] confidence) {
        List<String> symbols = List.of("W", "X", "Y", "Z").subList(0, alpha[0].length);
        return new CombinerInput(LocalDate.of(2020, 1, 2), symbols, List.of("a", "b"), weights, alpha, confidence);
    }

    private static CombinerOutput run(SignalCombiner combiner, CombinerInput in) {
        CombinerOutput out = new CombinerOutput(in.strategyCount(), in.symbolCount());
        combiner.combine(in, out);
        return out;
    }

    private static final double[][] ONES = {{1, 1, 1}, {1, 1, 1}};

    @Test
    void weightedNormalisesTheWeightsOverTheStrategiesWithAView() {
        // weights a = 2, b = 1; alphas a: 0.6, −0.3, none; b: 0, 0.9, 0.5
        CombinerOutput out = run(
                new WeightedCombiner(),
                input(new double[] {2, 1}, new double[][] {{0.6, -0.3, NaN}, {0.0, 0.9, 0.5}}, ONES));
        // W: (2·0.6 + 1·0)/3 = 0.4; X: (2·(−0.3) + 1·0.9)/3 = 0.1; Y: only b → 0.5
        assertThat(out.combined()).containsExactly(new double[] {0.4, 0.1, 0.5}, within(EPS));
        // contributions: a: 2·0.6/3 = 0.4, 2·(−0.3)/3 = −0.2, 0; b: 0, 0.9/3 = 0.3, 0.5
        assertThat(out.contribution(0)).containsExactly(new double[] {0.4, -0.2, 0.0}, within(EPS));
        assertThat(out.contribution(1)).containsExactly(new double[] {0.0, 0.3, 0.5}, within(EPS));
    }

    @Test
    void weightedWithZScoringScalesEachStrategyFirst() {
        CombinerOutput out = run(
                new WeightedCombiner().configure(Map.of("zscore", true)),
                input(new double[] {2, 1}, new double[][] {{0.6, -0.3, NaN}, {0.0, 0.9, 0.5}}, ONES));
        // a over W, X: mean 0.15, σ_pop 0.45 → z/3 = +1/3, −1/3
        // b over W, X, Y: mean 1.4/3; deviations −1.4/3, 1.3/3, 0.1/3; σ_pop = sqrt((1.96 + 1.69 + 0.01)/9/3)
        double sb = Math.sqrt((1.96 + 1.69 + 0.01) / 27);
        double[] zb = {(-1.4 / 3) / sb / 3, (1.3 / 3) / sb / 3, (0.1 / 3) / sb / 3};
        assertThat(out.combined())
                .containsExactly(
                        new double[] {(2 * (1.0 / 3) + zb[0]) / 3, (2 * (-1.0 / 3) + zb[1]) / 3, zb[2]}, within(1e-12));
        assertThat(out.contribution(0)[0]).isCloseTo(2.0 / 9, within(1e-12));
    }

    @Test
    void aZeroWeightStrategyCountsExactlyAsAStrategyWithoutAnyView() {
        // a has weight 0: W (viewed by a only) and Y (by a only) get no view, X gets b's 0.4 — the same
        // output, bit for bit, as when a has no view anywhere
        double[][] withZero = {{0.6, 0.2, 0.1}, {NaN, 0.4, NaN}};
        double[][] absent = {{NaN, NaN, NaN}, {NaN, 0.4, NaN}};
        for (boolean zscore : new boolean[] {false, true}) {
            SignalCombiner c = new WeightedCombiner().configure(Map.of("zscore", zscore));
            CombinerOutput zero = run(c, input(new double[] {0, 1}, withZero, ONES));
            CombinerOutput none = run(c, input(new double[] {0, 1}, absent, ONES));
            assertThat(zero.combined()).containsExactly(none.combined());
            assertThat(zero.combined()[0]).as("no view, not 0").isNaN();
            assertThat(zero.contribution(0)).containsExactly(0.0, 0.0, 0.0);
        }
    }

    @Test
    void weightedLeavesASymbolWhoseViewingStrategiesAllHaveZeroWeightWithoutAnAlpha() {
        CombinerOutput out = run(
                new WeightedCombiner(),
                input(new double[] {0, 1}, new double[][] {{0.6, 0.2, 0.1}, {NaN, 0.4, NaN}}, ONES));
        assertThat(out.combined()[0]).isNaN();
        assertThat(out.combined()[1]).isEqualTo(0.4);
        assertThat(out.contribution(0)[1]).isZero();
    }

    @Test
    void confidenceWeightedDividesByTheTotalConfidence() {
        double[][] alpha = {{0.6, -0.3, NaN}, {0.0, 0.9, 0.5}};
        double[][] confidence = {{0.5, 1.0, NaN}, {1.0, 0.25, 0.8}};
        CombinerOutput out = run(new ConfidenceWeightedCombiner(), input(new double[] {1, 1}, alpha, confidence));
        // W: (0.5·0.6 + 1·0)/1.5 = 0.2; X: (1·(−0.3) + 0.25·0.9)/1.25 = −0.06; Y: 0.5
        assertThat(out.combined()).containsExactly(new double[] {0.2, -0.06, 0.5}, within(EPS));
        // X: a −0.3/1.25 = −0.24, b 0.225/1.25 = 0.18
        assertThat(out.contribution(0)[1]).isCloseTo(-0.24, within(EPS));
        assertThat(out.contribution(1)[1]).isCloseTo(0.18, within(EPS));
    }

    @Test
    void confidenceWeightedMultipliesByStrategyWeightsUnlessSwitchedOff() {
        double[][] alpha = {{0.6, -0.3, NaN}, {0.0, 0.9, 0.5}};
        double[][] confidence = {{0.5, 1.0, NaN}, {1.0, 0.25, 0.8}};
        CombinerInput in = input(new double[] {2, 1}, alpha, confidence);
        // W with weights: (2·0.5·0.6 + 1·1·0)/(2·0.5 + 1·1) = 0.6/2 = 0.3
        assertThat(run(new ConfidenceWeightedCombiner(), in).combined()[0]).isCloseTo(0.3, within(EPS));
        // without: (0.5·0.6)/(0.5 + 1) = 0.2
        assertThat(run(new ConfidenceWeightedCombiner().configure(Map.of("strategy_weights", false)), in)
                        .combined()[0])
                .isCloseTo(0.2, within(EPS));
    }

    @Test
    void rankAverageAveragesEachStrategysRanksMappedToPlusMinusOne() {
        // a over W, X, Y (Z no view): −0.3 → rank 1, 0.1 → 2, 0.6 → 3; u = 2(r−1)/2 − 1 → W +1, X −1, Y 0
        // b over all four: −0.5 → 1, 0.2 and 0.2 → 2.5 each, 0.9 → 4; u = 2(r−1)/3 − 1 → Z... see below
        //   W (0.2) 0, X (0.2) 0, Y (−0.5) −1, Z (0.9) +1
        double[][] alpha = {{0.6, -0.3, 0.1, NaN}, {0.2, 0.2, -0.5, 0.9}};
        double[][] confidence = {{1, 1, 1, 1}, {1, 1, 1, 1}};
        CombinerOutput out = run(new RankAverageCombiner(), input(new double[] {1, 1}, alpha, confidence));
        // W: (1 + 0)/2 = 0.5; X: (−1 + 0)/2 = −0.5; Y: (0 − 1)/2 = −0.5; Z: only b → 1
        assertThat(out.combined()).containsExactly(new double[] {0.5, -0.5, -0.5, 1.0}, within(EPS));
        assertThat(out.contribution(0)).containsExactly(new double[] {0.5, -0.5, 0.0, 0.0}, within(EPS));
        assertThat(out.contribution(1)).containsExactly(new double[] {0.0, 0.0, -0.5, 1.0}, within(EPS));
    }

    @Test
    void rankAverageIgnoresTheSizeOfAnOutlier() {
        double[][] confidence = {{1, 1, 1}, {1, 1, 1}};
        CombinerOutput modest = run(
                new RankAverageCombiner(),
                input(new double[] {1, 1}, new double[][] {{0.1, 0.2, 0.3}, {0.3, 0.2, 0.1}}, confidence));
        CombinerOutput extreme = run(
                new RankAverageCombiner(),
                input(new double[] {1, 1}, new double[][] {{0.1, 0.2, 1.0}, {0.3, 0.2, 0.1}}, confidence));
        assertThat(extreme.combined()).containsExactly(modest.combined());
        assertThat(modest.combined()).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void bestStrategyTakesTheMostConfidentSignalAndBreaksTiesByWeightThenId() {
        double[][] alpha = {{0.3, -0.2, 0.6}, {-0.5, 0.4, -0.1}};
        double[][] confidence = {{0.9, 0.5, 0.7}, {0.4, 0.8, 0.7}};
        // W: a (0.9 > 0.4) → 0.3; X: b (0.8 > 0.5) → 0.4; Y: tie 0.7, equal weights → smaller id a → 0.6
        CombinerOutput out = run(new BestStrategyCombiner(), input(new double[] {1, 1}, alpha, confidence));
        assertThat(out.combined()).containsExactly(0.3, 0.4, 0.6);
        assertThat(out.contribution(0)).containsExactly(0.3, 0.0, 0.6);
        assertThat(out.contribution(1)).containsExactly(0.0, 0.4, 0.0);
        // Y: with b weighted 2 the tie goes to b → −0.1
        assertThat(run(new BestStrategyCombiner(), input(new double[] {1, 2}, alpha, confidence))
                        .combined()[2])
                .isEqualTo(-0.1);
        // a weight of 0 switches a strategy off: W → b's −0.5
        assertThat(run(new BestStrategyCombiner(), input(new double[] {0, 1}, alpha, confidence))
                        .combined())
                .containsExactly(-0.5, 0.4, -0.1);
    }

    @Test
    void bestStrategyTieBreakDoesNotDependOnTheOrderOfStrategies() {
        double[][] alpha = {{-0.5, 0.4, -0.1}, {0.3, -0.2, 0.6}};
        double[][] confidence = {{0.4, 0.8, 0.7}, {0.9, 0.5, 0.7}};
        CombinerInput swapped = new CombinerInput(
                LocalDate.of(2020, 1, 2),
                List.of("W", "X", "Y"),
                List.of("b", "a"),
                new double[] {1, 1},
                alpha,
                confidence);
        assertThat(run(new BestStrategyCombiner(), swapped).combined()).containsExactly(0.3, 0.4, 0.6);
    }
}
