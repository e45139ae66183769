package io.alphaweave.platform.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.InvalidParameterException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;

/** Worked examples with hand-computed values, NaN handling, causality and validation. */
class IndicatorKernelsTest {
    private static final double NaN = Double.NaN;
    private final IndicatorKernels k = IndicatorKernels.INSTANCE;

    @Test
    void smaAveragesTheLastWindowValuesFromIndexWindowMinusOne() {
        assertThat(k.sma(new double[] {1, 2, 3, 4, 5}, 3)).containsExactly(NaN, NaN, 2, 3, 4);
    }

    @Test
    void emaIsSeededWithTheSmaOfTheFirstWindowValues() {
        // α = 2/(3+1) = 0.5; seed (2+4+6)/3 = 4; then 4 + .5·(8−4) = 6; 6 + .5·(3−6) = 4.5
        assertThat(k.ema(new double[] {2, 4, 6, 8, 3}, 3)).containsExactly(NaN, NaN, 4, 6, 4.5);
    }

    @Test
    void rsiUsesWilderSmoothingSeededWithTheMeanOfTheFirstMoves() {
        // moves +1, −.5, +1, −.5, +1; window 3
        // i=3: avgG = 2/3, avgL = 1/6, RS = 4 → 80
        // i=4: avgG = (2/3·2 + 0)/3 = 4/9, avgL = (1/6·2 + .5)/3 = 5/18, RS = 1.6 → 100 − 100/2.6
        // i=5: avgG = (4/9·2 + 1)/3 = 17/27, avgL = (5/18·2)/3 = 5/27, RS = 3.4 → 100 − 100/4.4
        double[] rsi = k.rsi(new double[] {10, 11, 10.5, 11.5, 11, 12}, 3);
        assertThat(Arrays.copyOf(rsi, 3)).containsOnly(NaN);
        assertThat(rsi[3]).isCloseTo(80.0, within(1e-12));
        assertThat(rsi[4]).isCloseTo(100 - 100 / 2.6, within(1e-12));
        assertThat(rsi[5]).isCloseTo(100 - 100 / 4.4, within(1e-12));
    }

    @Test
    void rsiOfFourteenHasItsFirstValueAtBarFifteen() {
        double[] x = new double[30];
        for (int i = 0; i < x.length; i++) {
            x[i] = 100 + (i % 3 == 0 ? 1 : -1) * i * 0.1;
        }
        double[] rsi = k.rsi(x, 14);
        assertThat(rsi[13]).isNaN();
        assertThat(rsi[14]).isNotNaN();
    }

    @Test
    void rsiIsHundredWithoutLossesFiftyWithoutMovesAndZeroWithoutGains() {
        assertThat(k.rsi(new double[] {1, 2, 3, 4}, 3)[3]).isEqualTo(100.0);
        assertThat(k.rsi(new double[] {5, 5, 5, 5}, 3)[3]).isEqualTo(50.0);
        assertThat(k.rsi(new double[] {4, 3, 2, 1}, 3)[3]).isEqualTo(0.0);
        // a zero-loss window after losses decays towards but stays below 100
        double[] r = k.rsi(new double[] {4, 3, 4, 5, 6, 7}, 3);
        assertThat(r[3]).isCloseTo(100 - 100 / (1 + (2.0 / 3) / (1.0 / 3)), within(1e-12));
        assertThat(r[5]).isLessThan(100.0).isGreaterThan(r[3]);
    }

    @Test
    void bollingerUsesThePopulationStandardDeviation() {
        // mean 2.5; population variance (2.25+.25+.25+2.25)/4 = 1.25 (the sample one would be 5/3)
        Indicators.Bands b = k.bollinger(new double[] {1, 2, 3, 4}, 4, 2.0);
        assertThat(b.middle()[3]).isEqualTo(2.5);
        assertThat(b.upper()[3]).isCloseTo(2.5 + 2 * Math.sqrt(1.25), within(1e-12));
        assertThat(b.lower()[3]).isCloseTo(2.5 - 2 * Math.sqrt(1.25), within(1e-12));
        assertThat(b.upper()[2]).isNaN();
    }

    @Test
    void rollingStdHonoursDdof() {
        double[] x = {2, 4, 4, 4, 5, 5, 7, 9}; // mean 5, Σd² = 32
        assertThat(k.rollingStd(x, 8, 0)[7]).isCloseTo(2.0, within(1e-12));
        assertThat(k.rollingStd(x, 8, 1)[7]).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    }

    @Test
    void zScoreIsZeroOnAConstantWindow() {
        double[] z = k.zScore(new double[] {0.1, 0.1, 0.1, 0.1, 0.7}, 3);
        assertThat(z[2]).isZero();
        assertThat(z[3]).isZero();
        // window {.1,.1,.7}: mean .3, σ = sqrt((.04+.04+.16)/3)
        assertThat(z[4]).isCloseTo(0.4 / Math.sqrt(0.08), within(1e-12));
    }

    @Test
    void macdLineSignalAndHistogramFollowFromTheirEmas() {
        double[] x = {1, 3, 2, 5, 4, 6, 8};
        Indicators.Macd m = k.macd(x, 2, 3, 2);
        double[] fast = k.ema(x, 2), slow = k.ema(x, 3);
        // line from index 2 (slow − 1); signal seeded with the mean of the first 2 line values
        assertThat(m.line()[1]).isNaN();
        assertThat(m.line()[2]).isEqualTo(fast[2] - slow[2]);
        assertThat(m.signal()[2]).isNaN();
        assertThat(m.signal()[3]).isCloseTo((m.line()[2] + m.line()[3]) / 2, within(1e-15));
        assertThat(m.histogram()[6]).isEqualTo(m.line()[6] - m.signal()[6]);
    }

    @Test
    void atrSeedsWithTheMeanTrueRangeFromTheSecondBar() {
        double[] h = {10, 11, 12, 11}, l = {9, 10, 10, 9}, c = {9.5, 10.5, 11.5, 9.5};
        // TR1 = max(1, |11−9.5|, |10−9.5|) = 1.5; TR2 = max(2, 1.5, .5) = 2; TR3 = max(2, .5, 2.5) = 2.5
        double[] atr = k.atr(h, l, c, 2);
        assertThat(atr[1]).isNaN();
        assertThat(atr[2]).isEqualTo(1.75);
        assertThat(atr[3]).isEqualTo((1.75 + 2.5) / 2);
    }

    @Test
    void rocIsPercentChangeOverTheWindow() {
        double[] roc = k.roc(new double[] {100, 110, 121}, 1);
        assertThat(roc[0]).isNaN();
        assertThat(roc[1]).isCloseTo(10.0, within(1e-12));
        assertThat(k.roc(new double[] {100, 110, 121}, 2)[2]).isCloseTo(21.0, within(1e-12));
    }

    @Test
    void aNanInsideTheWindowYieldsNanAndWindowsRecoverAfterIt() {
        double[] x = {1, 2, NaN, 4, 5, 6};
        assertThat(k.sma(x, 2)).containsExactly(NaN, 1.5, NaN, NaN, 4.5, 5.5);
        assertThat(k.roc(x, 1)).containsExactly(NaN, 100.0, NaN, NaN, 25.0, 20.0);
        // recursive kernels restart their warm-up after the gap
        assertThat(k.ema(x, 2)).containsExactly(NaN, 1.5, NaN, NaN, 4.5, 4.5 + 2.0 / 3 * 1.5);
    }

    /** Prices with gaps, as a long-lived bulk buffer sees them one symbol after another. */
    private static double[] gappedSeries(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n];
        double p = 40;
        for (int i = 0; i < n; i++) {
            p *= 1 + 0.02 * rnd.nextGaussian();
            x[i] = rnd.nextInt(70) == 0 ? NaN : p;
        }
        return x;
    }

    @Test
    void intoVariantsWriteTheSameBitsIntoReusedBuffersAndLeaveTheTailAlone() {
        double[][] buffers = new double[7][600];
        for (double[] b : buffers) {
            Arrays.fill(b, 42.0);
        }
        // the same buffers serve a long series, then a shorter one: nothing stale may leak into it
        double[][] afterLong = null;
        for (double[] x : new double[][] {gappedSeries(3, 600), gappedSeries(5, 450)}) {
            int n = x.length;
            k.rsiInto(x, 14, buffers[0]);
            k.bollingerInto(x, 20, 2.0, buffers[1], buffers[2], buffers[3]);
            k.macdInto(x, 12, 26, 9, buffers[4], buffers[5], buffers[6]);
            Indicators.Bands bands = k.bollinger(x, 20, 2.0);
            Indicators.Macd macd = k.macd(x, 12, 26, 9);
            double[][] expected = {
                k.rsi(x, 14), bands.middle(), bands.upper(), bands.lower(), macd.line(), macd.signal(), macd.histogram()
            };
            for (int j = 0; j < expected.length; j++) {
                assertThat(Arrays.copyOf(buffers[j], n)).as("output %d", j).containsExactly(expected[j]);
                if (afterLong != null) {
                    // beyond the shorter input the buffer still holds the long series' values
                    assertThat(Arrays.copyOfRange(buffers[j], n, 600))
                            .as("tail of output %d", j)
                            .containsExactly(Arrays.copyOfRange(afterLong[j], n, 600));
                }
            }
            afterLong = expected;
        }
    }

    @Test
    void intoVariantsRejectABufferShorterThanTheInputNamingIt() {
        double[] x = gappedSeries(9, 100), small = new double[99], ok = new double[100];
        assertThatThrownBy(() -> k.rsiInto(x, 14, small))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("out must hold at least 100 values (the input's length), had 99");
        assertThatThrownBy(() -> k.bollingerInto(x, 20, 2, ok, small, ok))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("upper must hold at least 100 values");
        assertThatThrownBy(() -> k.macdInto(x, 12, 26, 9, ok, ok, small))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("histogram must hold at least 100 values");
    }

    @Test
    void theInterfaceDefaultsGiveAnyOtherImplementationTheSameIntoVariants() {
        // an implementation that only provides the allocating kernels
        Indicators plain = new Indicators() {
            public double[] sma(double[] x, int w) {
                return k.sma(x, w);
            }

            public double[] ema(double[] x, int w) {
                return k.ema(x, w);
            }

            public double[] rsi(double[] x, int w) {
                return k.rsi(x, w);
            }

            public Bands bollinger(double[] x, int w, double kk) {
                return k.bollinger(x, w, kk);
            }

            public Macd macd(double[] x, int f, int sl, int sg) {
                return k.macd(x, f, sl, sg);
            }

            public double[] atr(double[] h, double[] l, double[] c, int w) {
                return k.atr(h, l, c, w);
            }

            public double[] roc(double[] x, int w) {
                return k.roc(x, w);
            }

            public double[] rollingStd(double[] x, int w, int ddof) {
                return k.rollingStd(x, w, ddof);
            }

            public double[] zScore(double[] x, int w) {
                return k.zScore(x, w);
            }

            public double[] byName(String name, Map<String, ?> params, BarSeries bars) {
                return k.byName(name, params, bars);
            }
        };
        double[] x = gappedSeries(11, 300);
        double[] a = new double[310], b = new double[310], c = new double[310];
        plain.rsiInto(x, 14, a);
        assertThat(Arrays.copyOf(a, 300)).containsExactly(k.rsi(x, 14));
        plain.bollingerInto(x, 20, 2, a, b, c);
        assertThat(Arrays.copyOf(c, 300)).containsExactly(k.bollinger(x, 20, 2).lower());
        plain.macdInto(x, 12, 26, 9, a, b, c);
        assertThat(Arrays.copyOf(b, 300)).containsExactly(k.macd(x, 12, 26, 9).signal());
        assertThatThrownBy(() -> plain.rsiInto(x, 14, new double[10]))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageStartingWith("out must hold at least 300 values");
    }

    @Test
    void everyKernelIsCausal() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[400], h = new double[400], l = new double[400];
        double p = 50;
        for (int i = 0; i < x.length; i++) {
            p *= 1 + 0.02 * rnd.nextGaussian();
            x[i] = rnd.nextInt(60) == 0 ? NaN : p;
            h[i] = p * 1.01;
            l[i] = p * 0.99;
        }
        for (int cut : new int[] {1, 17, 40, 199, 333}) {
            double[] px = Arrays.copyOf(x, cut), ph = Arrays.copyOf(h, cut), pl = Arrays.copyOf(l, cut);
            assertThat(k.sma(px, 20)).containsExactly(Arrays.copyOf(k.sma(x, 20), cut));
            assertThat(k.ema(px, 12)).containsExactly(Arrays.copyOf(k.ema(x, 12), cut));
            assertThat(k.rsi(px, 14)).containsExactly(Arrays.copyOf(k.rsi(x, 14), cut));
            assertThat(k.bollinger(px, 20, 2).upper())
                    .containsExactly(Arrays.copyOf(k.bollinger(x, 20, 2).upper(), cut));
            assertThat(k.macd(px, 12, 26, 9).histogram())
                    .containsExactly(Arrays.copyOf(k.macd(x, 12, 26, 9).histogram(), cut));
            assertThat(k.atr(ph, pl, px, 14)).containsExactly(Arrays.copyOf(k.atr(h, l, x, 14), cut));
            assertThat(k.zScore(px, 20)).containsExactly(Arrays.copyOf(k.zScore(x, 20), cut));
        }
    }

    @Test
    void runningSumsDoNotDriftOnLongSeries() {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 300_000, w = 50;
        double[] x = new double[n];
        double p = 1000;
        for (int i = 0; i < n; i++) {
            p *= 1 + 0.01 * rnd.nextGaussian();
            x[i] = p + 1e6 * (i % 2); // large alternating offsets stress cancellation
        }
        double[] sma = k.sma(x, w), sd = k.rollingStd(x, w, 0);
        for (int i = n - 1000; i < n; i++) {
            double mean = 0;
            for (int j = i - w + 1; j <= i; j++) {
                mean += x[j];
            }
            mean /= w;
            double m2 = 0;
            for (int j = i - w + 1; j <= i; j++) {
                m2 += (x[j] - mean) * (x[j] - mean);
            }
            assertThat(sma[i]).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
            assertThat(sd[i]).isCloseTo(Math.sqrt(m2 / w), within(1e-9 * Math.sqrt(m2 / w)));
        }
    }

    @Test
    void smaIsTheCorrectlyRoundedWindowSumDividedByTheWindow() {
        // prices in cents, as in real files: the exact decimal sum rounded once, then divided
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 3000, w = 30;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = (1000 + rnd.nextInt(200_000)) / 100.0;
        }
        double[] sma = k.sma(x, w);
        for (int i = w - 1; i < n; i++) {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int j = i - w + 1; j <= i; j++) {
                sum = sum.add(new java.math.BigDecimal(x[j]));
            }
            assertThat(sma[i]).as("index %d", i).isEqualTo(sum.doubleValue() / w);
        }
        // a mathematical tie stays a tie: SMA(2) of {11.33, 11.35} equals SMA(1) of 11.34
        assertThat(k.sma(new double[] {11.33, 11.35}, 2)[1]).isEqualTo(11.34);
    }

    @Test
    void rejectsBadWindowsNamingTheParameterAndValue() {
        assertThatThrownBy(() -> k.sma(new double[3], 0)).hasMessage("window must be ≥ 1, was 0");
        assertThatThrownBy(() -> k.bollinger(new double[3], 1, 2)).hasMessage("window must be ≥ 2, was 1");
        assertThatThrownBy(() -> k.bollinger(new double[3], 5, -1)).hasMessageContaining("k must be");
        assertThatThrownBy(() -> k.macd(new double[3], 12, 12, 9)).hasMessage("slow must be > fast (12), was 12");
        assertThatThrownBy(() -> k.rollingStd(new double[3], 2, 2))
                .hasMessage("ddof must be in [0, window − 1] = [0, 1], was 2");
    }

    @Test
    void byNameComputesNativeKernelsWithDefaultsAndParameters() {
        BarSeries bars = bars(60);
        assertThat(k.byName("sma", Map.of("window", 5), bars)).containsExactly(k.sma(bars.close(), 5));
        assertThat(k.byName("rsi", null, bars)).containsExactly(k.rsi(bars.close(), 14));
        assertThat(k.byName("bollinger_lower", Map.of("k", 1.5, "source", "high"), bars))
                .containsExactly(k.bollinger(bars.high(), 20, 1.5).lower());
        assertThat(k.byName("macd_histogram", Map.of(), bars))
                .containsExactly(k.macd(bars.close(), 12, 26, 9).histogram());
    }

    @Test
    void byNameReachesTa4jIndicatorsByClassName() {
        BarSeries bars = bars(80);
        double[] cci = k.byName("CCIIndicator", Map.of("window", 20), bars);
        var expected = new CCIIndicator(Ta4jBridge.toSeries(bars), 20);
        for (int i = 0; i < 80; i++) {
            if (i < expected.getCountOfUnstableBars()) {
                assertThat(cci[i]).isNaN();
            } else {
                assertThat(cci[i]).isEqualTo(expected.getValue(i).doubleValue());
            }
        }
        double[] rsiOpen = k.byName("RSIIndicator", Map.of("args", List.of(10), "source", "open"), bars);
        var rsi = new org.ta4j.core.indicators.RSIIndicator(
                new org.ta4j.core.indicators.helpers.OpenPriceIndicator(Ta4jBridge.toSeries(bars)), 10);
        assertThat(rsiOpen[79]).isEqualTo(rsi.getValue(79).doubleValue());
        double[] close = k.byName("ClosePriceIndicator", Map.of(), bars);
        assertThat(close).containsExactly(bars.close());
        assertThat(new ClosePriceIndicator(Ta4jBridge.toSeries(bars)).getCountOfUnstableBars())
                .isZero();
    }

    @Test
    void byNameRejectsUnknownNamesParametersAndShapes() {
        BarSeries bars = bars(30);
        assertThatThrownBy(() -> k.byName("NoSuchIndicator", Map.of(), bars))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("unknown indicator \"NoSuchIndicator\"");
        assertThatThrownBy(() -> k.byName("java.lang.Runtime", Map.of(), bars))
                .hasMessageContaining("unknown indicator");
        assertThatThrownBy(() -> k.byName("sma", Map.of("windw", 3), bars))
                .hasMessageContaining("unknown parameter(s) [windw]");
        assertThatThrownBy(() -> k.byName("sma", Map.of("window", 0), bars))
                .hasMessage("indicator sma: window must be ≥ 1, was 0");
        assertThatThrownBy(() -> k.byName("CCIIndicator", Map.of("args", List.of(1, 2, 3)), bars))
                .hasMessageContaining("no constructor");
    }

    private static BarSeries bars(int n) {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] days = new int[n];
        double[] o = new double[n], h = new double[n], l = new double[n], c = new double[n], v = new double[n];
        double p = 30;
        for (int i = 0; i < n; i++) {
            days[i] = i * 2;
            o[i] = p;
            p *= 1 + 0.02 * rnd.nextGaussian();
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) * 1.01;
            l[i] = Math.min(o[i], c[i]) * 0.99;
            v[i] = 1000 + i;
        }
        return new BarSeries(days, o, h, l, c, v);
    }
}
