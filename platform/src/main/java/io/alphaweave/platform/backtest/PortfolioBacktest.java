package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidSignalException;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.PortfolioEvaluator;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import io.alphaweave.platform.portfolio.Rebalance;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The portfolio backtest engine (DESIGN §4): strategies' alpha and confidence matrices are computed
 * in bulk, in parallel, and validated; then the book is replayed day by day.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Decision</b>: on each decision day t of the {@link RebalanceSchedule} (never the last
 *       day), the portfolio manager combines the strategies' signals of day t, allocates and applies
 *       the constraints, giving target weights w.
 *   <li><b>Sizing</b> uses only what is known at t's close: target shares = w × equity(t) / close(t)
 *       (the symbol's last close when it has no bar at t), truncated toward zero to whole shares
 *       unless fractional. A symbol's order is its target minus its holding.
 *   <li><b>Stuck positions</b>: a held symbol (or one with an unfilled order) that has no bar on
 *       the decision day cannot trade before its own next bar, so it keeps its position (or its
 *       waiting order) and the other weights are scaled so the whole book stays within
 *       gross_leverage; reported as a binding {@code gross_leverage} constraint.
 *   <li><b>Fills</b> at the open of the symbol's next bar (a symbol without a bar keeps its order
 *       until its own next bar, or until a newer decision replaces it). Slippage moves the price
 *       against the order: open × (1 ± slippage); commission is charged on |quantity × fill price|.
 *       Cash pays for everything and may dip below zero by the costs or an opening gap.
 *   <li><b>Marking</b>: equity(t) = cash + Σ shares × last close, at every day's close; the daily
 *       return is equity(t) / equity(t−1) − 1 with equity(−1) = the starting capital.
 *   <li><b>Attribution</b>: every decision splits each symbol's position among the strategies that
 *       pushed it: a strategy's share is its contribution in the direction of the symbol's combined
 *       alpha over all contributions in that direction (= contribution / combined alpha when all
 *       agree; a strategy that pushed against the position gets 0); where the combined alpha is 0 or
 *       NaN, |contribution| / Σ|contribution|, or an equal split when nobody contributed. A fill
 *       carries its decision's shares; each day's pnl of a symbol (price moves, slippage,
 *       commission) is split by the shares of the decision that set the position — the overnight
 *       move before a fill by the old decision's shares — and divided by the previous equity, so
 *       the strategies' daily contributions sum to the daily return.
 *   <li><b>Turnover</b> inputs: traded value per day and gross book Σ|shares × last close|.
 * </ul>
 *
 * A single strategy is a portfolio of one. Stateless; runs are independent and may run
 * concurrently (each builds its own portfolio manager).
 *
 * <p><b>Threads</b>: the decisions depend only on the signals and the bars up to each decision
 * day, never on the book, so a run makes them ahead of the replay on one extra thread of its own
 * ({@code alphaweave-decisions}): the combiner and the allocator are called from that thread, one
 * day at a time and in day order. The listener is called on the caller's thread. A component's
 * exception is rethrown unchanged when the replay reaches its day, so a run fails exactly as a
 * sequential one would.
 */
public final class PortfolioBacktest {
    /** Rows per validation task: 64 rows of 5,000 days are 5 MB of alpha and confidence. */
    private static final int VALIDATION_ROWS = 64;

    private PortfolioBacktest() {}

    /**
     * Resolves a config before any work: every component id against the registry, every parameter
     * against its component, then the data (period and universe). Errors name the config field.
     *
     * @param config the parsed config
     * @param registry where strategies, combiners and allocators are found
     * @return the prepared run
     * @throws BacktestConfigException naming the field, the rule and the value
     */
    public static PreparedBacktest prepare(BacktestConfig config, ComponentRegistry registry) {
        Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();
        List<WeightedStrategy> strategies = new ArrayList<>();
        for (int i = 0; i < config.strategies().size(); i++) {
            BacktestConfig.StrategyRef ref = config.strategies().get(i);
            String field = "strategies[" + i + "]";
            Strategy plain;
            try {
                plain = registry.strategy(ref.id());
            } catch (AlphaweaveException e) {
                throw new BacktestConfigException(field + ".id: " + e.getMessage(), e);
            }
            try {
                strategies.add(new WeightedStrategy(plain.configure(ref.params()), ref.weight()));
                resolved.put(
                        ref.id(),
                        new TreeMap<>(plain.describe().resolve(ref.params()).values()));
            } catch (AlphaweaveException e) {
                throw new BacktestConfigException(field + ".params (" + ref.id() + "): " + e.getMessage(), e);
            }
        }
        SignalCombiner combiner;
        CapitalAllocator allocator;
        try {
            SignalCombiner c = registry.combiner(config.combiner().id());
            combiner = c.configure(config.combiner().params());
            resolved.put(
                    c.id(),
                    new TreeMap<>(
                            c.describe().resolve(config.combiner().params()).values()));
        } catch (AlphaweaveException e) {
            throw new BacktestConfigException("combiner: " + e.getMessage(), e);
        }
        try {
            CapitalAllocator a = registry.allocator(config.allocator().id());
            allocator = a.configure(config.allocator().params());
            resolved.put(
                    a.id(),
                    new TreeMap<>(
                            a.describe().resolve(config.allocator().params()).values()));
        } catch (AlphaweaveException e) {
            throw new BacktestConfigException("allocator: " + e.getMessage(), e);
        }
        MarketData data;
        try {
            data = config.sectorsPath() == null
                    ? MarketData.load(config.dataPath())
                    : MarketData.load(config.dataPath(), config.sectorsPath());
        } catch (AlphaweaveException e) {
            throw new BacktestConfigException("data: " + e.getMessage(), e);
        }
        if (!config.universe().isEmpty()) {
            for (int i = 0; i < config.universe().size(); i++) {
                String sym = config.universe().get(i);
                if (data.indexOf(sym) < 0) {
                    throw new BacktestConfigException("universe[" + i + "]: symbol " + sym + " is not in the data "
                            + config.dataPath().getFileName() + " (" + data.symbolCount() + " symbols)");
                }
            }
            data = data.select(config.universe());
        }
        if (data.dayCount() > 0 && config.start() != null && config.start().isAfter(data.date(data.dayCount() - 1))) {
            throw new BacktestConfigException("period.start " + config.start() + " is after the data's last day "
                    + data.date(data.dayCount() - 1));
        }
        // bars before the period stay: they warm the strategies up (no decisions there)
        data = data.between(null, config.end());
        int firstDay = 0;
        while (config.start() != null
                && firstDay < data.dayCount()
                && data.date(firstDay).isBefore(config.start())) {
            firstDay++;
        }
        if (data.dayCount() - firstDay < 2) {
            throw new BacktestConfigException("period " + config.start() + " … " + config.end() + " holds "
                    + (data.dayCount() - firstDay) + " trading day(s) of the data; a backtest needs at least 2");
        }
        PortfolioSetup setup = new PortfolioSetup(
                strategies,
                combiner,
                allocator,
                config.constraints(),
                config.rebalance(),
                config.costs(),
                config.capital());
        return new PreparedBacktest(config, data, firstDay, setup, resolved);
    }

    /**
     * Every registered combiner, configured with defaults (for {@link #compareCombinations}).
     *
     * @param registry the registry
     * @return the combiners, in id order
     */
    public static List<SignalCombiner> registeredCombiners(ComponentRegistry registry) {
        List<SignalCombiner> out = new ArrayList<>();
        for (String id : registry.ids(ComponentKind.COMBINER)) {
            out.add(registry.combiner(id).configure(Map.of()));
        }
        return out;
    }

    /**
     * Computes every strategy's alpha and confidence over the whole panel, one task per strategy in
     * parallel, and validates each matrix.
     *
     * @param data the panel
     * @param strategies the configured strategies
     * @return the matrices
     * @throws io.alphaweave.api.InvalidSignalException naming strategy, symbol and date of a bad cell
     */
    public static StrategySignals computeSignals(MarketView data, List<WeightedStrategy> strategies) {
        long start = System.nanoTime();
        int k = strategies.size(), n = data.symbolCount();
        AlphaMatrix[] out = new AlphaMatrix[k];
        IntStream.range(0, k).parallel().forEach(i -> {
            AlphaMatrix m = new AlphaMatrix(n, data.dayCount());
            strategies.get(i).strategy().generateAlphaSignals(data, m);
            out[i] = m;
        });
        // checked together afterwards, in tiles of rows on every core (a matrix checked inside its own
        // task ran on one core while the other idled); the first bad tile in strategy, row order wins
        int tiles = (n + VALIDATION_ROWS - 1) / VALIDATION_ROWS;
        InvalidSignalException[] bad = new InvalidSignalException[k * tiles];
        IntStream.range(0, k * tiles).parallel().forEach(t -> {
            int i = t / tiles, from = t % tiles * VALIDATION_ROWS;
            try {
                out[i].validate("strategy " + strategies.get(i).id(), data, from, Math.min(n, from + VALIDATION_ROWS));
            } catch (InvalidSignalException e) {
                bad[t] = e;
            }
        });
        for (InvalidSignalException e : bad) {
            if (e != null) {
                throw e;
            }
        }
        return new StrategySignals(
                strategies.stream().map(WeightedStrategy::id).toList(), List.of(out), System.nanoTime() - start);
    }

    /**
     * Runs a backtest from scratch: signals, then the day loop.
     *
     * @param data the panel (already cut to the period and universe)
     * @param setup components, constraints, schedule, costs, capital
     * @return the result
     */
    public static PortfolioResult run(MarketView data, PortfolioSetup setup) {
        return run(data, setup, computeSignals(data, setup.strategies()), 0, null);
    }

    /**
     * Runs the day loop on precomputed signals.
     *
     * @param data the panel the signals were computed on
     * @param setup components, constraints, schedule, costs, capital
     * @param signals the strategies' matrices (must contain every strategy of the setup)
     * @param firstDay calendar index of the period's first day: earlier bars only warm the
     *     strategies up (no decisions, no returns)
     * @param onRebalance called after each rebalance with what was decided (e.g. for progress or to
     *     keep the combined alpha); may be null
     * @return the result
     */
    public static PortfolioResult run(
            MarketView data,
            PortfolioSetup setup,
            StrategySignals signals,
            int firstDay,
            Consumer<Rebalance> onRebalance) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(signals, "signals");
        return PortfolioEngine.run(data, setup, signals, firstDay, onRebalance);
    }

    /**
     * Every metric of a result: return metrics, round-trip trade metrics, turnover, each strategy's
     * contribution, PSR and the bootstrap Sharpe CI.
     *
     * @param result a finished run
     * @return the report
     */
    public static PortfolioReport evaluate(PortfolioResult result) {
        return evaluate(result, StrategyEvaluator.DEFAULT_RESAMPLES);
    }

    static PortfolioReport evaluate(PortfolioResult result, int resamples) {
        return PortfolioEvaluator.evaluate(
                result.returnSeries(),
                result.trades().fills(),
                result.tradedValue(),
                result.grossBook(),
                result.setup().strategyIds(),
                result.contributions(),
                resamples);
    }

    /**
     * The same strategies, data, allocator, constraints and costs across several combiners, plus each
     * strategy alone (with the setup's combiner). Signals are computed once; runs go in parallel.
     *
     * @param data the panel
     * @param setup the base setup (its combiner is used for the strategies alone)
     * @param combiners configured combiners to compare, e.g. every registered one
     * @return one row per combiner and one per strategy
     */
    public static CombinationComparison compareCombinations(
            MarketView data, PortfolioSetup setup, List<SignalCombiner> combiners) {
        return compareCombinations(data, setup, combiners, computeSignals(data, setup.strategies()), 0, 2_000);
    }

    /**
     * {@link #compareCombinations(MarketView, PortfolioSetup, List)} on precomputed signals.
     *
     * @param data the panel
     * @param setup the base setup
     * @param combiners configured combiners (may be empty: then only the strategies alone run)
     * @param signals every strategy's matrix
     * @param firstDay calendar index of the period's first day
     * @param resamples bootstrap resamples for each row's Sharpe CI
     * @return one row per combiner and one per strategy
     */
    public static CombinationComparison compareCombinations(
            MarketView data,
            PortfolioSetup setup,
            List<SignalCombiner> combiners,
            StrategySignals signals,
            int firstDay,
            int resamples) {
        return compareCombinations(data, setup, combiners, signals, firstDay, resamples, null);
    }

    /**
     * {@link #compareCombinations(MarketView, PortfolioSetup, List, StrategySignals, int, int)} with a
     * callback after every rebalance of every run (runs go in parallel: the callback must be
     * thread-safe); an exception it throws stops the comparison and propagates.
     *
     * @param data the panel
     * @param setup the base setup
     * @param combiners configured combiners (may be empty: then only the strategies alone run)
     * @param signals every strategy's matrix
     * @param firstDay calendar index of the period's first day
     * @param resamples bootstrap resamples for each row's Sharpe CI
     * @param onRebalance called after each rebalance of each run, e.g. to cancel; may be null
     * @return one row per combiner and one per strategy
     */
    public static CombinationComparison compareCombinations(
            MarketView data,
            PortfolioSetup setup,
            List<SignalCombiner> combiners,
            StrategySignals signals,
            int firstDay,
            int resamples,
            Consumer<Rebalance> onRebalance) {
        List<PortfolioSetup> runs = new ArrayList<>();
        for (SignalCombiner c : combiners) {
            runs.add(setup.withCombiner(c));
        }
        for (WeightedStrategy s : setup.strategies()) {
            runs.add(setup.withStrategies(List.of(new WeightedStrategy(s.strategy(), 1.0))));
        }
        ComparisonRow[] rows = new ComparisonRow[runs.size()];
        IntStream.range(0, runs.size()).parallel().forEach(i -> {
            PortfolioResult r = run(data, runs.get(i), signals, firstDay, onRebalance);
            boolean alone = i >= combiners.size();
            String label = alone
                    ? setup.strategies().get(i - combiners.size()).id()
                    : combiners.get(i).id();
            rows[i] =
                    new ComparisonRow(label, alone ? "strategy" : "combiner", r.finalEquity(), evaluate(r, resamples));
        });
        List<ComparisonRow> all = List.of(rows);
        return new CombinationComparison(all.subList(0, combiners.size()), all.subList(combiners.size(), all.size()));
    }
}
