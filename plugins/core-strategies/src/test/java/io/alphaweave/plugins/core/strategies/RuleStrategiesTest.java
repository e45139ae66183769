package io.alphaweave.plugins.core.strategies;

import static io.alphaweave.api.TradeSignal.BUY;
import static io.alphaweave.api.TradeSignal.HOLD;
import static io.alphaweave.api.TradeSignal.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-checkable worked examples of the three reference rules of DESIGN §4. */
class RuleStrategiesTest {
    private static final double NaN = Double.NaN;

    private static TradeSignal[] signals(Strategy s, MarketData data) {
        return s.generateSignals(data, 0);
    }

    // ---------------------------------------------------------------- rsi_reversion

    @Test
    void rsiBuysOnlyStrictlyBelowTheOversoldLevel() {
        // window 2, moves +1, −1: avgGain = avgLoss = .5 → RSI exactly 50 at index 2
        MarketData data = Panels.closes(new double[] {10, 11, 10});
        Strategy atLevel = new RsiReversionStrategy().configure(Map.of("window", 2, "oversold", 50.0));
        Strategy above = new RsiReversionStrategy().configure(Map.of("window", 2, "oversold", 50.5));
        assertThat(signals(atLevel, data)).containsExactly(HOLD, HOLD, HOLD);
        assertThat(signals(above, data)).containsExactly(HOLD, HOLD, BUY);
    }

    @Test
    void rsiSellsOnlyStrictlyAboveTheOverboughtLevel() {
        // window 2, moves +3, −1: avgGain 1.5, avgLoss .5, RS 3 → RSI exactly 75
        MarketData data = Panels.closes(new double[] {10, 13, 12});
        Strategy atLevel = new RsiReversionStrategy().configure(Map.of("window", 2, "overbought", 75.0));
        Strategy below = new RsiReversionStrategy().configure(Map.of("window", 2, "overbought", 74.5));
        assertThat(signals(atLevel, data)).containsExactly(HOLD, HOLD, HOLD);
        assertThat(signals(below, data)).containsExactly(HOLD, HOLD, SELL);
    }

    @Test
    void aZeroLossRsiWindowIsHundredAndSellsWithFullNegativeAlpha() {
        double[] rising = new double[16];
        for (int i = 0; i < rising.length; i++) {
            rising[i] = 20 + i;
        }
        MarketData data = Panels.closes(rising);
        Strategy rsi = new RsiReversionStrategy();
        TradeSignal[] sig = signals(rsi, data);
        // RSI(14) has its first value at bar 15 (index 14)
        assertThat(sig[13]).isEqualTo(HOLD);
        assertThat(sig[14]).isEqualTo(SELL);
        StrategySignal s =
                rsi.generateAlphaSignal(new SignalContext(data, 14), "A").orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(-1.0); // (70 − 100)/30
        assertThat(s.confidence()).isEqualTo(1.0);
        assertThat(s.metadata()).containsEntry("rsi", 100.0).containsEntry("oversold", 30.0);
        assertThat(rsi.generateAlphaSignal(new SignalContext(data, 13), "A")).isEmpty();
    }

    @Test
    void rsiAlphaFollowsTheSeedMappingAndIsZeroBetweenTheLevels() {
        // window 2: moves −1, −3 → avgLoss 2, avgGain 0 → RSI 0 → alpha (30 − 0)/30 = 1
        MarketData down = Panels.closes(new double[] {10, 9, 6});
        var s = new RsiReversionStrategy()
                .configure(Map.of("window", 2))
                .generateAlphaSignal(new SignalContext(down, 2), "A")
                .orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(1.0);
        // RSI 50 → 0 alpha, 0 confidence
        MarketData flat = Panels.closes(new double[] {10, 11, 10});
        var f = new RsiReversionStrategy()
                .configure(Map.of("window", 2))
                .generateAlphaSignal(new SignalContext(flat, 2), "A")
                .orElseThrow();
        assertThat(f.alphaScore()).isZero();
        assertThat(f.confidence()).isZero();
        // RSI 75 with overbought 70 → (70 − 75)/30
        MarketData up = Panels.closes(new double[] {10, 13, 12});
        var u = new RsiReversionStrategy()
                .configure(Map.of("window", 2))
                .generateAlphaSignal(new SignalContext(up, 2), "A")
                .orElseThrow();
        assertThat(u.alphaScore()).isCloseTo(-5.0 / 30, within(1e-12));
    }

    @Test
    void rsiOfASymbolThatStartsLateCountsItsOwnBarsAndSkipsAMissingDay() {
        // no bars on days 0–2; a missing day at 5; window 2 over own bars 10, 11, (gap), 10 → RSI 50
        double[] c = {NaN, NaN, NaN, 10, 11, NaN, 10, 9};
        MarketData data = Panels.closes(c);
        Strategy rsi = new RsiReversionStrategy().configure(Map.of("window", 2, "oversold", 50.5));
        TradeSignal[] sig = signals(rsi, data);
        assertThat(sig).containsExactly(HOLD, HOLD, HOLD, HOLD, HOLD, HOLD, BUY, BUY);
        assertThat(rsi.generateAlphaSignal(new SignalContext(data, 5), "A")).isEmpty();
        assertThat(rsi.generateAlphaSignal(new SignalContext(data, 6), "A"))
                .hasValueSatisfying(s -> assertThat(s.metadata()).containsEntry("rsi", 50.0));
    }

    // ---------------------------------------------------------------- bollinger_reversion

    @Test
    void bollingerBuysOnlyStrictlyBelowTheLowerBandAndSellsAboveTheMiddle() {
        // window 2, k 1: window {10, 8} → middle 9, population σ 1, lower 8 = close: a touch, HOLD
        // window {8, 10} → close 10 > middle 9: SELL; window {10, 10}: close = middle, HOLD
        MarketData data = Panels.closes(new double[] {10, 8, 10, 10});
        Strategy touch = new BollingerReversionStrategy().configure(Map.of("window", 2, "k", 1.0));
        assertThat(signals(touch, data)).containsExactly(HOLD, HOLD, SELL, HOLD);
        Strategy narrower = new BollingerReversionStrategy().configure(Map.of("window", 2, "k", 0.5));
        assertThat(signals(narrower, data)).containsExactly(HOLD, BUY, SELL, HOLD);
        // alpha below the lower band: (middle − close)/(2kσ) = (9 − 8)/(2·.5·1) = 1
        var s = narrower.generateAlphaSignal(new SignalContext(data, 1), "A").orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(1.0);
        assertThat(s.metadata()).containsEntry("lower", 8.5).containsEntry("middle", 9.0);
        // above the middle: −(10 − 9)/(2·.5·1) = −1
        assertThat(narrower.generateAlphaSignal(new SignalContext(data, 2), "A")
                        .orElseThrow()
                        .alphaScore())
                .isEqualTo(-1.0);
    }

    @Test
    void bollingerUsesThePopulationSigma() {
        // window {3, 4, 5, 1.5}: mean 3.375, Σd² = 6.6875; population σ = √(6.6875/4) ≈ 1.2930, so with
        // k = 1.4 the lower band is ≈ 1.5648 > 1.5 → BUY; the sample σ √(6.6875/3) ≈ 1.4930 would give
        // a lower band ≈ 1.2847 < 1.5 → HOLD.
        MarketData data = Panels.closes(new double[] {3, 4, 5, 1.5});
        Strategy b = new BollingerReversionStrategy().configure(Map.of("window", 4, "k", 1.4));
        assertThat(signals(b, data)).containsExactly(HOLD, HOLD, HOLD, BUY);
        var s = b.generateAlphaSignal(new SignalContext(data, 3), "A").orElseThrow();
        assertThat((Double) s.metadata().get("lower")).isCloseTo(3.375 - 1.4 * Math.sqrt(6.6875 / 4), within(1e-12));
    }

    // ---------------------------------------------------------------- sma_cross

    @Test
    void smaCrossTreatsATouchAsNoCross() {
        // fast = SMA(1) = close, slow = SMA(2): diff = (c[i] − c[i−1])/2, so its sign is the move's sign
        // diffs from index 1: −, 0 (touch), −, +, 0, +, −
        MarketData data = Panels.closes(new double[] {10, 9, 9, 8, 9, 9, 10, 9});
        Strategy cross = new SmaCrossStrategy().configure(Map.of("fast", 1, "slow", 2));
        assertThat(signals(cross, data)).containsExactly(HOLD, HOLD, HOLD, HOLD, BUY, HOLD, HOLD, SELL);
    }

    @Test
    void smaCrossCountsATouchThenACrossAsACrossOnTheFarSide() {
        // diffs: −, 0, + → up-cross on the + bar (sign change against the last non-zero difference)
        MarketData data = Panels.closes(new double[] {10, 9, 9, 10});
        Strategy cross = new SmaCrossStrategy().configure(Map.of("fast", 1, "slow", 2));
        assertThat(signals(cross, data)).containsExactly(HOLD, HOLD, HOLD, BUY);
    }

    @Test
    void smaCrossDoesNotEnterWhenFastStartsAboveSlow() {
        // first diff +: only sets the reference; then −: SELL (ignored when flat), then +: BUY
        MarketData data = Panels.closes(new double[] {10, 11, 12, 11, 12});
        Strategy cross = new SmaCrossStrategy().configure(Map.of("fast", 1, "slow", 2));
        assertThat(signals(cross, data)).containsExactly(HOLD, HOLD, HOLD, SELL, BUY);
        var r = RulesBacktest.run(data, cross, RulesBacktest.Config.of(1000));
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPositions()).isEmpty(); // the BUY is on the last bar: it never fills
        assertThat(r.finalValue()).isEqualTo(1000.0);
    }

    @Test
    void smaCrossAlphaIsTheClampedSpread() {
        MarketData data = Panels.closes(new double[] {10, 10.2});
        var s = new SmaCrossStrategy()
                .configure(Map.of("fast", 1, "slow", 2, "band", 0.05))
                .generateAlphaSignal(new SignalContext(data, 1), "A")
                .orElseThrow();
        // fast 10.2, slow 10.1: spread .1/10.1 / .05
        assertThat(s.alphaScore()).isCloseTo(0.1 / 10.1 / 0.05, within(1e-12));
        assertThat(s.metadata()).containsEntry("sma_fast", 10.2).containsEntry("sma_slow", 10.1);
    }

    // ---------------------------------------------------------------- through the rules backtest

    @Test
    void aSignalOnTheLastBarNeverFillsAndAMissingDayDelaysTheFill() {
        // sma_cross(1, 2) on own bars 10, 9, 10 (up-cross at day 2), gap at day 3, next bar day 4
        double[] close = {10, 9, 10, NaN, 11, 10};
        double[] open = {10, 9, 10, NaN, 10.5, 10.4};
        MarketData data = Panels.closes(List.of("A"), new double[][] {open}, new double[][] {close});
        Strategy cross = new SmaCrossStrategy().configure(Map.of("fast", 1, "slow", 2));
        var r = RulesBacktest.run(data, cross, RulesBacktest.Config.of(1000));
        // BUY at day 2's close fills at day 4's open (day 3 has no bar); SELL at day 5 is the last bar
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.signalDate()).isEqualTo(Panels.day(2));
            assertThat(p.entryDate()).isEqualTo(Panels.day(4));
            assertThat(p.entryPrice()).isEqualTo(10.5);
            assertThat(p.size()).isCloseTo(1000 / 10.5, within(1e-12));
        });
        assertThat(r.finalValue()).isCloseTo(1000 / 10.5 * 10, within(1e-9));
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void rejectsBadParametersNamingTheRuleAndValue() {
        assertThatThrownBy(() -> new SmaCrossStrategy().configure(Map.of("fast", 30, "slow", 30)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("fast must be < slow (30), was 30");
        assertThatThrownBy(() -> new RsiReversionStrategy().configure(Map.of("oversold", 80.0)))
                .hasMessage("oversold must be < overbought (70.0), was 80.0");
        assertThatThrownBy(() -> new RsiReversionStrategy().configure(Map.of("window", 1)))
                .hasMessage("window must be ≥ 2, was 1");
        assertThatThrownBy(() -> new BollingerReversionStrategy().configure(Map.of("k", "two")))
                .hasMessage("k must be a finite number, was \"two\"");
        assertThatThrownBy(() -> new MacdRsiConfluenceStrategy().configure(Map.of("fast", 26)))
                .hasMessage("fast must be < slow (26), was 26");
    }
}
