package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StrategyEvaluatorTest {
    private static final double EXACT = 1e-12;
    private static final double[] WORKED = {0.01, -0.02, 0.015, 0.0, -0.005, 0.03, -0.01, 0.002, -0.025, 0.012};
    private static final double NAN = Double.NaN;

    private static ReturnSeries worked() {
        LocalDate[] dates = new LocalDate[10];
        LocalDate d = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 10; i++) {
            while (d.getDayOfWeek().getValue() > 5) {
                d = d.plusDays(1);
            }
            dates[i] = d;
            d = d.plusDays(1);
        }
        assertThat(dates[9]).isEqualTo(LocalDate.of(2024, 1, 12));
        return new ReturnSeries(dates, WORKED);
    }

    @Test
    void reproducesTheWorkedExampleOfMetricsMdToTheLastDecimal() {
        ReturnMetrics m = StrategyEvaluator.metrics(worked());
        assertThat(m.days()).isEqualTo(10);
        assertThat(m.totalReturn()).isCloseTo(0.0077709645646788506, within(EXACT));
        assertThat(m.cagr()).isCloseTo(0.21539768824730188, within(EXACT));
        assertThat(m.volatility()).isCloseTo(0.265362393718477, within(EXACT));
        assertThat(m.sharpeRatio()).isCloseTo(0.8546802612905735, within(EXACT));
        assertThat(m.downsideRisk()).isCloseTo(0.1702351315093333, within(EXACT));
        assertThat(m.sortinoRatio()).isCloseTo(1.3322749422469558, within(EXACT));
        assertThat(m.maxDrawdown()).isCloseTo(-0.0328195, within(EXACT));
        assertThat(m.calmarRatio()).isCloseTo(6.563100846975206, within(EXACT));
        assertThat(m.var95()).isCloseTo(-0.02275, within(EXACT));
        assertThat(m.cvar95()).isCloseTo(-0.025, within(EXACT));
        assertThat(m.dailyWinRate()).isCloseTo(0.5555555555555556, within(EXACT));
        assertThat(m.dailyProfitFactor()).isCloseTo(1.15, within(EXACT));
        assertThat(m.avgDailyWin()).isCloseTo(0.0138, within(EXACT));
        assertThat(m.avgDailyLoss()).isCloseTo(-0.015, within(EXACT));
    }

    @Test
    void countsALossOnTheFirstDayAsADrawdownFromTheStartingCapital() {
        ReturnMetrics m = StrategyEvaluator.metrics(ReturnSeries.of(LocalDate.of(2024, 1, 1), -0.1, 0.05, 0.2));
        assertThat(m.maxDrawdown()).isCloseTo(-0.1, within(EXACT));
    }

    @Test
    void leavesCalmarNullWhenThereIsNoDrawdown() {
        ReturnMetrics m = StrategyEvaluator.metrics(ReturnSeries.of(LocalDate.of(2024, 1, 1), 0.01, 0.0, 0.02));
        assertThat(m.maxDrawdown()).isZero();
        assertThat(m.calmarRatio()).isNull();
    }

    @Test
    void rejectsANanReturnNamingItsIndexAndDate() {
        assertThatThrownBy(() -> ReturnSeries.of(LocalDate.of(2024, 3, 1), 0.01, Double.NaN, 0.02))
                .isInstanceOf(InvalidReturnsException.class)
                .hasMessageContaining("index 1")
                .hasMessageContaining("2024-03-02");
    }

    @Test
    void computesTheProbabilisticSharpeRatioWithSkewAndKurtosis() {
        // expected values from the paper's formula evaluated independently with scipy (skew, kurtosis bias=True)
        ProbabilisticSharpe p = StrategyEvaluator.probabilisticSharpe(worked(), 0.0);
        assertThat(p.sharpeRatio()).isCloseTo(0.05383979575834671, within(EXACT));
        assertThat(p.skewness()).isCloseTo(0.039202273008031426, within(1e-10));
        assertThat(p.kurtosis()).isCloseTo(2.2685099751917797, within(1e-10));
        assertThat(p.probability()).isCloseTo(0.5641957489924229, within(1e-9));
        ProbabilisticSharpe half = StrategyEvaluator.probabilisticSharpe(worked(), 0.5);
        assertThat(half.probability()).isCloseTo(0.5267363082243535, within(1e-9));
    }

    @Test
    void bootstrapIntervalIsReproducibleWithASeedAndBracketsTheEstimate() {
        ReturnSeries r = randomSeries(750, 0.0005, 0.01, 7);
        SharpeInterval a = StrategyEvaluator.bootstrapSharpe(r, 2000, 0.95, 1, 11);
        SharpeInterval b = StrategyEvaluator.bootstrapSharpe(r, 2000, 0.95, 1, 11);
        SharpeInterval c = StrategyEvaluator.bootstrapSharpe(r, 2000, 0.95, 1, 12);
        assertThat(a).isEqualTo(b);
        assertThat(c.lower()).isNotEqualTo(a.lower());
        assertThat(a.lower()).isLessThan(a.estimate());
        assertThat(a.upper()).isGreaterThan(a.estimate());
        assertThat(a.estimate()).isCloseTo(StrategyEvaluator.metrics(r).sharpeRatio(), within(EXACT));
        // Lo (2002): SE of the annualised Sharpe ≈ √((1 + SR²/2)/n)·√252 for i.i.d. normal returns
        double srDaily = a.estimate() / Math.sqrt(252);
        double se = Math.sqrt((1 + srDaily * srDaily / 2) / 750) * Math.sqrt(252);
        assertThat(a.upper() - a.lower()).isCloseTo(2 * 1.96 * se, within(0.1 * 2 * 1.96 * se));
    }

    @Test
    void bootstrapIntervalCoversTheTrueSharpeAboutNinetyFivePercentOfTheTime() {
        double mu = 0.0004, sigma = 0.01, trueSharpe = mu / sigma * Math.sqrt(252);
        int covered = 0, trials = 200;
        for (int i = 0; i < trials; i++) {
            SharpeInterval ci =
                    StrategyEvaluator.bootstrapSharpe(randomSeries(500, mu, sigma, 100 + i), 400, 0.95, 1, i);
            if (ci.lower() <= trueSharpe && trueSharpe <= ci.upper()) {
                covered++;
            }
        }
        assertThat(covered).isBetween(178, 198);
    }

    @Test
    void blockBootstrapWidensTheIntervalOfAutocorrelatedReturns() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] r = new double[1000];
        double prev = 0;
        for (int i = 0; i < r.length; i++) {
            prev = 0.8 * prev + 0.01 * rnd.nextGaussian();
            r[i] = 0.0003 + prev;
        }
        ReturnSeries s = ReturnSeries.of(LocalDate.of(2020, 1, 1), r);
        SharpeInterval iid = StrategyEvaluator.bootstrapSharpe(s, 2000, 0.95, 1, 5);
        SharpeInterval block = StrategyEvaluator.bootstrapSharpe(s, 2000, 0.95, 20, 5);
        assertThat(block.upper() - block.lower()).isGreaterThan(1.5 * (iid.upper() - iid.lower()));
    }

    /** Five symbols A..E, four days; the expected ICs are worked out by hand with average ranks. */
    static MarketData icPanel() {
        double[][] close = {{10, 11, 12, 12}, {20, 19, 21, 22}, {30, 33, 30, 31}, {40, 40, 44, NAN}, {50, 45, 50, 55}};
        LocalDate[] cal = {
            LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 5)
        };
        return new MarketData(cal, List.of("A", "B", "C", "D", "E"), close, close, close, close, close, null);
    }

    static final double[][] IC_ALPHA = {
        {0.5, 1, 0.2, 0.1}, {0.5, 0, 0.2, 0.1}, {-0.2, 0, 0.2, 0.1}, {0.1, -1, 0.9, 0.1}, {NAN, 0.3, -0.4, 0.1}
    };

    @Test
    void computesTheDailySpearmanIcWithAverageRanksForTies() {
        // day 0, h=1: E has no alpha. alpha ranks C1 D2 A3.5 B3.5; fwd returns A.1 B-.05 C.1 D0 → B1 D2 A3.5 C3.5
        //   Σdxdy = 1 − 1.5 − 1.5 + 0.25 = −1.75; Σdx² = Σdy² = 4.5 → −1.75/4.5
        // day 1, h=1: ranks D1 B2.5 C2.5 E4 A5; fwd C1 A2 D3 B4 E5 → Σdxdy = 0.5, Σdx² 9.5, Σdy² 10 → 0.5/√95
        // day 2, h=1: D has no bar on day 3. ranks E1 A3 B3 C3; fwd A1 C2 B3 E4 → −3/√(3·5)
        // day 3: no forward bar
        double[] ic = StrategyEvaluator.dailyInformationCoefficient(icPanel(), IC_ALPHA, 1);
        assertThat(ic[0]).isCloseTo(-1.75 / 4.5, within(EXACT));
        assertThat(ic[1]).isCloseTo(0.5 / Math.sqrt(95), within(EXACT));
        assertThat(ic[2]).isCloseTo(-3 / Math.sqrt(15), within(EXACT));
        assertThat(ic[3]).isNaN();

        InformationCoefficient h1 = StrategyEvaluator.informationCoefficient(icPanel(), IC_ALPHA, 1);
        double mean = (-1.75 / 4.5 + 0.5 / Math.sqrt(95) - 3 / Math.sqrt(15)) / 3;
        assertThat(h1.days()).isEqualTo(3);
        assertThat(h1.mean()).isCloseTo(mean, within(EXACT));
        assertThat(h1.std()).isCloseTo(0.41324716518105004, within(EXACT));
        assertThat(h1.icir()).isCloseTo(-0.8971117321832068, within(EXACT));
        assertThat(h1.tStat()).isCloseTo(-1.5538431002074378, within(1e-10));
    }

    @Test
    void computesEachHorizonOnItsOwnSample() {
        // h=2: day 0 → 3/√22.5; day 1 (D has no bar on day 3) → 1/√22.5
        InformationCoefficient h2 = StrategyEvaluator.informationCoefficient(icPanel(), IC_ALPHA, 2);
        assertThat(h2.days()).isEqualTo(2);
        assertThat(h2.mean()).isCloseTo((3 + 1) / Math.sqrt(22.5) / 2, within(EXACT));
        assertThat(h2.tStat()).isCloseTo(2.0, within(1e-10));
        List<InformationCoefficient> decay = StrategyEvaluator.alphaDecay(icPanel(), IC_ALPHA);
        assertThat(decay).extracting(InformationCoefficient::horizon).containsExactly(1, 2, 5, 10, 20);
        assertThat(decay.get(0).mean()).isCloseTo(-0.3707288801753716, within(EXACT));
        assertThat(decay.get(2).days()).isZero();
        assertThat(decay.get(2).mean()).isNaN();
    }

    @Test
    void skipsADayWhoseAlphaIsConstantAcrossSymbols() {
        double[][] alpha = new double[5][4];
        for (double[] row : alpha) {
            java.util.Arrays.fill(row, 0.3);
        }
        assertThat(StrategyEvaluator.informationCoefficient(icPanel(), alpha, 1).days())
                .isZero();
    }

    @Test
    void perfectlyOrderedAlphaHasAnIcOfOne() {
        MarketData data = icPanel();
        double[][] alpha = new double[5][4];
        for (int s = 0; s < 5; s++) {
            for (int t = 0; t < 4; t++) {
                double[] c = data.close(s);
                alpha[s][t] = t + 1 < 4 && !Double.isNaN(c[t + 1]) ? Math.tanh(c[t + 1] / c[t] - 1) : NAN;
            }
        }
        InformationCoefficient ic = StrategyEvaluator.informationCoefficient(data, alpha, 1);
        assertThat(ic.mean()).isCloseTo(1.0, within(EXACT));
    }

    @Test
    void buildsTheAlphaHistogramAndConfidenceOverTime() {
        MarketData data = icPanel();
        AlphaMatrix m = new AlphaMatrix(5, 4);
        m.set(0, 0, -1.0, 0.2);
        m.set(1, 0, 1.0, 0.4);
        m.set(2, 0, 0.05, 0.6);
        m.set(3, 1, -0.05, 1.0);
        AlphaHistogram h = StrategyEvaluator.alphaHistogram(m, 4);
        assertThat(h.edges()).containsExactly(-1, -0.5, 0, 0.5, 1);
        assertThat(h.counts()).containsExactly(1, 1, 1, 1);
        assertThat(h.total()).isEqualTo(4);
        assertThat(h.mean()).isCloseTo(0.0, within(EXACT));
        ConfidenceSeries c = StrategyEvaluator.confidenceOverTime(data, m);
        assertThat(c.meanConfidence()[0]).isCloseTo(0.4, within(EXACT));
        assertThat(c.meanAbsAlpha()[0]).isCloseTo(2.05 / 3, within(EXACT));
        assertThat(c.symbolsWithView()).containsExactly(3, 1, 0, 0);
        assertThat(c.meanConfidence()[2]).isNaN();
    }

    static ReturnSeries randomSeries(int n, double mu, double sigma, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = mu + sigma * rnd.nextGaussian();
        }
        return ReturnSeries.of(LocalDate.of(2020, 1, 1), r);
    }
}
