package io.alphaweave.platform.app;

import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.app.ReportCharts.Line;
import io.alphaweave.platform.app.ReportCharts.TimeSeries;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PortfolioSetup;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.backtest.WeightedStrategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.WeightSplit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The portfolio manager's study (the {@code /portfolio} page): runs and stores one portfolio config
 * with the comparison of every registered combiner and each strategy alone, and returns the
 * comparison table, every method's equity curve on one date axis, and the current allocation by symbol
 * and by sector with each weight split by strategy. Thread-safe when the registry and store are.
 */
public final class PortfolioStudy {
    private final ComponentRegistry registry;
    private final BacktestService backtests;
    private final RunService runs;

    /**
     * @param registry the components
     * @param backtests runs the config
     * @param runs stores the run
     */
    public PortfolioStudy(ComponentRegistry registry, BacktestService backtests, RunService runs) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.backtests = Objects.requireNonNull(backtests, "backtests");
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    /**
     * The study's answer.
     *
     * @param runId the stored run
     * @param combiner the config's combiner
     * @param comparison every combiner, then each strategy alone
     * @param equityCurves every row's equity, on one date axis (downsampled)
     * @param holdings the book after the last rebalance, largest first
     * @param sectors the same book summed by sector, largest first
     */
    public record Result(
            String runId,
            String combiner,
            List<Row> comparison,
            TimeSeries equityCurves,
            List<Holding> holdings,
            List<Holding> sectors) {
        /** Copies the lists. */
        public Result {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(combiner, "combiner");
            comparison = List.copyOf(comparison);
            Objects.requireNonNull(equityCurves, "equityCurves");
            holdings = List.copyOf(holdings);
            sectors = List.copyOf(sectors);
        }
    }

    /**
     * One method of the comparison.
     *
     * @param label combiner or strategy id
     * @param kind "combiner" or "strategy"
     * @param totalReturn total return
     * @param cagr compound annual growth
     * @param sharpe Sharpe ratio
     * @param volatility annualised volatility
     * @param maxDrawdown maximum drawdown (≤ 0)
     * @param finalEquity equity on the last day
     */
    public record Row(
            String label,
            String kind,
            Double totalReturn,
            Double cagr,
            Double sharpe,
            Double volatility,
            Double maxDrawdown,
            Double finalEquity) {
        /** Checks nulls. */
        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * A weight of the book split by strategy.
     *
     * @param name symbol or sector
     * @param sector the symbol's sector (the sector itself for a sector row)
     * @param weight its weight in the book
     * @param byStrategy strategy id → its part of the weight
     */
    public record Holding(String name, String sector, double weight, Map<String, Double> byStrategy) {
        /** Checks nulls and copies. */
        public Holding {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sector, "sector");
            byStrategy = Collections.unmodifiableMap(new TreeMap<>(byStrategy));
        }
    }

    /**
     * Runs, stores and compares.
     *
     * @param config the portfolio config
     * @return the study
     * @throws io.alphaweave.api.AlphaweaveException for bad input or a faulty component
     */
    public Result run(BacktestConfig config) {
        RunService.Stored stored = runs.runAndStore(
                config.name(),
                () -> backtests.runWithSignals(
                        new BacktestRequest.Portfolio(config, true),
                        ProgressListener.NONE,
                        CancellationToken.create()));
        BacktestReport report = stored.report();
        PreparedBacktest prepared = PortfolioBacktest.prepare(config, registry);
        MarketData data = prepared.data();
        StrategySignals signals =
                PortfolioBacktest.computeSignals(data, prepared.setup().strategies());
        List<SignalCombiner> combiners = PortfolioBacktest.registeredCombiners(registry);
        List<PortfolioSetup> setups = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (SignalCombiner c : combiners) {
            setups.add(prepared.setup().withCombiner(c));
            labels.add(c.id());
        }
        for (WeightedStrategy s : prepared.setup().strategies()) {
            setups.add(prepared.setup().withStrategies(List.of(new WeightedStrategy(s.strategy(), 1.0))));
            labels.add(s.id());
        }
        PortfolioResult[] results = new PortfolioResult[setups.size()];
        IntStream.range(0, setups.size())
                .parallel()
                .forEach(i ->
                        results[i] = PortfolioBacktest.run(data, setups.get(i), signals, prepared.firstDay(), null));
        TimeSeries curves = curves(labels, results);

        List<Row> rows = new ArrayList<>();
        ComparisonTable table = report.comparison();
        if (table != null) {
            table.combiners().forEach(r -> rows.add(row(r)));
            table.strategiesAlone().forEach(r -> rows.add(row(r)));
        }
        return new Result(
                stored.runId(),
                report.config().combiner().id(),
                rows,
                curves,
                holdings(report, data),
                sectors(report, data));
    }

    private static TimeSeries curves(List<String> labels, PortfolioResult[] results) {
        if (results.length == 0) {
            return new TimeSeries(List.of(), List.of());
        }
        LocalDate[] dates = results[0].dates();
        double[] first = results[0].equity();
        int[] keep = Lttb.indices(first, ReportChartsBuilder.MAX_POINTS);
        List<String> axis = new ArrayList<>();
        for (int i : keep) {
            axis.add(dates[i].toString());
        }
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < results.length; k++) {
            double[] eq = results[k].equity();
            List<Double> v = new ArrayList<>();
            for (int i : keep) {
                v.add(i < eq.length && Double.isFinite(eq[i]) ? ReportChartsBuilder.round(eq[i]) : null);
            }
            lines.add(new Line(labels.get(k), v));
        }
        return new TimeSeries(axis, lines);
    }

    private static Row row(ComparisonTable.Row r) {
        var m = r.metrics();
        return new Row(
                r.label(),
                r.kind(),
                finite(m.totalReturn()),
                finite(m.cagr()),
                finite(m.sharpeRatio()),
                finite(m.volatility()),
                finite(m.maxDrawdown()),
                finite(r.finalEquity()));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** The last snapshot's weights, split by the shares of each symbol's latest fill. */
    static Map<String, Map<String, Double>> lastSplit(BacktestReport report) {
        if (report.weights().isEmpty()) {
            return Map.of();
        }
        WeightSnapshot last = report.weights().getLast();
        Map<String, Map<String, Double>> shares = new HashMap<>();
        for (TradeEntry t : report.trades()) {
            if (!t.date().isAfter(last.date())) {
                shares.put(t.symbol(), t.attribution());
            }
        }
        return WeightSplit.byStrategy(last.weights(), shares);
    }

    private static List<Holding> holdings(BacktestReport report, MarketData data) {
        List<Holding> out = new ArrayList<>();
        Map<String, Double> weights = report.weights().isEmpty()
                ? Map.of()
                : report.weights().getLast().weights();
        Map<String, Map<String, Double>> split = lastSplit(report);
        weights.forEach((symbol, w) -> {
            if (w != 0) {
                out.add(new Holding(symbol, sectorOf(data, symbol), w, split.getOrDefault(symbol, Map.of())));
            }
        });
        out.sort((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())));
        return out;
    }

    private static List<Holding> sectors(BacktestReport report, MarketData data) {
        Map<String, Double> weight = new LinkedHashMap<>();
        Map<String, Map<String, Double>> parts = new HashMap<>();
        for (Holding h : holdings(report, data)) {
            weight.merge(h.sector(), h.weight(), Double::sum);
            h.byStrategy().forEach((k, v) -> parts.computeIfAbsent(h.sector(), s -> new TreeMap<>())
                    .merge(k, v, Double::sum));
        }
        List<Holding> out = new ArrayList<>();
        weight.forEach((s, w) -> out.add(new Holding(s, s, w, parts.getOrDefault(s, Map.of()))));
        out.sort((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())));
        return out;
    }

    private static String sectorOf(MarketData data, String symbol) {
        int s = data.indexOf(symbol);
        String sector = s < 0 ? null : data.sector(s);
        return sector == null || sector.isBlank() ? "Unknown" : sector;
    }
}
