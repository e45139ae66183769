package io.alphaweave.platform.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.platform.data.MarketData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintsTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static MarketData flat(int symbols, String... sectors) {
        double[][] close = new double[symbols][3];
        for (double[] row : close) {
            java.util.Arrays.fill(row, 100.0);
        }
        return TestPanels.fromCloses(close, sectors);
    }

    private static ConstrainedWeights apply(MarketData data, Constraints c, double... w) {
        PortfolioManager manager = new PortfolioManager(TestPanels.firstStrategy(), TestPanels.alphaAsWeight(), c);
        return manager.applyConstraints(data, 2, w, w.clone());
    }

    @Test
    void rejectsANonPositiveMaxPositionNamingTheField() {
        assertThatThrownBy(() -> new Constraints(0.0, 0.3, 0, true, 1.0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("max_position must be > 0 (Infinity for no cap), was 0.0");
    }

    @Test
    void rejectsBadSectorCapCountAndLeverage() {
        assertThatThrownBy(() -> new Constraints(0.1, Double.NaN, 0, true, 1.0))
                .hasMessageStartingWith("max_sector must be > 0");
        assertThatThrownBy(() -> new Constraints(0.1, 0.3, -1, true, 1.0))
                .hasMessage("min_positions must be ≥ 0, was -1");
        assertThatThrownBy(() -> new Constraints(0.1, 0.3, 0, true, INF))
                .hasMessage("gross_leverage must be a finite number > 0, was Infinity");
        assertThatThrownBy(() -> new Constraints(0.1, 0.3, 0, true, 0.0))
                .hasMessage("gross_leverage must be a finite number > 0, was 0.0");
    }

    @Test
    void longOnlyClipsShortsToCashAndReportsTheWeightRemoved() {
        ConstrainedWeights r = apply(flat(3), Constraints.unconstrained(true, 1.0), 0.5, -0.2, 0.3);
        assertThat(r.weights()).containsExactly(0.5, 0.0, 0.3);
        assertThat(r.binding()).hasSize(1);
        BindingConstraint b = r.binding().get(0);
        assertThat(b.constraint()).isEqualTo("long_only");
        assertThat(b.date()).isEqualTo(flat(3).date(2));
        assertThat(b.weightMoved()).isEqualTo(0.2);
        assertThat(b.detail()).contains("B");
    }

    @Test
    void grossLeverageScalesEveryWeightDownProportionally() {
        // G = 0.6 + 0.6 + 0.3 = 1.5 → × 1/1.5 → 0.4, −0.4, 0.2; Σ|Δw| = 1.5 − 1.0 = 0.5
        ConstrainedWeights r = apply(flat(3), Constraints.unconstrained(false, 1.0), 0.6, -0.6, 0.3);
        assertThat(r.weights()).containsExactly(new double[] {0.4, -0.4, 0.2}, within(1e-15));
        assertThat(r.binding()).singleElement().satisfies(b -> {
            assertThat(b.constraint()).isEqualTo("gross_leverage");
            assertThat(b.weightMoved()).isCloseTo(0.5, within(1e-15));
        });
    }

    @Test
    void anAllocatorThatInvestsLessKeepsItsCash() {
        ConstrainedWeights r = apply(flat(3), Constraints.unconstrained(true, 1.0), 0.2, 0.1, 0.0);
        assertThat(r.weights()).containsExactly(0.2, 0.1, 0.0);
        assertThat(r.binding()).isEmpty();
    }

    @Test
    void longOnlyIsAppliedBeforeGrossLeverage() {
        // clip: 0.8, 0, 0.6 (moved 0.5); gross 1.4 → × 1/1.4: 4/7, 0, 3/7 (moved 0.4)
        ConstrainedWeights r = apply(flat(3), Constraints.unconstrained(true, 1.0), 0.8, -0.5, 0.6);
        assertThat(r.weights()).containsExactly(new double[] {4.0 / 7, 0.0, 3.0 / 7}, within(1e-15));
        assertThat(r.binding())
                .extracting(BindingConstraint::constraint)
                .containsExactly("long_only", "gross_leverage");
        assertThat(r.binding().get(0).weightMoved()).isEqualTo(0.5);
        assertThat(r.binding().get(1).weightMoved()).isCloseTo(0.4, within(1e-15));
    }

    @Test
    void maxPositionCapsAndRedistributesInProportionToTheOthers() {
        // A: 0.5 → 0.4; the 0.1 goes to B and C as 0.3 : 0.2 → B 0.36, C 0.24; Σ|Δw| = 0.1 + 0.06 + 0.04
        ConstrainedWeights r = apply(flat(3), new Constraints(0.4, INF, 0, true, 1.0), 0.5, 0.3, 0.2);
        assertThat(r.weights()).containsExactly(new double[] {0.4, 0.36, 0.24}, within(1e-15));
        assertThat(r.binding()).singleElement().satisfies(b -> {
            assertThat(b.constraint()).isEqualTo("max_position");
            assertThat(b.weightMoved()).isCloseTo(0.2, within(1e-15));
            assertThat(b.detail()).isEqualTo("1 symbol(s) capped at 0.4: A");
        });
    }

    @Test
    void redistributionCascadesUntilNoPositionExceedsTheCap() {
        // round 1: A 0.5 → 0.4, B 0.35 × 1.2 = 0.42, C 0.15 × 1.2 = 0.18; round 2: B → 0.4, C 0.18 + 0.02 = 0.2
        ConstrainedWeights r = apply(flat(3), new Constraints(0.4, INF, 0, false, 1.0), 0.5, -0.35, 0.15);
        assertThat(r.weights()).containsExactly(new double[] {0.4, -0.4, 0.2}, within(1e-15));
        assertThat(r.binding().get(0).weightMoved()).isCloseTo(0.1 + 0.05 + 0.05, within(1e-15));
    }

    @Test
    void maxSectorScalesTheSectorAndGivesTheRestToOtherSectors() {
        // Tech (A, B) 0.6 > 0.5 → × 5/6 → 0.25 each; the 0.1 goes to Energy (C, D) 1 : 1 → 0.25 each
        MarketData data = flat(4, "Tech", "Tech", "Energy", "Energy");
        ConstrainedWeights r = apply(data, new Constraints(INF, 0.5, 0, true, 1.0), 0.3, 0.3, 0.2, 0.2);
        assertThat(r.weights()).containsExactly(new double[] {0.25, 0.25, 0.25, 0.25}, within(1e-15));
        assertThat(r.binding()).singleElement().satisfies(b -> {
            assertThat(b.constraint()).isEqualTo("max_sector");
            assertThat(b.detail()).isEqualTo("1 sector(s) capped at 0.5: Tech 0.6→0.5");
            assertThat(b.weightMoved()).isCloseTo(0.2, within(1e-15));
        });
    }

    @Test
    void sectorWeightIsGrossSoLongsAndShortsBothCount() {
        // Tech gross 0.4 + 0.4 = 0.8 > 0.6 → × 0.75 → ±0.3; Energy C 0.2 → 0.4
        MarketData data = flat(3, "Tech", "Tech", "Energy");
        ConstrainedWeights r = apply(data, new Constraints(INF, 0.6, 0, false, 1.0), 0.4, -0.4, 0.2);
        assertThat(r.weights()).containsExactly(new double[] {0.3, -0.3, 0.4}, within(1e-15));
    }

    @Test
    void symbolsWithoutASectorAreExemptFromTheSectorCap() {
        MarketData data = TestPanels.fromCloses(new double[][] {{1, 1, 1}, {1, 1, 1}}, null, null);
        ConstrainedWeights r = apply(data, new Constraints(INF, 0.1, 0, true, 1.0), 0.7, 0.3);
        assertThat(r.weights()).containsExactly(0.7, 0.3);
        assertThat(r.binding()).isEmpty();
    }

    @Test
    void tooFewPositionsKeepsTheBookInCashAndSaysSo() {
        ConstrainedWeights r = apply(flat(4), new Constraints(INF, INF, 5, true, 1.0), 0.5, 0.3, 0.2, 0.0);
        assertThat(r.weights()).containsExactly(0.0, 0.0, 0.0, 0.0);
        assertThat(r.binding()).singleElement().satisfies(b -> {
            assertThat(b.constraint()).isEqualTo("min_positions");
            assertThat(b.detail()).isEqualTo("3 position(s) < min_positions 5: in cash for this rebalance");
            assertThat(b.weightMoved()).isCloseTo(1.0, within(1e-15));
        });
    }

    @Test
    void minPositionsCountsAfterTheLongOnlyClip() {
        ConstrainedWeights r = apply(flat(3), new Constraints(INF, INF, 3, true, 1.0), 0.5, -0.3, 0.2);
        assertThat(r.weights()).containsExactly(0.0, 0.0, 0.0);
        assertThat(r.binding()).extracting(BindingConstraint::constraint).containsExactly("long_only", "min_positions");
    }

    @Test
    void inErrorModeAnInfeasibleSetIsAClearErrorWithTheNumbers() {
        MarketData data = flat(20);
        double[] w = new double[20];
        java.util.Arrays.fill(w, 0.05);
        Constraints c = new Constraints(0.01, INF, 0, true, 1.0, Constraints.OnInfeasible.ERROR);
        assertThatThrownBy(() -> apply(data, c, w))
                .isInstanceOf(InfeasibleConstraintsException.class)
                .hasMessage("constraints infeasible on " + data.date(2) + ": max_position 0.01 × 20 eligible symbols"
                        + " = 0.2 < gross_leverage 1.0; raise max_position or max_sector, lower gross_leverage,"
                        + " or widen the universe (or set on_infeasible: cash to keep the excess in cash)");
    }

    @Test
    void inErrorModeSectorCapsThatCannotHoldTheGrossAreAnErrorNamingTheSectors() {
        MarketData data = flat(4, "Tech", "Tech", "Tech", "Energy");
        // capacity = min(0.3, 3 × 0.4) + min(0.3, 0.4) = 0.6 < 1.0
        Constraints c = new Constraints(0.4, 0.3, 0, true, 1.0).withOnInfeasible(Constraints.OnInfeasible.ERROR);
        assertThatThrownBy(() -> apply(data, c, 0.25, 0.25, 0.25, 0.25))
                .isInstanceOf(InfeasibleConstraintsException.class)
                .hasMessageContaining("max_position 0.4 and max_sector 0.3 over 4 eligible symbols"
                        + " (by sector: Tech 3, Energy 1) allow at most 0.6 < gross_leverage 1.0");
    }

    @Test
    void byDefaultPositionCapsThatCannotHoldTheGrossKeepTheRestInCash() {
        MarketData data = flat(20);
        double[] w = new double[20];
        java.util.Arrays.fill(w, 0.05);
        Constraints c = new Constraints(0.01, INF, 0, true, 1.0);
        assertThat(c.onInfeasible()).isEqualTo(Constraints.OnInfeasible.CASH);
        ConstrainedWeights r = apply(data, c, w);
        // every symbol at its cap 0.01: 20 × 0.01 = 0.2 invested, 1.0 − 0.2 = 0.8 in cash; Σ|Δw| = 20 × 0.04
        for (double x : r.weights()) {
            assertThat(x).isEqualTo(0.01);
        }
        assertThat(r.binding()).hasSize(1);
        BindingConstraint b = r.binding().get(0);
        assertThat(b.constraint()).isEqualTo("max_position");
        assertThat(b.detail())
                .startsWith("caps hold only 0.2 of gross_leverage 1.0: 0.8 kept in cash (max_position 0.01 × 20"
                        + " eligible symbols = 0.2); 20 symbol(s) capped at 0.01: A, B, C, D, E, …");
        assertThat(b.weightMoved()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void byDefaultSectorCapsThatCannotHoldTheGrossKeepTheRestInCashNamingTheSectors() {
        MarketData data = flat(4, "Tech", "Tech", "Tech", "Energy");
        ConstrainedWeights r = apply(data, new Constraints(0.4, 0.3, 0, true, 1.0), 0.25, 0.25, 0.25, 0.25);
        // round 1: Tech 0.75 → 0.3 (each 0.25 → 0.1, removes 0.45); Energy grows 0.25 → 0.7
        // round 2: Energy 0.7 → 0.4 by max_position (removes 0.3), then → 0.3 by max_sector (removes 0.1);
        // nothing unfrozen is left: 0.6 invested, 0.4 in cash. Σ|Δw| = 3 × 0.15 + 0.05 = 0.5, of which 0.4
        // is the cash (to max_sector, the limiting cap) and 0.1 is split 0.3 : 0.55 by weight removed.
        assertThat(r.weights()[0]).isCloseTo(0.1, within(1e-12));
        assertThat(r.weights()[1]).isCloseTo(0.1, within(1e-12));
        assertThat(r.weights()[2]).isCloseTo(0.1, within(1e-12));
        assertThat(r.weights()[3]).isCloseTo(0.3, within(1e-12));
        assertThat(r.binding()).extracting(BindingConstraint::constraint).containsExactly("max_position", "max_sector");
        assertThat(r.binding().get(0).weightMoved()).isCloseTo(0.1 * 0.3 / 0.85, within(1e-12));
        assertThat(r.binding().get(0).detail()).isEqualTo("1 symbol(s) capped at 0.4: D");
        assertThat(r.binding().get(1).weightMoved()).isCloseTo(0.1 * 0.55 / 0.85 + 0.4, within(1e-12));
        assertThat(r.binding().get(1).detail())
                .isEqualTo("caps hold only 0.6 of gross_leverage 1.0: 0.4 kept in cash (max_position 0.4 and"
                        + " max_sector 0.3 over 4 eligible symbols (by sector: Tech 3, Energy 1) allow at most 0.6);"
                        + " 2 sector(s) capped at 0.3: Tech 0.75→0.3, Energy 0.25→0.3");
    }

    @Test
    void rejectsWeightOnASymbolWithoutAView() {
        PortfolioManager manager = new PortfolioManager(
                TestPanels.firstStrategy(), TestPanels.alphaAsWeight(), Constraints.unconstrained(true, 1.0));
        assertThatThrownBy(() ->
                        manager.applyConstraints(flat(2), 2, new double[] {0.5, 0.5}, new double[] {0.1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weight of B")
                .hasMessageContaining("no view");
    }

    @Test
    void bindingConstraintNamesAreValidated() {
        assertThatThrownBy(() -> new BindingConstraint(flat(1).date(0), "max_weight", "", 0.1))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("constraint must be one of");
        assertThat(BindingConstraint.NAMES)
                .containsExactlyInAnyOrderElementsOf(
                        List.of("max_position", "max_sector", "min_positions", "long_only", "gross_leverage"));
    }
}
