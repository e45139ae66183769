package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.InvalidSignalException;
import io.alphaweave.platform.backtest.TestComponents.Constant;
import io.alphaweave.platform.backtest.TestComponents.OneBadCell;
import io.alphaweave.platform.backtest.TestComponents.Proportional;
import io.alphaweave.platform.backtest.TestComponents.WeightedAverage;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A two-symbol, four-day book worked out by hand. */
class PortfolioBacktestTest {

    static MarketData twoSymbols() {
        double[][] open = {{10, 11, 12, 12}, {20, 20, 21, 22}};
        double[][] close = {{10, 12, 11, 13}, {20, 22, 20, 21}};
        LocalDate[] cal = {
            LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 5)
        };
        return new MarketData(cal, List.of("X", "Y"), open, close, open, close, close, null);
    }

    static PortfolioSetup setup(TradingCosts costs) {
        return new PortfolioSetup(
                List.of(new WeightedStrategy(new Constant("always_long", 1.0), 1.0)),
                new WeightedAverage("weighted"),
                new Proportional("proportional"),
                Constraints.unconstrained(true, 1.0),
                RebalanceSchedule.DAILY,
                costs,
                1000);
    }

    @Test
    void fillsAtTheNextOpenWithSlippageAgainstTheOrderAndChargesCommission() {
        PortfolioResult r = PortfolioBacktest.run(twoSymbols(), setup(new TradingCosts(10, 20, true)));
        // day 0: decision at the close, half the book each: 500/10 = 50 X, 500/20 = 25 Y; nothing fills
        // day 1: buys fill at the open + 20 bps: X 11·1.002 = 11.022, Y 20·1.002 = 20.04
        //        cash = 1000 − 551.1 − 501 − 0.1 % of 1052.1 = −53.1521; equity = −53.1521 + 50·12 + 25·22
        assertThat(r.equity()[0]).isEqualTo(1000);
        assertThat(r.cash()[1]).isCloseTo(-53.1521, within(1e-9));
        assertThat(r.equity()[1]).isCloseTo(1096.8479, within(1e-9));
        assertThat(r.returns()[1]).isCloseTo(0.0968479, within(1e-12));
        PortfolioTradeLog log = r.trades();
        assertThat(log.day(0)).isEqualTo(1);
        assertThat(log.price(0)).isCloseTo(11.022, within(1e-12));
        assertThat(log.quantity(0)).isCloseTo(50, within(1e-12));
        assertThat(log.commission(0)).isCloseTo(0.5511, within(1e-12));
        // day 2: targets 1096.8479/2/12 X and /22 Y; X sells 4.298… at 12·0.998 = 11.976
        assertThat(log.day(2)).isEqualTo(2);
        assertThat(log.quantity(2)).isCloseTo(1096.8479 / 2 / 12 - 50, within(1e-12));
        assertThat(log.price(2)).isCloseTo(11.976, within(1e-12));
        // the rest, replayed independently in plain arithmetic
        assertThat(r.equity()[2]).isCloseTo(1001.0584075798621, within(1e-9));
        assertThat(r.equity()[3]).isCloseTo(1117.0796705123325, within(1e-9));
        assertThat(r.cash()[3]).isCloseTo(-0.010507037013455456, within(1e-9));
        assertThat(r.rebalanceDays()).containsExactly(0, 1, 2);
    }

    @Test
    void withoutCostsTheBookEarnsTheWeightedOpenToCloseMoves() {
        PortfolioResult r = PortfolioBacktest.run(twoSymbols(), setup(TradingCosts.NONE));
        // day 1: 50 X and 25 Y bought at 11 and 20 → cash 1000 − 550 − 500 = −50; equity −50 + 600 + 550
        assertThat(r.equity()[1]).isCloseTo(1100, within(1e-9));
        assertThat(r.tradedValue()[1]).isCloseTo(1050, within(1e-9));
        assertThat(r.grossBook()[1]).isCloseTo(1150, within(1e-9));
    }

    @Test
    void wholeSharesTruncateTowardZero() {
        PortfolioResult r = PortfolioBacktest.run(twoSymbols(), setup(new TradingCosts(0, 0, false)));
        for (int i = 0; i < r.trades().size(); i++) {
            assertThat(r.trades().quantity(i) % 1.0).isZero();
        }
        // day 1 decision: equity 1100 → 550/12 = 45.8 → 45 X (sell 5), 550/22 = 25 Y (no trade)
        assertThat(r.trades().quantity(2)).isEqualTo(-5);
        assertThat(r.trades().symbol(2)).isZero();
    }

    @Test
    void aSingleStrategyGetsAllOfTheAttribution() {
        PortfolioResult r = PortfolioBacktest.run(twoSymbols(), setup(new TradingCosts(10, 20, true)));
        double[] c = r.contributions()[0];
        for (int t = 0; t < c.length; t++) {
            assertThat(c[t]).isCloseTo(r.returns()[t], within(1e-12));
        }
        assertThat(r.trades().trades().get(0).attribution()).containsEntry("always_long", 1.0);
    }

    @Test
    void rejectsNegativeCostsNamingTheField() {
        assertThatThrownBy(() -> new TradingCosts(-1, 0, true)).hasMessageContaining("execution.commission_bps");
        assertThatThrownBy(() -> new TradingCosts(0, -2, true)).hasMessageContaining("execution.slippage_bps");
    }

    @Test
    void decidesWeeklyOnTheLastTradingDayOfEachIsoWeekAndMonthlyOnTheLastOfEachMonth() {
        LocalDate[] cal = {
            LocalDate.of(2024, 1, 29), // Mon
            LocalDate.of(2024, 1, 31), // Wed, end of month
            LocalDate.of(2024, 2, 2), // Fri, end of ISO week 5
            LocalDate.of(2024, 2, 5), // Mon
            LocalDate.of(2024, 2, 29), // Thu, end of week 9 and of February
            LocalDate.of(2024, 3, 1) // Fri, last day of data: never a decision
        };
        double[][] x = {{1, 1, 1, 1, 1, 1}};
        MarketData d = new MarketData(cal, List.of("A"), x, x, x, x, x, null);
        assertThat(RebalanceSchedule.WEEKLY.decisionDays(d)).containsExactly(false, false, true, true, false, false);
        assertThat(RebalanceSchedule.MONTHLY.decisionDays(d)).containsExactly(false, true, false, false, true, false);
        assertThat(RebalanceSchedule.DAILY.decisionDays(d)).containsExactly(true, true, true, true, true, false);
    }

    @Test
    void aBadSignalIsReportedForTheFirstStrategyInOrderAndItsFirstBadSymbol() {
        int n = 300, days = 30;
        double[][] x = new double[n][days];
        List<String> names = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            names.add("S" + s);
            Arrays.fill(x[s], 10.0);
        }
        LocalDate[] cal = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            cal[d] = LocalDate.of(2024, 1, 1).plusDays(d);
        }
        MarketData data = new MarketData(cal, names, x, x, x, x, x, null);
        // the second strategy's bad cell comes first in row order, and a later tile of the first strategy
        // also has one: the first strategy's lowest bad row is what a sequential check would report
        List<WeightedStrategy> strategies = List.of(
                new WeightedStrategy(new OneBadCell("first", 250, 3), 1),
                new WeightedStrategy(new OneBadCell("second", 0, 0), 1),
                new WeightedStrategy(new OneBadCell("third", 70, 5), 1));
        assertThatThrownBy(() -> PortfolioBacktest.computeSignals(data, strategies))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageStartingWith("strategy first emitted alphaScore=1.5, confidence=0.5 for S250 on 2024-01-04");
    }
}
