package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two IC modes on a panel of four symbols and six days where B has no close on day 2, with
 * every daily Spearman correlation worked out by hand (ρ = 1 − 6Σd²/(n(n²−1)), no ties).
 */
class AlphalensIcTest {
    private static final double NAN = Double.NaN;
    private static final double EXACT = 1e-12;
    private static final List<Integer> H = List.of(1, 2);

    //                 day 0   1   2     3   4   5
    static final double[][] CLOSE = {
        {10, 11, 12, 12.5, 13, 12}, // A
        {20, 19, NAN, 21, 22, 23}, // B: no bar on day 2
        {30, 34, 29, 30, 28, 29}, // C
        {40, 37, 39, 41, 40, 42} // D
    };
    // alpha on days 0, 1, 3 (A only) and 4
    static final double[][] ALPHA = {
        {0.4, -0.2, NAN, 0.7, 0.2, NAN},
        {-0.3, 0.5, NAN, NAN, 0.1, NAN},
        {0.1, 0.3, NAN, NAN, -0.1, NAN},
        {-0.6, 0.0, NAN, NAN, 0.6, NAN}
    };

    static MarketData panel() {
        LocalDate[] cal = new LocalDate[6];
        for (int d = 0; d < 6; d++) {
            cal[d] = LocalDate.of(2024, 1, 1).plusDays(d);
        }
        return new MarketData(cal, List.of("A", "B", "C", "D"), CLOSE, CLOSE, CLOSE, CLOSE, CLOSE, null);
    }

    @Test
    void defaultModeSkipsTheSymbolWithoutAForwardCloseAndTakesEachHorizonOnItsOwn() {
        // h=1, day 0: alpha ranks D1 B2 C3 A4; fwd A .1, B −.05, C 34/30−1 = .133, D −.075 → D1 B2 A3 C4;
        //   d = 0, 0, −1 (C), 1 (A) → Σd² = 2, ρ = 1 − 12/60 = 0.8
        // h=1, day 1: B has no close on day 2 → left out; alpha A1 D2 C3; fwd A 12/11−1 = .091,
        //   C 29/34−1 = −.147, D 39/37−1 = .054 → C1 D2 A3; Σd² = 4 + 0 + 4 = 8, ρ = 1 − 48/24 = −1
        // h=1, day 3: A alone → no IC
        // h=1, day 4: alpha C1 B2 A3 D4; fwd A −.077, B .045, C .036, D .05 → A1 C2 B3 D4;
        //   Σd² = 1 + 1 + 4 + 0 = 6, ρ = 1 − 36/60 = 0.4
        // h=2, day 0: B has no close on day 2 → left out; alpha D1 C2 A3; fwd A .2, C −.033, D −.025
        //   → C1 D2 A3; Σd² = 1 + 1 + 0 = 2, ρ = 1 − 12/24 = 0.5
        // h=2, day 1: alpha A1 D2 C3 B4; fwd A .136, B .105, C −.118, D .108 → C1 B2 D3 A4;
        //   Σd² = 9 + 1 + 4 + 4 = 18, ρ = 1 − 108/60 = −0.8
        List<InformationCoefficient> ic = StrategyEvaluator.informationCoefficients(panel(), ALPHA, H, IcMode.DEFAULT);
        assertThat(ic.get(0).days()).isEqualTo(3);
        assertThat(ic.get(0).mean()).isCloseTo((0.8 - 1 + 0.4) / 3, within(EXACT));
        assertThat(ic.get(1).days()).isEqualTo(2);
        assertThat(ic.get(1).mean()).isCloseTo((0.5 - 0.8) / 2, within(EXACT));
        // std of (0.5, −0.8) = 1.3/√2; t = mean/(std/√2) = −0.15·2/1.3
        assertThat(ic.get(1).tStat()).isCloseTo(-0.3 / 1.3, within(EXACT));
        assertThat(StrategyEvaluator.dailyInformationCoefficient(panel(), ALPHA, 1))
                .containsExactly(new double[] {0.8, -1, NAN, NAN, 0.4, NAN}, within(EXACT));
    }

    @Test
    void alphalensModeForwardFillsTheGapAndUsesOneJointSample() {
        // B's close on day 2 is forward-filled from day 1: 19.
        // h=1, day 0: unchanged, 0.8
        // h=1, day 1: B now counts with 19/19 − 1 = 0; alpha A1 D2 C3 B4; fwd C −.147, B 0, D .054,
        //   A .091 → C1 B2 D3 A4; Σd² = 9 (A) + 1 (D) + 4 (C) + 4 (B) = 18, ρ = 1 − 108/60 = −0.8
        // h=1, day 3: A alone, both horizons defined → kept, but no IC (one symbol)
        // h=1, day 4: day 4 + 2 is past the panel, so the h=2 return is undefined and the joint
        //   sample drops the whole day, also for h=1 (the default mode had 0.4 here)
        // h=2, day 0: B counts with 19/20 − 1 = −.05; alpha D1 B2 C3 A4; fwd B −.05, C −.033,
        //   D −.025, A .2 → B1 C2 D3 A4; Σd² = 4 (D) + 1 (B) + 1 (C) + 0 = 6, ρ = 1 − 36/60 = 0.4
        // h=2, day 1: unchanged, −0.8
        List<InformationCoefficient> ic =
                StrategyEvaluator.informationCoefficients(panel(), ALPHA, H, IcMode.ALPHALENS);
        InformationCoefficient h1 = ic.get(0), h2 = ic.get(1);
        assertThat(h1.horizon()).isEqualTo(1);
        assertThat(h1.days()).isEqualTo(2);
        assertThat(h1.mean()).isCloseTo(0.0, within(EXACT));
        assertThat(h1.std()).isCloseTo(0.8 * Math.sqrt(2), within(EXACT));
        assertThat(h2.days()).isEqualTo(2);
        assertThat(h2.mean()).isCloseTo((0.4 - 0.8) / 2, within(EXACT));
        assertThat(h2.std()).isCloseTo(1.2 / Math.sqrt(2), within(EXACT));
        assertThat(h2.icir()).isCloseTo(-0.2 / (1.2 / Math.sqrt(2)), within(EXACT));
        // day 3 is in the sample without an IC: alphalens' ttest_1samp gives NaN, and so do we
        assertThat(h1.tStat()).isNaN();
        assertThat(h2.tStat()).isNaN();
    }

    @Test
    void alphalensModeHasAFiniteTStatWhenEveryDayOfTheSampleHasAnIc() {
        double[][] alpha = new double[4][];
        for (int s = 0; s < 4; s++) {
            alpha[s] = ALPHA[s].clone();
        }
        alpha[0][3] = NAN; // drop A's lone view on day 3
        List<InformationCoefficient> ic =
                StrategyEvaluator.informationCoefficients(panel(), alpha, H, IcMode.ALPHALENS);
        // h=2: days 0.4 and −0.8 → t = mean/(std/√2) = −0.2·√2/(1.2/√2) = −0.4/1.2
        assertThat(ic.get(1).tStat()).isCloseTo(-0.4 / 1.2, within(EXACT));
    }

    @Test
    void theJointSampleDependsOnTheLongestHorizonAsked() {
        // with h=1 alone, day 4 (h=1 defined) is back in the alphalens sample: (0.8 − 0.8 + 0.4)/3
        InformationCoefficient alone = StrategyEvaluator.informationCoefficients(
                        panel(), ALPHA, List.of(1), IcMode.ALPHALENS)
                .get(0);
        assertThat(alone.days()).isEqualTo(3);
        assertThat(alone.mean()).isCloseTo(0.4 / 3, within(EXACT));
        assertThat(StrategyEvaluator.alphaDecay(panel(), ALPHA, IcMode.ALPHALENS))
                .extracting(InformationCoefficient::days)
                .as("no day has a 20-day forward return in a 6-day panel")
                .containsExactly(0, 0, 0, 0, 0);
    }

    @Test
    void parsesTheModeNamesAndRejectsOthers() {
        assertThat(IcMode.parse("alphalens")).isEqualTo(IcMode.ALPHALENS);
        assertThat(IcMode.parse("Default")).isEqualTo(IcMode.DEFAULT);
        assertThat(IcMode.ALPHALENS.id()).isEqualTo("alphalens");
        assertThatThrownBy(() -> IcMode.parse("pandas"))
                .hasMessageStartingWith("ic_mode must be default")
                .hasMessageEndingWith("was \"pandas\"");
        assertThatThrownBy(() ->
                        StrategyEvaluator.informationCoefficients(panel(), ALPHA, List.of(1, 1), IcMode.ALPHALENS))
                .hasMessage("horizons must be distinct and at least one, were [1, 1]");
    }
}
