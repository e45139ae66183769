package io.alphaweave.plugins.core.strategies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.Strategy;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.backtest.SharedSp500;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules-mode backtests of the three reference strategies over all 505 symbols of the shared S&amp;P
 * 500 file: they run, are reproducible, and keep the accounting and timing invariants of DESIGN §4.
 */
class Sp500RulesBacktestTest {

    static Stream<Strategy> references() {
        return Stream.of(new RsiReversionStrategy(), new BollingerReversionStrategy(), new SmaCrossStrategy());
    }

    @ParameterizedTest
    @MethodSource("references")
    void runsOverAllSymbolsReproduciblyAndKeepsItsInvariants(Strategy strategy) {
        MarketData data = SharedSp500.load();
        assertThat(data.symbolCount()).isEqualTo(505);
        var config = RulesBacktest.Config.of(1_000_000);
        RulesBacktest.Result first = RulesBacktest.run(data, strategy, config);
        RulesBacktest.Result second = RulesBacktest.run(data, strategy, config);
        assertThat(second).isEqualTo(first);

        assertThat(first.trades()).hasSizeGreaterThan(505);
        assertThat(first.cash()).isGreaterThanOrEqualTo(0);
        double positions = first.openPositions().stream()
                .mapToDouble(RulesBacktest.OpenPosition::marketValue)
                .sum();
        assertThat(first.finalValue()).isCloseTo(first.cash() + positions, within(1e-6));
        var curve = first.equityCurve();
        assertThat(curve).hasSize(data.dayCount());
        assertThat(curve.get(curve.size() - 1).value()).isEqualTo(first.finalValue());
        double realized =
                first.trades().stream().mapToDouble(RulesBacktest.Trade::pnl).sum();
        double unrealized = first.openPositions().stream()
                .mapToDouble(RulesBacktest.OpenPosition::unrealizedPnl)
                .sum();
        assertThat(first.finalValue()).isCloseTo(1_000_000 + realized + unrealized, within(1e-5));

        Map<String, TradeSignal[]> signals = new HashMap<>();
        for (var t : first.trades()) {
            int s = data.indexOf(t.symbol());
            TradeSignal[] sig = signals.computeIfAbsent(t.symbol(), k -> strategy.generateSignals(data, s));
            int signalDay = dayOf(data, t.signalDate()), exitSignalDay = dayOf(data, t.exitSignalDate());
            assertThat(sig[signalDay])
                    .as("%s BUY on %s", t.symbol(), t.signalDate())
                    .isEqualTo(TradeSignal.BUY);
            assertThat(sig[exitSignalDay]).isEqualTo(TradeSignal.SELL);
            assertThat(dayOf(data, t.entryDate())).isEqualTo(nextBar(data, s, signalDay));
            assertThat(dayOf(data, t.exitDate())).isEqualTo(nextBar(data, s, exitSignalDay));
            assertThat(t.entryPrice()).isEqualTo(data.open(s)[dayOf(data, t.entryDate())]);
            assertThat(t.exitPrice()).isEqualTo(data.open(s)[dayOf(data, t.exitDate())]);
            assertThat(t.pnl()).isCloseTo(t.size() * (t.exitPrice() - t.entryPrice()), within(1e-6));
        }
        for (var p : first.openPositions()) {
            int s = data.indexOf(p.symbol());
            assertThat(dayOf(data, p.entryDate())).isEqualTo(nextBar(data, s, dayOf(data, p.signalDate())));
            assertThat(p.lastClose()).isEqualTo(data.close(s)[dayOf(data, p.lastDate())]);
            assertThat(nextBar(data, s, dayOf(data, p.lastDate()))).isEqualTo(-1);
        }
    }

    @org.junit.jupiter.api.Test
    void aRealTouchOfTheAveragesIsNotACross() {
        // AES on 2017-05-12: SMA(10) and SMA(30) of its closes are equal (the correctly rounded window
        // sums agree, as math.fsum finds); a sum that drifted by one ulp would report a down-cross here
        MarketData data = SharedSp500.load();
        int s = data.indexOf("AES"), day = dayOf(data, LocalDate.of(2017, 5, 12));
        var bars = data.bars(s);
        int i = Arrays.binarySearch(bars.days(), day);
        double fast = data.indicators().sma(bars.close(), 10)[i],
                slow = data.indicators().sma(bars.close(), 30)[i];
        assertThat(fast).isEqualTo(slow);
        assertThat(data.indicators().sma(bars.close(), 10)[i - 1])
                .isGreaterThan(data.indicators().sma(bars.close(), 30)[i - 1]);
        assertThat(new SmaCrossStrategy().generateSignals(data, s)[day]).isEqualTo(TradeSignal.HOLD);
    }

    private static LocalDate[] calendar;

    private static int dayOf(MarketData data, LocalDate date) {
        if (calendar == null || calendar.length != data.dayCount()) {
            calendar = data.calendar();
        }
        int d = Arrays.binarySearch(calendar, date);
        assertThat(d).as("calendar index of %s", date).isNotNegative();
        return d;
    }

    /** The symbol's next bar after {@code day}, or −1. */
    private static int nextBar(MarketData data, int s, int day) {
        double[] c = data.close(s);
        for (int d = day + 1; d < c.length; d++) {
            if (!Double.isNaN(c[d])) {
                return d;
            }
        }
        return -1;
    }
}
