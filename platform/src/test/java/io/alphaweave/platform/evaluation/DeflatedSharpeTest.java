package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The deflated Sharpe ratio against the worked example of Bailey &amp; López de Prado, "The Deflated Sharpe
 * Ratio: Correcting for Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio
 * Management 40(5), 2014, section "A numerical example": an annualised Sharpe ratio of 2.5 over T = 1250
 * daily returns (five years of 250 days), skewness −3, kurtosis 10, after N = 100 trials whose annualised
 * Sharpe ratios have a variance of 0.5. The paper gives SR₀ ≈ 0.1132 (daily) and DSR ≈ 0.9004.
 */
class DeflatedSharpeTest {
    static final double SR = 2.5 / Math.sqrt(250); // 0.158113883 per day
    static final double V = 0.5 / 250; // 0.002 per day²

    @Test
    void thePapersWorkedExampleGivesItsExpectedMaximumSharpeAndItsDeflatedSharpe() {
        DeflatedSharpe d = DeflatedSharpe.of(SR, 1250, -3, 10, 100, V);
        // by hand: Φ⁻¹(1 − 1/100) = 2.326347874, Φ⁻¹(1 − 1/(100e)) = 2.679583…;
        // SR₀ = √0.002 · (0.422784335 · 2.326347874 + 0.577215665 · 2.679583) = 0.044721360 · 2.530622 = 0.113172
        assertThat(d.expectedMaxSharpe()).isCloseTo(0.11317200186513214, within(1e-12));
        assertThat(d.expectedMaxSharpe() * Math.sqrt(250)).isCloseTo(1.7894, within(1e-4));
        // z = (0.158113883 − 0.113172) · √1249 / √(1 + 3 · 0.158113883 + 9/4 · 0.158113883²) = 1.283816; Φ(z) =
        // 0.900397
        assertThat(d.deflatedSharpe()).isCloseTo(0.9003968344493904, within(1e-12));
        assertThat(d.deflatedSharpe()).isCloseTo(0.9004, within(5e-5)); // the paper's figure
        assertThat(d.trials()).isEqualTo(100);
    }

    @Test
    void itFallsAsTheTrialCountGrows() {
        double previous = 1.0;
        for (int n : new int[] {1, 2, 10, 100, 1000, 10_000}) {
            double dsr = DeflatedSharpe.of(SR, 1250, -3, 10, n, V).deflatedSharpe();
            assertThat(dsr).as("DSR after %d trials", n).isLessThan(previous);
            previous = dsr;
        }
        assertThat(DeflatedSharpe.of(SR, 1250, -3, 10, 1000, V).deflatedSharpe())
                .isCloseTo(0.6399149553986131, within(1e-12));
    }

    @Test
    void withOneTrialItIsTheProbabilisticSharpeRatioAgainstZero() {
        DeflatedSharpe d = DeflatedSharpe.of(SR, 1250, -3, 10, 1, V);
        assertThat(d.expectedMaxSharpe()).isZero();
        assertThat(d.deflatedSharpe()).isEqualTo(d.probabilisticSharpe());
        assertThat(d.deflatedSharpe()).isCloseTo(0.9999968595078976, within(1e-12));
    }

    @Test
    void onAReturnSeriesItUsesTheSameMomentsAsTheProbabilisticSharpeRatio() {
        double[] r = {0.01, -0.02, 0.015, 0.0, -0.005, 0.03, -0.01, 0.002, -0.025, 0.012};
        LocalDate[] dates = new LocalDate[r.length];
        for (int i = 0; i < r.length; i++) {
            dates[i] = LocalDate.of(2024, 1, 1).plusDays(i);
        }
        ReturnSeries series = new ReturnSeries(dates, r);
        ProbabilisticSharpe psr = StrategyEvaluator.probabilisticSharpe(series, 0.0);
        DeflatedSharpe d = DeflatedSharpe.of(series, 1, Double.NaN);
        assertThat(d.probabilisticSharpe()).isEqualTo(psr.probability());
        assertThat(DeflatedSharpe.of(series, 50, 0.01).deflatedSharpe()).isLessThan(psr.probability());
    }

    @Test
    void aTrialCountBelowOneIsRefusedNamingIt() {
        assertThatThrownBy(() -> DeflatedSharpe.of(SR, 1250, -3, 10, 0, V)).hasMessage("trials must be ≥ 1, was 0");
    }
}
