package io.alphaweave.platform.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.data.MarketData;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random weights and constraints: the result satisfies every constraint; a set whose caps
 * cannot hold the gross keeps exactly the caps' capacity invested (cash mode) or is reported
 * infeasible (error mode).
 */
class ConstraintPropertiesTest {
    private static final double TOL = 1e-9;

    @Test
    void constrainedWeightsSatisfyEveryConstraintOrTheSetIsReportedInfeasible() {
        SplittableRandom rnd = new SplittableRandom(20260101);
        int feasible = 0, infeasible = 0, cash = 0, relaxed = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int n = 1 + rnd.nextInt(40);
            int sectors = 1 + rnd.nextInt(6);
            MarketData data = TestPanels.random(n, 3, sectors, 0.0, rnd.nextLong());
            if (rnd.nextInt(4) == 0) {
                String[] mixed = new String[n];
                for (int s = 0; s < n; s++) {
                    mixed[s] = rnd.nextInt(3) == 0 ? null : data.sector(s);
                }
                data = TestPanels.fromCloses(closes(data), mixed);
            }
            double gross = 0.5 + 1.5 * rnd.nextDouble();
            Constraints c = new Constraints(
                    rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 0.02 + 0.5 * rnd.nextDouble(),
                    rnd.nextBoolean() ? Double.POSITIVE_INFINITY : 0.05 + 0.8 * rnd.nextDouble(),
                    rnd.nextInt(4) == 0 ? rnd.nextInt(10) : 0,
                    rnd.nextBoolean(),
                    gross,
                    rnd.nextBoolean() ? Constraints.OnInfeasible.CASH : Constraints.OnInfeasible.ERROR);
            double[] alpha = new double[n];
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                alpha[i] = rnd.nextInt(6) == 0 ? Double.NaN : 2 * rnd.nextDouble() - 1;
                raw[i] = Double.isNaN(alpha[i]) || rnd.nextInt(8) == 0 ? 0.0 : alpha[i] * 3 * rnd.nextDouble();
            }
            PortfolioManager manager = new PortfolioManager(TestPanels.firstStrategy(), TestPanels.alphaAsWeight(), c);
            double capacity = capacityAfterSteps1to3(data, raw, c);
            MarketData panel = data;
            if (capacity < 0 && c.onInfeasible() == Constraints.OnInfeasible.ERROR) {
                infeasible++;
                assertThatThrownBy(() -> manager.applyConstraints(panel, 2, raw, alpha))
                        .isInstanceOf(InfeasibleConstraintsException.class);
                continue;
            }
            ConstrainedWeights r = manager.applyConstraints(data, 2, raw, alpha);
            double[] w = r.weights();
            int positions = 0;
            double total = 0;
            Map<String, Double> bySector = new HashMap<>();
            for (int i = 0; i < n; i++) {
                assertThat(Double.isFinite(w[i])).isTrue();
                if (c.longOnly()) {
                    assertThat(w[i]).isGreaterThanOrEqualTo(0.0);
                }
                if (w[i] != 0) {
                    positions++;
                    assertThat(Math.signum(w[i])).isEqualTo(Math.signum(raw[i])); // never flips or invents
                }
                assertThat(Math.abs(w[i])).isLessThanOrEqualTo(c.maxPosition() + TOL);
                total += Math.abs(w[i]);
                if (data.sector(i) != null) {
                    bySector.merge(data.sector(i), Math.abs(w[i]), Double::sum);
                }
            }
            assertThat(total).isLessThanOrEqualTo(c.grossLeverage() + TOL);
            bySector.values().forEach(v -> assertThat(v).isLessThanOrEqualTo(c.maxSector() + TOL));
            if (capacity < 0) {
                relaxed++;
                // what the caps cannot hold stays in cash: exactly their capacity is invested
                assertThat(positions).isGreaterThanOrEqualTo(Math.max(1, c.minPositions()));
                assertThat(total).isCloseTo(capacityOf(data, raw, c), within());
                assertThat(r.binding()).anySatisfy(b -> assertThat(b.detail()).contains("kept in cash"));
            } else if (positions == 0) {
                cash++;
            } else {
                feasible++;
                assertThat(positions).isGreaterThanOrEqualTo(c.minPositions());
                // the gross left after long_only and gross_leverage is kept by the caps
                assertThat(total).isCloseTo(Math.min(clippedGross(raw, c), c.grossLeverage()), within());
            }
            double moved = 0;
            for (int i = 0; i < n; i++) {
                moved += Math.abs(w[i] - raw[i]);
            }
            double reported = r.binding().stream()
                    .mapToDouble(BindingConstraint::weightMoved)
                    .sum();
            assertThat(reported).isGreaterThanOrEqualTo(moved - TOL);
            if (r.binding().isEmpty()) {
                assertThat(w).containsExactly(raw);
            }
        }
        assertThat(feasible).isGreaterThan(1000);
        assertThat(infeasible).isGreaterThan(25);
        assertThat(relaxed).isGreaterThan(25);
        assertThat(cash).isGreaterThan(20);
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(TOL);
    }

    private static double clippedGross(double[] raw, Constraints c) {
        double g = 0;
        for (double x : raw) {
            g += c.longOnly() ? Math.max(x, 0) : Math.abs(x);
        }
        return g;
    }

    /** Capacity of the caps minus the gross to place, or +1 when no cap step happens; an independent count. */
    private static double capacityAfterSteps1to3(MarketData data, double[] raw, Constraints c) {
        int held = 0;
        for (double x : raw) {
            held += (c.longOnly() ? x > 0 : x != 0) ? 1 : 0;
        }
        if (held < c.minPositions() || held == 0) {
            return 1;
        }
        double target = Math.min(clippedGross(raw, c), c.grossLeverage());
        return capacityOf(data, raw, c) >= target * (1 - 1e-9) ? 1 : -1;
    }

    /** The most gross max_position and max_sector admit over the symbols holding weight after long_only. */
    private static double capacityOf(MarketData data, double[] raw, Constraints c) {
        Map<String, Integer> perSector = new HashMap<>();
        int unsectored = 0;
        for (int i = 0; i < raw.length; i++) {
            boolean holds = c.longOnly() ? raw[i] > 0 : raw[i] != 0;
            if (holds) {
                if (data.sector(i) == null || Double.isInfinite(c.maxSector())) {
                    unsectored++;
                } else {
                    perSector.merge(data.sector(i), 1, Integer::sum);
                }
            }
        }
        double capacity = unsectored == 0 ? 0 : c.maxPosition() * unsectored;
        for (int m : perSector.values()) {
            capacity += Math.min(c.maxSector(), c.maxPosition() * m);
        }
        return capacity;
    }

    private static double[][] closes(MarketData data) {
        double[][] c = new double[data.symbolCount()][];
        for (int s = 0; s < c.length; s++) {
            c[s] = data.close(s).clone();
        }
        return c;
    }
}
