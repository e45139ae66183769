package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.backtest.TestComponents.Constant;
import io.alphaweave.platform.backtest.TestComponents.Momentum;
import io.alphaweave.platform.backtest.TestComponents.Proportional;
import io.alphaweave.platform.backtest.TestComponents.WeightedAverage;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.platform.portfolio.PortfolioManager;
import io.alphaweave.platform.portfolio.Rebalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The rebalance decisions are made ahead of the replay on a second thread (DecisionFeed): they must
 * be exactly what a day-by-day portfolio manager decides, and failures must surface as in a
 * sequential run — the same exception, on the same day, after the same replayed days.
 */
class DecisionFeedTest {
    static final int SYMBOLS = 40, DAYS = 700; // several blocks of days

    static MarketData panel(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] open = new double[SYMBOLS][DAYS], close = new double[SYMBOLS][DAYS];
        List<String> names = new ArrayList<>();
        for (int s = 0; s < SYMBOLS; s++) {
            names.add("S" + s);
            double p = 20 + 80 * rnd.nextDouble();
            for (int d = 0; d < DAYS; d++) {
                open[s][d] = p * (1 + 0.005 * rnd.nextGaussian());
                p *= 1 + 0.02 * rnd.nextGaussian();
                close[s][d] = p;
            }
        }
        LocalDate[] cal = new LocalDate[DAYS];
        for (int d = 0; d < DAYS; d++) {
            cal[d] = LocalDate.of(2015, 1, 1).plusDays(d);
        }
        return new MarketData(cal, names, open, close, open, close, close, null);
    }

    static PortfolioSetup setup(CapitalAllocator allocator, Constraints constraints) {
        return new PortfolioSetup(
                List.of(
                        new WeightedStrategy(new Momentum("fast", 5), 1.0),
                        new WeightedStrategy(new Momentum("slow", 40), 2.0)),
                new WeightedAverage("weighted"),
                allocator,
                constraints,
                RebalanceSchedule.DAILY,
                new TradingCosts(1, 2, true),
                1_000_000);
    }

    /** Throws on one date, as a buggy or hostile allocator would. */
    record FailingOn(LocalDate date) implements CapitalAllocator {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo("failing", ComponentKind.ALLOCATOR, "1", 0, "fails on a date", "", List.of());
        }

        @Override
        public CapitalAllocator configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void allocate(AllocationContext context, double[] weights) {
            if (context.date().equals(date)) {
                throw new IllegalStateException("allocator failed on " + date);
            }
            new Proportional("p").allocate(context, weights);
        }
    }

    @Test
    void everyDecisionEqualsWhatADayByDayPortfolioManagerDecides() {
        MarketData data = panel(7);
        PortfolioSetup setup = setup(new Proportional("proportional"), Constraints.unconstrained(false, 1.5));
        StrategySignals signals = PortfolioBacktest.computeSignals(data, setup.strategies());
        List<Rebalance> seen = new ArrayList<>();
        PortfolioBacktest.run(data, setup, signals, 30, seen::add);

        PortfolioManager manager = new PortfolioManager(setup.combiner(), setup.allocator(), setup.constraints());
        List<String> ids = setup.strategyIds();
        double[] weights = setup.strategies().stream()
                .mapToDouble(WeightedStrategy::weight)
                .toArray();
        assertThat(seen).hasSize(DAYS - 31); // no decision on the last day
        for (int t = 30; t < DAYS - 1; t++) {
            double[][] a = new double[ids.size()][SYMBOLS], c = new double[ids.size()][SYMBOLS];
            for (int j = 0; j < ids.size(); j++) {
                for (int s = 0; s < SYMBOLS; s++) {
                    a[j][s] = signals.of(ids.get(j)).alpha(s)[t];
                    c[j][s] = signals.of(ids.get(j)).confidence(s)[t];
                }
            }
            Rebalance expected =
                    manager.rebalance(data, t, new CombinerInput(data.date(t), data.symbols(), ids, weights, a, c));
            Rebalance actual = seen.get(t - 30);
            assertThat(actual.date()).isEqualTo(data.date(t));
            assertThat(actual.combinedAlpha()).containsExactly(expected.combinedAlpha());
            assertThat(actual.targetWeights()).containsExactly(expected.targetWeights());
            for (int j = 0; j < ids.size(); j++) {
                assertThat(actual.contributions()[j]).containsExactly(expected.contributions()[j]);
            }
            assertThat(actual.binding()).isEqualTo(expected.binding());
        }
    }

    /** {@link WeightedAverage} that says whether it reads confidences and counts the numbers it was given. */
    record Declaring(boolean readsConfidence, AtomicLong confidencesSeen) implements SignalCombiner {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo("declaring", ComponentKind.COMBINER, "1", 0, "declares", "", List.of());
        }

        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void combine(CombinerInput in, CombinerOutput out) {
            for (double[] row : in.confidence()) {
                for (double c : row) {
                    if (!Double.isNaN(c)) {
                        confidencesSeen.incrementAndGet();
                    }
                }
            }
            new WeightedAverage("w").combine(in, out);
        }
    }

    @Test
    void aCombinerThatReadsNoConfidenceGetsNaNRowsAndTheSameResult() {
        MarketData data = panel(11);
        AtomicLong seenByReader = new AtomicLong(), seenByBlind = new AtomicLong();
        PortfolioSetup base = setup(new Proportional("proportional"), Constraints.unconstrained(false, 1.0));
        PortfolioResult reads = PortfolioBacktest.run(data, base.withCombiner(new Declaring(true, seenByReader)));
        PortfolioResult blind = PortfolioBacktest.run(data, base.withCombiner(new Declaring(false, seenByBlind)));

        assertThat(seenByReader.get())
                .as("confidences given to a combiner that reads them")
                .isPositive();
        assertThat(seenByBlind.get())
                .as("confidences given to one that reads none")
                .isZero();
        assertThat(blind.finalEquity()).isEqualTo(reads.finalEquity());
        assertThat(blind.returnSeries().returns())
                .containsExactly(reads.returnSeries().returns());
        assertThat(blind.trades().fills()).isEqualTo(reads.trades().fills());
    }

    @Test
    void aFailingDecisionSurfacesItsOwnExceptionAfterEveryEarlierDayWasReplayed() {
        MarketData data = panel(11);
        LocalDate failing = data.date(517);
        PortfolioSetup setup = setup(new FailingOn(failing), Constraints.unconstrained(true, 1.0));
        List<LocalDate> decided = new ArrayList<>();

        assertThatThrownBy(() -> PortfolioBacktest.run(
                        data,
                        setup,
                        PortfolioBacktest.computeSignals(data, setup.strategies()),
                        0,
                        r -> decided.add(r.date())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("allocator failed on " + failing);
        assertThat(decided).hasSize(517).last().isEqualTo(data.date(516));
        assertDecisionThreadsEnd();
    }

    @Test
    void aBankruptBookBeforeTheFailingDecisionIsReportedFirst() {
        // one symbol held at 3× leverage that loses 60 % overnight on day 100: equity < 0 on day 101
        double[][] open = new double[1][DAYS], close = new double[1][DAYS];
        for (int d = 0; d < DAYS; d++) {
            open[0][d] = d <= 100 ? 50 : 20;
            close[0][d] = d < 100 ? 50 : 20;
        }
        LocalDate[] cal = new LocalDate[DAYS];
        for (int d = 0; d < DAYS; d++) {
            cal[d] = LocalDate.of(2015, 1, 1).plusDays(d);
        }
        MarketData data = new MarketData(cal, List.of("X"), open, close, open, close, close, null);
        PortfolioSetup setup = new PortfolioSetup(
                List.of(new WeightedStrategy(new Constant("long", 1.0), 1.0)),
                new WeightedAverage("weighted"),
                new FailingOn(data.date(300)),
                Constraints.unconstrained(true, 3.0),
                RebalanceSchedule.DAILY,
                TradingCosts.NONE,
                1000);

        assertThatThrownBy(() -> PortfolioBacktest.run(data, setup))
                .isInstanceOf(BankruptBookException.class)
                .hasMessageContaining(data.date(100).toString());
        assertDecisionThreadsEnd();
    }

    @Test
    void theDecisionThreadEndsWithEveryRun() {
        MarketData data = panel(3);
        PortfolioSetup setup = setup(new Proportional("proportional"), Constraints.unconstrained(true, 1.0));
        for (int i = 0; i < 5; i++) {
            PortfolioBacktest.run(data, setup);
        }
        assertDecisionThreadsEnd();
    }

    private static void assertDecisionThreadsEnd() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (decisionThreads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(decisionThreads()).as("live alphaweave-decisions threads").isZero();
    }

    private static long decisionThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("alphaweave-decisions") && t.isAlive())
                .count();
    }
}
