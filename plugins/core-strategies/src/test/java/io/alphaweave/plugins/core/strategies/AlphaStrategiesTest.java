package io.alphaweave.plugins.core.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.indicators.IndicatorKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Worked examples of the three alpha strategies, their descriptions and the plugin's extension index. */
class AlphaStrategiesTest {
    private static final double NaN = Double.NaN;

    static List<Strategy> all() {
        return List.of(
                new BollingerMeanReversionStrategy(),
                new MacdRsiConfluenceStrategy(),
                new MomentumRankStrategy(),
                new RsiReversionStrategy(),
                new BollingerReversionStrategy(),
                new SmaCrossStrategy());
    }

    @Test
    void bollingerMeanReversionMapsTheBandPositionToAlpha() {
        // window 2, k 1: {10, 8} → middle 9, σ 1: close at the lower band → +1, %b 0
        // {8, 9} → middle 8.5, σ .5: close 9 at the upper band → −1; {9, 9}: σ 0 → 0
        MarketData data = Panels.closes(new double[] {10, 8, 9, 9});
        Strategy b = new BollingerMeanReversionStrategy().configure(Map.of("window", 2, "k", 1.0));
        var s1 = b.generateAlphaSignal(new SignalContext(data, 1), "A").orElseThrow();
        assertThat(s1.alphaScore()).isEqualTo(1.0);
        assertThat(s1.confidence()).isEqualTo(1.0);
        assertThat(s1.metadata()).containsEntry("percent_b", 0.0).containsEntry("k", 1.0);
        assertThat(b.generateAlphaSignal(new SignalContext(data, 2), "A")
                        .orElseThrow()
                        .alphaScore())
                .isEqualTo(-1.0);
        assertThat(b.generateAlphaSignal(new SignalContext(data, 3), "A")
                        .orElseThrow()
                        .alphaScore())
                .isZero();
        // k 2: the same first window puts the close half-way to the band → .5
        Strategy wide = new BollingerMeanReversionStrategy().configure(Map.of("window", 2, "k", 2.0));
        assertThat(wide.generateAlphaSignal(new SignalContext(data, 1), "A")
                        .orElseThrow()
                        .alphaScore())
                .isEqualTo(0.5);
        // legacy: BUY above the .5 threshold only (strict)
        assertThat(b.generateSignals(data, 0))
                .containsExactly(TradeSignal.HOLD, TradeSignal.BUY, TradeSignal.SELL, TradeSignal.HOLD);
        assertThat(wide.generateSignals(data, 0)[1]).isEqualTo(TradeSignal.HOLD);
    }

    @Test
    void macdRsiConfluenceCombinesAgreeingComponentsAndDampsDisagreement() {
        double[] close = new double[120];
        for (int i = 0; i < close.length; i++) {
            close[i] = 100 + 10 * Math.sin(i / 7.0) + 0.05 * i;
        }
        MarketData data = Panels.closes(close);
        var k = IndicatorKernels.INSTANCE;
        double[] hist = k.macd(close, 12, 26, 9).histogram(), rsi = k.rsi(close, 14);
        Strategy full = new MacdRsiConfluenceStrategy().configure(Map.of("damping", 1.0));
        Strategy damped = new MacdRsiConfluenceStrategy();
        int agree = 0, disagree = 0;
        for (int d = 40; d < close.length; d++) {
            double m = Math.tanh(100 * hist[d] / close[d] / 0.5), r = (50 - rsi[d]) / 50;
            var f = full.generateAlphaSignal(new SignalContext(data, d), "A").orElseThrow();
            var g = damped.generateAlphaSignal(new SignalContext(data, d), "A").orElseThrow();
            assertThat(f.alphaScore()).isCloseTo((m + r) / 2, within(1e-12));
            assertThat(f.confidence()).isCloseTo(1 - Math.abs(m - r) / 2, within(1e-12));
            if (m * r >= 0) {
                agree++;
                assertThat(g.alphaScore()).isEqualTo(f.alphaScore());
            } else {
                disagree++;
                assertThat(g.alphaScore()).isCloseTo(0.25 * f.alphaScore(), within(1e-12));
            }
            assertThat(g.metadata()).containsKeys("macd_histogram", "rsi", "m", "r", "damping");
        }
        assertThat(agree).isPositive();
        assertThat(disagree).isPositive();
        assertThat(damped.generateAlphaSignal(new SignalContext(data, 30), "A")).isEmpty(); // warm-up
    }

    @Test
    void momentumRankMapsTiedAndDistinctRanksOntoMinusOneToOne() {
        // lookback 1 on day 1: returns +10%, −5%, +10%, no bar → ranks 1.5, 0, 1.5 of m = 3
        MarketData data = Panels.closes(
                new double[] {10, 11}, new double[] {20, 19}, new double[] {30, 33}, new double[] {5, NaN});
        Strategy m = new MomentumRankStrategy().configure(Map.of("lookback", 1, "min_symbols", 2));
        AlphaMatrix out = new AlphaMatrix(4, 2);
        m.generateAlphaSignals(data, out);
        assertThat(out.alpha(0)[1]).isCloseTo(0.5, within(1e-12));
        assertThat(out.alpha(1)[1]).isEqualTo(-1.0);
        assertThat(out.alpha(2)[1]).isCloseTo(0.5, within(1e-12));
        assertThat(out.alpha(3)[1]).isNaN();
        assertThat(out.alpha(0)[0]).isNaN(); // no trailing return yet
        var s = m.generateAlphaSignal(new SignalContext(data, 1), "B").orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(-1.0);
        assertThat(s.confidence()).isEqualTo(1.0);
        assertThat(s.metadata()).containsEntry("rank", 0.0).containsEntry("universe_size", 3);
        // fewer ranked symbols than min_symbols: no view
        Strategy strict = new MomentumRankStrategy().configure(Map.of("lookback", 1, "min_symbols", 4));
        assertThat(strict.generateAlphaSignal(new SignalContext(data, 1), "A")).isEmpty();
    }

    @Test
    void momentumRankLooksBackOverTheSymbolsOwnBars() {
        // B misses day 1: its 2-bar return on day 3 is close[3] / close[0] − 1 (own bars 0, 2, 3)
        MarketData data = Panels.closes(
                new double[] {10, 10, 10, 10}, new double[] {10, NaN, 11, 12}, new double[] {10, 10, 10, 9});
        Strategy m = new MomentumRankStrategy().configure(Map.of("lookback", 2, "min_symbols", 2));
        var s = m.generateAlphaSignal(new SignalContext(data, 3), "B").orElseThrow();
        assertThat((Double) s.metadata().get("trailing_return")).isCloseTo(0.2, within(1e-12));
        assertThat(s.alphaScore()).isEqualTo(1.0);
    }

    @Test
    void rulesModeSignalsEqualEachStrategysOwnLegacyPath() {
        // momentum_rank keeps the SPI's default generateSignals: the backtest computes its alpha matrix
        // once and must threshold it exactly as that default does; the others override it
        MarketData sp = io.alphaweave.platform.backtest.SharedSp500.load();
        MarketData data = sp.select(sp.symbols().subList(0, 40));
        for (Strategy s : List.of(
                new MomentumRankStrategy().configure(Map.of("lookback", 20)),
                new MacdRsiConfluenceStrategy(),
                new BollingerMeanReversionStrategy(),
                new SmaCrossStrategy())) {
            TradeSignal[][] all = io.alphaweave.platform.backtest.RulesBacktest.signals(data, s);
            long trades = 0;
            for (int sym = 0; sym < data.symbolCount(); sym++) {
                TradeSignal[] own = s.generateSignals(data, sym);
                assertThat(all[sym])
                        .as("%s %s", s.id(), data.symbols().get(sym))
                        .containsExactly(own);
                trades += java.util.Arrays.stream(own)
                        .filter(t -> t != TradeSignal.HOLD)
                        .count();
            }
            assertThat(trades).as(s.id()).isPositive();
        }
    }

    @Test
    void everyStrategyDescribesItsIdeaParametersAndLimits() {
        for (Strategy s : all()) {
            var info = s.describe();
            assertThat(info.readme()).as(info.id()).contains("Parameters", "Works", "Fails");
            assertThat(info.parameters()).as(info.id()).isNotEmpty();
            assertThat(info.summary()).isNotBlank();
        }
        assertThat(all().stream().map(Strategy::id))
                .containsExactly(
                        "bollinger_mean_reversion",
                        "macd_rsi_confluence",
                        "momentum_rank",
                        "rsi_reversion",
                        "bollinger_reversion",
                        "sma_cross");
    }

    @Test
    void theExtensionIndexListsEveryStrategy() throws Exception {
        // the compiler's PF4J processor writes it into the classes that become the plugin JAR
        Path idx = Path.of("target/classes/META-INF/extensions.idx");
        assertThat(idx).exists();
        List<String> lines = Files.readAllLines(idx);
        for (Strategy s : all()) {
            assertThat(lines).contains(s.getClass().getName());
        }
    }
}
