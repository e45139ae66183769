package io.alphaweave.platform.backtest;

import static io.alphaweave.api.TradeSignal.BUY;
import static io.alphaweave.api.TradeSignal.HOLD;
import static io.alphaweave.api.TradeSignal.SELL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Worked, hand-checkable examples of the DESIGN §4 rules-mode semantics. */
class RulesBacktestTest {
    private static final double NaN = Double.NaN;
    private static final LocalDate D0 = LocalDate.of(2020, 1, 6);

    private static LocalDate day(int i) {
        return D0.plusDays(i);
    }

    /** A panel whose open and close are given; high/low bracket them. */
    private static MarketData panel(List<String> symbols, double[][] open, double[][] close) {
        int n = symbols.size(), days = close[0].length;
        LocalDate[] cal = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            cal[d] = day(d);
        }
        double[][] h = new double[n][days], l = new double[n][days], v = new double[n][days];
        for (int s = 0; s < n; s++) {
            for (int d = 0; d < days; d++) {
                h[s][d] = Math.max(open[s][d], close[s][d]);
                l[s][d] = Math.min(open[s][d], close[s][d]);
                v[s][d] = Double.isNaN(close[s][d]) ? NaN : 100;
            }
        }
        return new MarketData(cal, symbols, open, h, l, close, v, null);
    }

    private static final double[] OPEN = {10, 11, 12, 13, 14};
    private static final double[] CLOSE = {10.5, 11.5, 12.5, 13.5, 14.5};

    @Test
    void buysWithTheWholeSleeveAtTheNextOpenAndSellsEverythingAtTheOpenAfterTheSell() {
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{BUY, HOLD, SELL, HOLD, HOLD}}, RulesBacktest.Config.of(1000));
        double size = 1000.0 / 11; // filled at day 1's open
        assertThat(r.trades()).hasSize(1);
        var t = r.trades().get(0);
        assertThat(t.signalDate()).isEqualTo(day(0));
        assertThat(t.entryDate()).isEqualTo(day(1));
        assertThat(t.entryPrice()).isEqualTo(11.0);
        assertThat(t.size()).isCloseTo(size, within(1e-12));
        assertThat(t.exitSignalDate()).isEqualTo(day(2));
        assertThat(t.exitDate()).isEqualTo(day(3));
        assertThat(t.exitPrice()).isEqualTo(13.0);
        assertThat(t.pnl()).isCloseTo(size * 13 - 1000, within(1e-9));
        assertThat(r.openPositions()).isEmpty();
        assertThat(r.finalValue()).isCloseTo(1000.0 * 13 / 11, within(1e-9));
        assertThat(r.cash()).isEqualTo(r.finalValue());
        double[] expected = {1000.0, size * 11.5, size * 12.5, 1000.0 * 13 / 11, 1000.0 * 13 / 11};
        for (int d = 0; d < expected.length; d++) {
            assertThat(r.equityCurve().get(d).value()).isCloseTo(expected[d], within(1e-9));
        }
        assertThat(r.equityCurve().get(1).dailyReturn()).isCloseTo(size * 11.5 / 1000 - 1, within(1e-12));
        assertThat(r.equityCurve().get(0).dailyReturn()).isZero();
    }

    @Test
    void aSignalOnTheLastBarNeverFills() {
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{HOLD, HOLD, HOLD, HOLD, BUY}}, RulesBacktest.Config.of(1000));
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPositions()).isEmpty();
        assertThat(r.finalValue()).isEqualTo(1000.0);
    }

    @Test
    void anOpenPositionIsMarkedAtTheLastCloseAndAPendingSellOnTheLastBarStaysOpen() {
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{HOLD, BUY, HOLD, HOLD, SELL}}, RulesBacktest.Config.of(1000));
        double size = 1000.0 / 12;
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.entryDate()).isEqualTo(day(2));
            assertThat(p.size()).isCloseTo(size, within(1e-12));
            assertThat(p.lastClose()).isEqualTo(14.5);
            assertThat(p.unrealizedPnl()).isCloseTo(size * 14.5 - 1000, within(1e-9));
        });
        assertThat(r.finalValue()).isCloseTo(size * 14.5, within(1e-9));
        assertThat(r.cash()).isZero();
    }

    @Test
    void anOrderWaitsForTheSymbolsOwnNextBarAcrossAMissingDay() {
        double[] open = {10, NaN, 12, 13, 14}, close = {10.5, NaN, 12.5, 13.5, 14.5};
        MarketData data = panel(List.of("A"), new double[][] {open}, new double[][] {close});
        // a signal on a day without a bar is ignored: no bar, no decision
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{BUY, SELL, HOLD, SELL, HOLD}}, RulesBacktest.Config.of(1000));
        var t = r.trades().get(0);
        assertThat(t.entryDate()).isEqualTo(day(2));
        assertThat(t.entryPrice()).isEqualTo(12.0);
        assertThat(t.exitSignalDate()).isEqualTo(day(3));
        assertThat(t.exitDate()).isEqualTo(day(4));
        // on the missing day the sleeve is flat: its cash is carried
        assertThat(r.equityCurve().get(1).value()).isEqualTo(1000.0);
    }

    @Test
    void sleevesAreEqualAndASymbolThatStartsLateKeepsItsCashUntilItTrades() {
        double[] lateOpen = {NaN, NaN, 20, 22, 24}, lateClose = {NaN, NaN, 21, 23, 25};
        MarketData data = panel(List.of("A", "B"), new double[][] {OPEN, lateOpen}, new double[][] {CLOSE, lateClose});
        var r = RulesBacktest.run(
                data,
                new TradeSignal[][] {{HOLD, HOLD, HOLD, HOLD, HOLD}, {HOLD, HOLD, BUY, HOLD, HOLD}},
                RulesBacktest.Config.of(1000));
        double size = 500.0 / 22;
        assertThat(r.openPositions()).singleElement().satisfies(p -> {
            assertThat(p.symbol()).isEqualTo("B");
            assertThat(p.signalDate()).isEqualTo(day(2));
            assertThat(p.entryDate()).isEqualTo(day(3));
            assertThat(p.size()).isCloseTo(size, within(1e-12));
        });
        assertThat(r.equityCurve().get(0).value()).isEqualTo(1000.0);
        assertThat(r.equityCurve().get(3).value()).isCloseTo(500 + size * 23, within(1e-9));
        assertThat(r.finalValue()).isCloseTo(500 + size * 25, within(1e-9));
    }

    @Test
    void buyWhileLongAndSellWhileFlatDoNothing() {
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{SELL, BUY, BUY, BUY, HOLD}}, RulesBacktest.Config.of(1000));
        assertThat(r.trades()).isEmpty();
        assertThat(r.openPositions()).singleElement().satisfies(p -> assertThat(p.entryDate())
                .isEqualTo(day(2)));
    }

    @Test
    void commissionAndSlippageAreChargedOnlyWhenConfigured() {
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        var r = RulesBacktest.run(
                data, new TradeSignal[][] {{BUY, HOLD, SELL, HOLD, HOLD}}, new RulesBacktest.Config(1000, 10, 50));
        // buy at 11·1.005 = 11.055, size = 1000 / (11.055·1.001); sell at 13·0.995 = 12.935, less 10 bps
        double buy = 11.055, size = 1000 / (buy * 1.001), sell = 12.935;
        var t = r.trades().get(0);
        assertThat(t.entryPrice()).isCloseTo(buy, within(1e-12));
        assertThat(t.size()).isCloseTo(size, within(1e-12));
        assertThat(t.exitPrice()).isCloseTo(sell, within(1e-12));
        assertThat(t.pnl()).isCloseTo(size * sell * 0.999 - 1000, within(1e-9));
        assertThat(r.finalValue()).isCloseTo(size * sell * 0.999, within(1e-9));
    }

    @Test
    void rejectsANonPositiveCapitalAndBadSignalRows() {
        assertThatThrownBy(() -> RulesBacktest.Config.of(0))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("capital must be a finite number > 0, was 0.0");
        MarketData data = panel(List.of("A"), new double[][] {OPEN}, new double[][] {CLOSE});
        assertThatThrownBy(() -> RulesBacktest.run(data, new TradeSignal[][] {{BUY}}, RulesBacktest.Config.of(1)))
                .hasMessage("signals for A need one entry per day (5), had 1");
    }
}
