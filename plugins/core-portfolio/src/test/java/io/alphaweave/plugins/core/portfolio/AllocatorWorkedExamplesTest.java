package io.alphaweave.plugins.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small inputs whose answers are computed by hand in the comments. */
class AllocatorWorkedExamplesTest {
    private static final double NaN = Double.NaN;
    private static final double EPS = 1e-12;

    @Test
    void proportionalScalesAlphaToTheGrossLeverage() {
        // Σ|a| = 0.6 + 0.2 + 0.2 = 1.0 → w = a · 1.0 / 1.0; NaN → 0
        assertThat(new FakeContext(false, 1.0, 0.6, -0.2, NaN, 0.2).allocate(new ProportionalAllocator()))
                .containsExactly(new double[] {0.6, -0.2, 0.0, 0.2}, within(EPS));
        // gross 2 → twice that
        assertThat(new FakeContext(false, 2.0, 0.6, -0.2, NaN, 0.2).allocate(new ProportionalAllocator()))
                .containsExactly(new double[] {1.2, -0.4, 0.0, 0.4}, within(EPS));
        // long-only: positive part 0.6 + 0.2 = 0.8 → 0.6/0.8 = 0.75, 0.2/0.8 = 0.25
        assertThat(new FakeContext(true, 1.0, 0.6, -0.2, NaN, 0.2).allocate(new ProportionalAllocator()))
                .containsExactly(new double[] {0.75, 0.0, 0.0, 0.25}, within(EPS));
        // nothing positive while long-only → cash
        assertThat(new FakeContext(true, 1.0, -0.6, NaN).allocate(new ProportionalAllocator()))
                .containsExactly(0.0, 0.0);
    }

    @Test
    void kellySizesEachSymbolFromItsOwnRealisedOutcomes() {
        Map<Integer, double[]> outcomes = Map.of(
                // 3 wins (mean 0.02), 2 losses (mean 0.015): p = 0.6, b = 4/3, f = 0.6 − 0.4·3/4 = 0.3 → ½f = 0.15
                0, new double[] {0.02, 0.01, -0.01, 0.03, -0.02},
                // p = 0.5, b = 0.04/0.01 = 4, f = 0.5 − 0.5/4 = 0.375 → ½f = 0.1875, short (alpha < 0)
                1, new double[] {0.04, -0.01, 0.04, -0.01},
                // p = 0.8, b = 0.01/0.04 = 0.25, f = 0.8 − 0.2/0.25 = 0 → no edge
                2, new double[] {0.01, 0.01, 0.01, 0.01, -0.04},
                // 3 outcomes < min_history 4
                3, new double[] {0.05, 0.05, 0.05},
                // no losses: f = p = 1 → ½ = 0.5, capped at 0.2; zero outcomes do not count
                4, new double[] {0.01, 0.0, 0.01, 0.01, 0.01});
        KellyAllocator kelly = new KellyAllocator().configure(Map.of("fraction", 0.5, "cap", 0.2, "min_history", 4));
        double[] w = new FakeContext(false, 1.0, 0.3, -0.7, 0.5, 0.5, 0.1)
                .outcomes(outcomes)
                .allocate(kelly);
        assertThat(w).containsExactly(new double[] {0.15, -0.1875, 0.0, 0.0, 0.2}, within(EPS));
        // long-only drops the short
        double[] longOnly = new FakeContext(true, 1.0, 0.3, -0.7, 0.5, 0.5, 0.1)
                .outcomes(outcomes)
                .allocate(kelly);
        assertThat(longOnly).containsExactly(new double[] {0.15, 0.0, 0.0, 0.0, 0.2}, within(EPS));
        // Σ|w| = 0.5375 > gross 0.25 → × 0.25/0.5375
        double[] scaled = new FakeContext(false, 0.25, 0.3, -0.7, 0.5, 0.5, 0.1)
                .outcomes(outcomes)
                .allocate(kelly);
        double s = 0.25 / 0.5375;
        assertThat(scaled).containsExactly(new double[] {0.15 * s, -0.1875 * s, 0.0, 0.0, 0.2 * s}, within(EPS));
    }

    @Test
    void kellyFractionMatchesTheFormula() {
        assertThat(KellyAllocator.kellyFraction(new double[] {0.02, 0.01, -0.01, 0.03, -0.02}, 1))
                .isCloseTo(0.3, within(EPS));
        assertThat(KellyAllocator.kellyFraction(new double[] {-0.01, -0.02}, 1)).isNegative();
        assertThat(KellyAllocator.kellyFraction(new double[] {0.01}, 2)).isNaN();
    }

    @Test
    void kellyRejectsAZeroFractionOrCap() {
        assertThatThrownBy(() -> new KellyAllocator().configure(Map.of("fraction", 0.0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("fraction must be > 0, was 0.0");
        assertThatThrownBy(() -> new KellyAllocator().configure(Map.of("cap", 1.5)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("cap must be ≤ 1, was 1.5");
    }

    @Test
    void inverseVolatilityWeightsByOneOverSigma() {
        RiskParityAllocator ivol = new RiskParityAllocator().configure(Map.of("mode", "inverse_volatility"));
        // 1/σ = 100, 50, 25 (Σ 175) → 4/7, 2/7, 1/7 with the alpha's sign
        assertThat(new FakeContext(false, 1.0, 0.5, -0.5, 0.1)
                        .volatility(0.01, 0.02, 0.04)
                        .allocate(ivol))
                .containsExactly(new double[] {4.0 / 7, -2.0 / 7, 1.0 / 7}, within(EPS));
        // long-only: 100, 25 → 0.8, 0.2
        assertThat(new FakeContext(true, 1.0, 0.5, -0.5, 0.1)
                        .volatility(0.01, 0.02, 0.04)
                        .allocate(ivol))
                .containsExactly(new double[] {0.8, 0.0, 0.2}, within(EPS));
        // alpha budgets ∝ |a|: 0.5/0.01 = 50, 0.5/0.02 = 25, 0.1/0.04 = 2.5 (Σ 77.5)
        RiskParityAllocator budgets =
                new RiskParityAllocator().configure(Map.of("mode", "inverse_volatility", "alpha_budgets", true));
        assertThat(new FakeContext(false, 1.0, 0.5, -0.5, 0.1)
                        .volatility(0.01, 0.02, 0.04)
                        .allocate(budgets))
                .containsExactly(new double[] {50 / 77.5, -25 / 77.5, 2.5 / 77.5}, within(EPS));
        // no volatility (too little history) → no weight
        assertThat(new FakeContext(false, 1.0, 0.5, 0.5).volatility(NaN, 0.02).allocate(ivol))
                .containsExactly(new double[] {0.0, 1.0}, within(EPS));
    }

    private static double[][] unitVarianceWithCorrelation12(double rho, double variance) {
        return new double[][] {{variance, rho * variance, 0}, {rho * variance, variance, 0}, {0, 0, variance}};
    }

    @Test
    void equalRiskContributionSolvesTheThreeAssetCaseByHand() {
        // unit variances, ρ12 = 0.5: by symmetry w1 = w2 = a, w3 = b; RC1 = a·(a + 0.5a) = 1.5a², RC3 = b²
        // equal → b = √1.5·a; a + a + b = 1 → a = 1/(2 + √1.5)
        RiskParityAllocator erc =
                new RiskParityAllocator().configure(Map.of("shrinkage", "none", "window", 252, "tolerance", 1e-13));
        double a = 1 / (2 + Math.sqrt(1.5));
        double[] w = new FakeContext(true, 1.0, 0.2, 0.3, 0.4)
                .volatility(0.01, 0.01, 0.01)
                .covariance(unitVarianceWithCorrelation12(0.5, 1e-4))
                .allocate(erc);
        assertThat(w).containsExactly(new double[] {a, a, Math.sqrt(1.5) * a}, within(1e-10));
    }

    @Test
    void equalRiskContributionCountsAShortsRiskAsAShort() {
        // short asset 2: the signed correlation is −0.5 → RC1 = a·(a − 0.5a) = 0.5a², RC3 = b² → b = √0.5·a
        RiskParityAllocator erc =
                new RiskParityAllocator().configure(Map.of("shrinkage", "none", "window", 252, "tolerance", 1e-13));
        double a = 1 / (2 + Math.sqrt(0.5));
        double[] w = new FakeContext(false, 1.0, 0.2, -0.3, 0.4)
                .volatility(0.01, 0.01, 0.01)
                .covariance(unitVarianceWithCorrelation12(0.5, 1e-4))
                .allocate(erc);
        assertThat(w).containsExactly(new double[] {a, -a, Math.sqrt(0.5) * a}, within(1e-10));
    }

    @Test
    void equalRiskContributionOfTwoAssetsIsInverseVolatilityWhateverTheCorrelation() {
        // RC1 = w1(σ1²w1 + ρσ1σ2w2), RC2 = w2(σ2²w2 + ρσ1σ2w1) are equal iff w1σ1 = w2σ2 → σ 0.01, 0.03 → 0.75, 0.25
        double[][] cov = {{1e-4, 0.7 * 3e-4}, {0.7 * 3e-4, 9e-4}};
        RiskParityAllocator erc =
                new RiskParityAllocator().configure(Map.of("shrinkage", "none", "window", 252, "tolerance", 1e-13));
        assertThat(new FakeContext(true, 1.0, 0.1, 0.1)
                        .volatility(0.01, 0.03)
                        .covariance(cov)
                        .allocate(erc))
                .containsExactly(new double[] {0.75, 0.25}, within(1e-10));
    }

    @Test
    void fullShrinkageTurnsEqualRiskContributionIntoInverseVolatility() {
        // δ = 1 keeps only the variances: ERC on a diagonal matrix is inverse volatility (1, 1, 1 → ⅓ each)
        RiskParityAllocator shrunk = new RiskParityAllocator()
                .configure(Map.of("shrinkage", "constant", "shrinkage_intensity", 1.0, "tolerance", 1e-13));
        assertThat(new FakeContext(true, 1.0, 0.2, 0.3, 0.4)
                        .volatility(0.01, 0.01, 0.01)
                        .covariance(unitVarianceWithCorrelation12(0.9, 1e-4))
                        .allocate(shrunk))
                .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(1e-10));
    }

    @Test
    void oasIntensityOfATwoByTwoCorrelationIsTwoOverTRhoSquared() {
        // p = 2: tr(R²) = 2 + 2ρ²; numerator (1 − 1)·tr(R²) + 4 = 4; denominator (T + 1 − 1)(2ρ²) → δ = 2/(Tρ²)
        double[][] cov = {{4e-4, 0.5 * 2e-2 * 1e-2}, {0.5 * 2e-2 * 1e-2, 1e-4}};
        assertThat(Shrinkage.oasIntensity(cov, 100)).isCloseTo(2.0 / (100 * 0.25), within(1e-12));
        // too few returns for the correlation to mean anything → capped at 1
        assertThat(Shrinkage.oasIntensity(cov, 4)).isEqualTo(1.0);
    }

    @Test
    void ercSolverEqualisesRiskContributionsOnARandomMatrix() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int n = 60, t = 120;
        double[][] x = new double[n][t];
        for (double[] row : x) {
            for (int k = 0; k < t; k++) {
                row[k] = 0.01 * rnd.nextGaussian();
            }
        }
        double[][] cov = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < t; k++) {
                    s += x[i][k] * x[j][k];
                }
                cov[i][j] = s / t;
            }
        }
        double[] b = new double[n];
        java.util.Arrays.fill(b, 1.0 / n);
        ErcSolver.Solution sol = ErcSolver.solve(cov, b, null, 1e-12, 10_000);
        double[] w = sol.weights();
        double[] mw = ErcSolver.multiply(cov, w);
        double risk = 0;
        for (int i = 0; i < n; i++) {
            risk += w[i] * mw[i];
        }
        for (int i = 0; i < n; i++) {
            assertThat(w[i] * mw[i] / risk).isCloseTo(1.0 / n, within(1e-10));
        }
        assertThat(sol.error()).isLessThanOrEqualTo(1e-12);
    }

    @Test
    void riskParityRejectsAnUnknownModeOrShrinkage() {
        assertThatThrownBy(() -> new RiskParityAllocator().configure(Map.of("mode", "erc")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("mode must be inverse_volatility or equal_risk_contribution, was \"erc\"");
        assertThatThrownBy(() -> new RiskParityAllocator().configure(Map.of("shrinkage", "ledoit")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("shrinkage must be one of [oas, constant, none], was \"ledoit\"");
    }
}
