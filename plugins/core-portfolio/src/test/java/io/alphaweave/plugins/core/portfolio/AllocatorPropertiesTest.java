package io.alphaweave.plugins.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.platform.portfolio.InfeasibleConstraintsException;
import io.alphaweave.platform.portfolio.PortfolioManager;
import io.alphaweave.platform.portfolio.Rebalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rebalance sequences through the real {@link PortfolioManager} on seeded random panels: the
 * weights at day t are identical when every bar after t is replaced, and every constraint holds.
 */
class AllocatorPropertiesTest {
    private static final int SYMBOLS = 24, DAYS = 260;

    static Stream<CapitalAllocator> allocators() {
        return Stream.of(
                new ProportionalAllocator(),
                new KellyAllocator().configure(Map.of("fraction", 0.5, "cap", 0.3, "min_history", 3)),
                new RiskParityAllocator().configure(Map.of("window", 40)),
                new RiskParityAllocator().configure(Map.of("window", 30, "shrinkage", "none")),
                new RiskParityAllocator().configure(Map.of("mode", "inverse_volatility", "window", 20)),
                new RiskParityAllocator().configure(Map.of("alpha_budgets", true, "window", 60)));
    }

    static MarketData panel(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] close = new double[SYMBOLS][DAYS];
        String[] sectors = new String[SYMBOLS];
        List<String> names = new ArrayList<>();
        for (int s = 0; s < SYMBOLS; s++) {
            names.add("S" + s);
            sectors[s] = "Sector" + (s % 5);
            double p = 20 + 80 * rnd.nextDouble();
            double vol = 0.005 + 0.03 * rnd.nextDouble();
            for (int d = 0; d < DAYS; d++) {
                p *= 1 + vol * rnd.nextGaussian();
                close[s][d] = rnd.nextInt(40) == 0 ? Double.NaN : p;
            }
        }
        return build(close, names, sectors);
    }

    private static MarketData build(double[][] close, List<String> names, String[] sectors) {
        LocalDate[] calendar = new LocalDate[close[0].length];
        for (int d = 0; d < calendar.length; d++) {
            calendar[d] = LocalDate.of(2015, 1, 1).plusDays(d);
        }
        double[][] volume = new double[close.length][close[0].length];
        return new MarketData(calendar, names, close, close, close, close, volume, sectors);
    }

    /** The same panel with every bar after {@code day} replaced by noise or removed. */
    static MarketData alteredAfter(MarketData data, int day, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] close = new double[data.symbolCount()][];
        String[] sectors = new String[data.symbolCount()];
        for (int s = 0; s < close.length; s++) {
            close[s] = data.close(s).clone();
            sectors[s] = data.sector(s);
            for (int d = day + 1; d < close[s].length; d++) {
                close[s][d] = rnd.nextInt(5) == 0 ? Double.NaN : 1 + 500 * rnd.nextDouble();
            }
        }
        return build(close, data.symbols(), sectors);
    }

    /** Two strategies' signals for a day, drawn from a day-seeded generator (so both runs see the same). */
    static CombinerInput signals(MarketData data, int day) {
        SplittableRandom rnd = new SplittableRandom(1000L + day);
        int n = data.symbolCount();
        double[][] alpha = new double[2][n];
        double[][] confidence = new double[2][n];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < n; j++) {
                boolean view = !Double.isNaN(data.close(j)[day]) && rnd.nextInt(6) != 0;
                alpha[i][j] = view ? 2 * rnd.nextDouble() - 1 : Double.NaN;
                confidence[i][j] = view ? rnd.nextDouble() : Double.NaN;
            }
        }
        return new CombinerInput(
                data.date(day), data.symbols(), List.of("m", "r"), new double[] {1, 2}, alpha, confidence);
    }

    private record Outcome(double[] weights, String error) {}

    private static List<Outcome> run(MarketData data, CapitalAllocator allocator, Constraints c, int lastDay) {
        PortfolioManager manager = new PortfolioManager(new WeightedCombiner(), allocator, c);
        List<Outcome> out = new ArrayList<>();
        for (int day = 70; day <= lastDay; day += 2) {
            try {
                Rebalance r = manager.rebalance(data, day, signals(data, day));
                out.add(new Outcome(r.targetWeights(), null));
            } catch (InfeasibleConstraintsException e) {
                out.add(new Outcome(null, e.getMessage()));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void weightsAtDayTDoNotDependOnBarsAfterT(CapitalAllocator allocator) {
        SplittableRandom rnd = new SplittableRandom(7);
        int invested = 0;
        for (int trial = 0; trial < 4; trial++) {
            MarketData data = panel(rnd.nextLong());
            int t = 120 + rnd.nextInt(DAYS - 130);
            Constraints c = new Constraints(0.25, 0.6, 2, rnd.nextBoolean(), 0.5 + rnd.nextDouble());
            List<Outcome> full = run(data, allocator, c, t);
            List<Outcome> altered = run(alteredAfter(data, t, rnd.nextLong()), allocator, c, t);
            assertThat(altered).hasSameSizeAs(full);
            for (int i = 0; i < full.size(); i++) {
                assertThat(altered.get(i).error()).isEqualTo(full.get(i).error());
                if (full.get(i).weights() != null) {
                    assertThat(altered.get(i).weights())
                            .containsExactly(full.get(i).weights());
                    if (gross(full.get(i).weights()) > 0) {
                        invested++;
                    }
                }
            }
        }
        assertThat(invested).as("rebalances that held positions").isGreaterThan(40);
    }

    @ParameterizedTest
    @MethodSource("allocators")
    void everyRebalanceSatisfiesTheConstraints(CapitalAllocator allocator) {
        SplittableRandom rnd = new SplittableRandom(11);
        int checked = 0;
        for (int trial = 0; trial < 6; trial++) {
            MarketData data = panel(rnd.nextLong());
            boolean longOnly = rnd.nextBoolean();
            double gross = 0.5 + 1.5 * rnd.nextDouble();
            Constraints c = new Constraints(gross * (0.15 + 0.2 * rnd.nextDouble()), gross * 0.7, 3, longOnly, gross);
            for (Outcome o : run(data, allocator, c, DAYS - 1)) {
                if (o.weights() == null) {
                    assertThat(o.error()).contains("infeasible");
                    continue;
                }
                double[] w = o.weights();
                double total = 0;
                int positions = 0;
                Map<String, Double> bySector = new HashMap<>();
                for (int s = 0; s < w.length; s++) {
                    assertThat(Double.isFinite(w[s])).isTrue();
                    if (longOnly) {
                        assertThat(w[s]).isGreaterThanOrEqualTo(0.0);
                    }
                    assertThat(Math.abs(w[s])).isLessThanOrEqualTo(c.maxPosition() + 1e-9);
                    total += Math.abs(w[s]);
                    positions += w[s] != 0 ? 1 : 0;
                    bySector.merge(data.sector(s), Math.abs(w[s]), Double::sum);
                }
                assertThat(total).isLessThanOrEqualTo(gross + 1e-9);
                assertThat(positions == 0 || positions >= c.minPositions()).isTrue();
                bySector.values().forEach(v -> assertThat(v).isLessThanOrEqualTo(c.maxSector() + 1e-9));
                checked += positions > 0 ? 1 : 0;
            }
        }
        assertThat(checked).as("invested rebalances checked").isGreaterThan(100);
    }

    private static double gross(double[] w) {
        double g = 0;
        for (double x : w) {
            g += Math.abs(x);
        }
        return g;
    }
}
