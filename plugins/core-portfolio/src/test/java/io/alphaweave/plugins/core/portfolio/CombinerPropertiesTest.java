package io.alphaweave.plugins.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.platform.portfolio.PortfolioManager;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded random days: contributions sum to the combined alpha, and strategy order never matters. */
class CombinerPropertiesTest {
    static Stream<SignalCombiner> combiners() {
        return Stream.of(
                new WeightedCombiner(),
                new WeightedCombiner().configure(Map.of("zscore", true)),
                new ConfidenceWeightedCombiner(),
                new ConfidenceWeightedCombiner().configure(Map.of("strategy_weights", false)),
                new RankAverageCombiner(),
                new BestStrategyCombiner());
    }

    private static CombinerInput randomDay(SplittableRandom rnd) {
        int k = 1 + rnd.nextInt(6);
        int n = 1 + rnd.nextInt(30);
        List<String> symbols = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            symbols.add("S" + j);
        }
        List<String> ids = new ArrayList<>();
        double[] weights = new double[k];
        double[][] alpha = new double[k][n];
        double[][] confidence = new double[k][n];
        for (int i = 0; i < k; i++) {
            ids.add("strategy_" + (char) ('a' + rnd.nextInt(26)) + i);
            weights[i] = rnd.nextInt(5) == 0 ? 0.0 : rnd.nextDouble() * 3;
            double missing = rnd.nextDouble() * 0.6;
            for (int j = 0; j < n; j++) {
                boolean view = rnd.nextDouble() >= missing;
                // coarse values make ties (ranks, confidences) common
                alpha[i][j] = view
                        ? (rnd.nextInt(4) == 0 ? rnd.nextInt(5) / 4.0 - 0.5 : 2 * rnd.nextDouble() - 1)
                        : Double.NaN;
                confidence[i][j] = view ? (rnd.nextInt(4) == 0 ? rnd.nextInt(3) / 2.0 : rnd.nextDouble()) : Double.NaN;
            }
        }
        return new CombinerInput(LocalDate.of(2021, 3, 1), symbols, ids, weights, alpha, confidence);
    }

    private static CombinerInput permuted(CombinerInput in, int[] perm) {
        int k = in.strategyCount();
        List<String> ids = new ArrayList<>();
        double[] weights = new double[k];
        double[][] alpha = new double[k][];
        double[][] confidence = new double[k][];
        for (int r = 0; r < k; r++) {
            ids.add(in.strategyIds().get(perm[r]));
            weights[r] = in.weights()[perm[r]];
            alpha[r] = in.alpha()[perm[r]].clone();
            confidence[r] = in.confidence()[perm[r]].clone();
        }
        return new CombinerInput(in.date(), in.symbols(), ids, weights, alpha, confidence);
    }

    @ParameterizedTest
    @MethodSource("combiners")
    void contributionsSumToTheCombinedAlphaAndOrderDoesNotMatter(SignalCombiner combiner) {
        SplittableRandom rnd = new SplittableRandom(42);
        PortfolioManager manager =
                new PortfolioManager(combiner, new ProportionalAllocator(), Constraints.unconstrained(true, 1.0));
        int defined = 0;
        for (int trial = 0; trial < 1500; trial++) {
            CombinerInput in = randomDay(rnd);
            int k = in.strategyCount(), n = in.symbolCount();
            CombinerOutput out = new CombinerOutput(k, n);
            manager.combineSignals(in, out); // checks the contract (range, NaN rules, Σ within 1e-9)
            for (int j = 0; j < n; j++) {
                double c = out.combined()[j];
                boolean anyView = false;
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    anyView |= !Double.isNaN(in.alpha()[i][j]);
                    sum += out.contribution(i)[j];
                }
                if (!anyView) {
                    assertThat(c).isNaN();
                }
                if (!Double.isNaN(c)) {
                    defined++;
                    assertThat(c).isBetween(-1.0, 1.0);
                    assertThat(Math.abs(sum - c)).isLessThanOrEqualTo(1e-12);
                }
            }
            int[] perm = shuffle(k, rnd);
            CombinerInput shuffled = permuted(in, perm);
            CombinerOutput other = new CombinerOutput(k, n);
            manager.combineSignals(shuffled, other);
            assertThat(other.combined())
                    .as("combined alpha after reordering strategies")
                    .containsExactly(out.combined());
            for (int r = 0; r < k; r++) {
                assertThat(other.contribution(r))
                        .as("contribution of " + shuffled.strategyIds().get(r))
                        .containsExactly(out.contribution(perm[r]));
            }
        }
        assertThat(defined).isGreaterThan(10_000);
    }

    private static int[] shuffle(int k, SplittableRandom rnd) {
        int[] p = new int[k];
        for (int i = 0; i < k; i++) {
            p[i] = i;
        }
        for (int i = k - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
