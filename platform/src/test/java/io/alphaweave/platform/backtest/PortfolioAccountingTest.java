package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.platform.backtest.TestComponents.Momentum;
import io.alphaweave.platform.backtest.TestComponents.Proportional;
import io.alphaweave.platform.backtest.TestComponents.Silent;
import io.alphaweave.platform.backtest.TestComponents.Strongest;
import io.alphaweave.platform.backtest.TestComponents.WeightedAverage;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.platform.portfolio.Rebalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Accounting invariants of the portfolio backtest on the real S&amp;P 500 data. */
class PortfolioAccountingTest {
    static MarketData data;

    @BeforeAll
    static void load() {
        MarketData all = SharedSp500.load();
        all = all.withSectors(MarketData.loadSectors(SharedSp500.file().resolveSibling("sp500_sectors_2018.csv")));
        data = all.select(all.symbols().subList(0, 80)).between(LocalDate.of(2015, 6, 1), LocalDate.of(2017, 6, 30));
    }

    static final Constraints CONSTRAINED = new Constraints(0.10, 0.40, 20, true, 1.0);

    static PortfolioSetup setup(RebalanceSchedule schedule, TradingCosts costs, Constraints constraints) {
        return new PortfolioSetup(
                List.of(
                        new WeightedStrategy(new Momentum("mom_fast", 5), 1.0),
                        new WeightedStrategy(new Momentum("mom_slow", 60), 2.0)),
                new WeightedAverage("weighted"),
                new Proportional("proportional"),
                constraints,
                schedule,
                costs,
                1_000_000);
    }

    @ParameterizedTest
    @EnumSource(RebalanceSchedule.class)
    void cashPlusPositionsEqualsEquityEveryDayReplayedFromTheFills(RebalanceSchedule schedule) {
        PortfolioResult r = PortfolioBacktest.run(data, setup(schedule, new TradingCosts(1, 2, true), CONSTRAINED));
        assertThat(r.trades().size()).isGreaterThan(50);
        double[] q = new double[data.symbolCount()];
        double[] last = new double[data.symbolCount()];
        double cash = 1_000_000;
        int f = 0;
        for (int t = 0; t < data.dayCount(); t++) {
            while (f < r.trades().size() && r.trades().day(f) == t) {
                int s = r.trades().symbol(f);
                double qty = r.trades().quantity(f), px = r.trades().price(f);
                // each fill is the symbol's open on the fill day, moved against the order by 2 bps
                assertThat(px).isCloseTo(data.open(s)[t] * (1 + Math.signum(qty) * 0.0002), within(1e-9 * px));
                assertThat(r.trades().commission(f)).isCloseTo(Math.abs(qty * px) * 0.0001, within(1e-9));
                cash -= qty * px + r.trades().commission(f);
                q[s] += qty;
                f++;
            }
            double positions = 0;
            for (int s = 0; s < q.length; s++) {
                double c = data.close(s)[t];
                if (!Double.isNaN(c)) {
                    last[s] = c;
                }
                positions += q[s] * last[s];
            }
            assertThat(r.cash()[t]).isCloseTo(cash, within(1e-6));
            assertThat(cash + positions).isCloseTo(r.equity()[t], within(1e-6));
        }
        // weights at each close sum with cash to one
        double[][] w = r.weights();
        for (int t = 0; t < data.dayCount(); t++) {
            double sum = r.cash()[t] / r.equity()[t];
            for (double[] row : w) {
                sum += row[t];
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void ordersFillOnTheDayAfterTheirDecision() {
        PortfolioResult r =
                PortfolioBacktest.run(data, setup(RebalanceSchedule.WEEKLY, new TradingCosts(1, 2, true), CONSTRAINED));
        var rebalanceDays = java.util.Arrays.stream(r.rebalanceDays()).boxed().toList();
        for (PortfolioTrade t : r.trades().trades()) {
            assertThat(t.date()).isAfter(t.decisionDate());
            int decision = java.util.Arrays.asList(r.dates()).indexOf(t.decisionDate());
            assertThat(rebalanceDays).contains(decision);
            int s = data.indexOf(t.symbol());
            // the first bar of the symbol after the decision
            int next = decision + 1;
            while (Double.isNaN(data.open(s)[next])) {
                next++;
            }
            assertThat(t.date()).isEqualTo(data.date(next));
        }
    }

    @Test
    void targetWeightsRespectTheConstraintsAtEveryRebalance() {
        List<Rebalance> seen = new ArrayList<>();
        PortfolioSetup s = setup(RebalanceSchedule.WEEKLY, new TradingCosts(1, 2, true), CONSTRAINED);
        PortfolioResult r =
                PortfolioBacktest.run(data, s, PortfolioBacktest.computeSignals(data, s.strategies()), 0, seen::add);
        assertThat(seen).hasSize(r.rebalanceDays().length).hasSizeGreaterThan(100);
        int invested = 0;
        for (Rebalance rb : seen) {
            double gross = 0;
            int positions = 0;
            Map<String, Double> sectors = new HashMap<>();
            for (int i = 0; i < data.symbolCount(); i++) {
                double w = rb.targetWeight(i);
                assertThat(w).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(0.10 + 1e-12);
                gross += Math.abs(w);
                positions += w != 0 ? 1 : 0;
                if (data.sector(i) != null) {
                    sectors.merge(data.sector(i), Math.abs(w), Double::sum);
                }
            }
            assertThat(gross).isLessThanOrEqualTo(1.0 + 1e-12);
            assertThat(positions == 0 || positions >= 20).isTrue();
            sectors.values().forEach(v -> assertThat(v).isLessThanOrEqualTo(0.40 + 1e-9));
            invested += positions > 0 ? 1 : 0;
        }
        assertThat(invested).isGreaterThan(50);
        assertThat(r.bindingConstraints()).isNotEmpty();
        assertThat(r.bindingConstraints()).extracting(b -> b.constraint()).contains("max_position");
    }

    @Test
    void withZeroCostsAndNoSignalTheEquityIsFlat() {
        PortfolioSetup s = new PortfolioSetup(
                List.of(new WeightedStrategy(new Silent("silent"), 1.0)),
                new WeightedAverage("weighted"),
                new Proportional("proportional"),
                Constraints.unconstrained(true, 1.0),
                RebalanceSchedule.DAILY,
                TradingCosts.NONE,
                250_000);
        PortfolioResult r = PortfolioBacktest.run(data, s);
        assertThat(r.equity()).containsOnly(250_000.0);
        assertThat(r.returns()).containsOnly(0.0);
        assertThat(r.trades().size()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RebalanceSchedule.class)
    void costsStrictlyLowerTheResult(RebalanceSchedule schedule) {
        double free = PortfolioBacktest.run(data, setup(schedule, TradingCosts.NONE, CONSTRAINED))
                .finalEquity();
        double commission = PortfolioBacktest.run(data, setup(schedule, new TradingCosts(5, 0, true), CONSTRAINED))
                .finalEquity();
        double slippage = PortfolioBacktest.run(data, setup(schedule, new TradingCosts(0, 5, true), CONSTRAINED))
                .finalEquity();
        double both = PortfolioBacktest.run(data, setup(schedule, new TradingCosts(5, 5, true), CONSTRAINED))
                .finalEquity();
        assertThat(commission).isLessThan(free);
        assertThat(slippage).isLessThan(free);
        assertThat(both).isLessThan(Math.min(commission, slippage));
    }

    @Test
    void strategyContributionsSumToTheDailyReturn() {
        PortfolioResult r =
                PortfolioBacktest.run(data, setup(RebalanceSchedule.DAILY, new TradingCosts(1, 2, true), CONSTRAINED));
        double[][] c = r.contributions();
        double[] ret = r.returns();
        for (int t = 0; t < ret.length; t++) {
            assertThat(c[0][t] + c[1][t]).isCloseTo(ret[t], within(1e-12));
        }
        PortfolioReport report = PortfolioBacktest.evaluate(r);
        double sumReturns = java.util.Arrays.stream(ret).sum();
        assertThat(report.contributions().get(0).contribution()
                        + report.contributions().get(1).contribution())
                .isCloseTo(sumReturns, within(1e-10));
        assertThat(report.trades().roundTrips()).isPositive();
        assertThat(report.turnover().dailyMean()).isPositive();
        assertThat(report.metrics().days()).isEqualTo(data.dayCount());
    }

    @Test
    void aRunOnDataCutAtDayTAgreesWithTheFullRunUpToT() {
        PortfolioSetup s = setup(RebalanceSchedule.DAILY, new TradingCosts(1, 2, true), CONSTRAINED);
        PortfolioResult full = PortfolioBacktest.run(data, s);
        for (int cut : new int[] {100, 250, 400}) {
            PortfolioResult part = PortfolioBacktest.run(data.truncate(cut), s);
            for (int t = 0; t < cut; t++) {
                assertThat(part.equity()[t]).isEqualTo(full.equity()[t]);
            }
        }
    }

    @Test
    void comparesCombinersAndEachStrategyAloneOnTheSameSignals() {
        PortfolioSetup s = setup(RebalanceSchedule.WEEKLY, new TradingCosts(1, 2, true), CONSTRAINED);
        CombinationComparison cmp = PortfolioBacktest.compareCombinations(
                data, s, List.of(new WeightedAverage("weighted"), new Strongest("strongest")));
        assertThat(cmp.combiners()).extracting(ComparisonRow::label).containsExactly("weighted", "strongest");
        assertThat(cmp.strategiesAlone()).extracting(ComparisonRow::label).containsExactly("mom_fast", "mom_slow");
        assertThat(cmp.combiners().get(0).finalEquity())
                .isEqualTo(PortfolioBacktest.run(data, s).finalEquity());
        PortfolioSetup alone = s.withStrategies(List.of(new WeightedStrategy(new Momentum("mom_fast", 5), 1.0)));
        assertThat(cmp.strategiesAlone().get(0).finalEquity())
                .isEqualTo(PortfolioBacktest.run(data, alone).finalEquity());
        assertThat(cmp.combiners().get(1).finalEquity())
                .isNotEqualTo(cmp.combiners().get(0).finalEquity());
    }
}
