package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.CombinationComparison;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.evaluation.ReturnSeries;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.SignalRow;
import io.alphaweave.platform.store.SignalSet;
import io.alphaweave.platform.store.SignalSetKey;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs backtests (DESIGN §7): the one entry point the CLI, the HTTP service and the store share.
 * Resolves the components in the registry and the data through the dataset catalog, runs, evaluates
 * and returns the whole report as records. Same request and same inputs → equal reports (apart from
 * the timings).
 *
 * <p>Thread-safe when the registry is: runs share nothing but the registry.
 */
public final class BacktestService {
    /** Bootstrap resamples of each comparison row's Sharpe interval (as the CLI has always used). */
    static final int COMPARISON_RESAMPLES = 2_000;

    private final ComponentRegistry registry;
    private final DatasetCatalog catalog;
    private final LongSupplier ticker;

    /**
     * @param registry where strategies, combiners and allocators are looked up (per run)
     * @param catalog resolves dataset names and names the dataset of a path
     */
    public BacktestService(ComponentRegistry registry, DatasetCatalog catalog) {
        this(registry, catalog, System::nanoTime);
    }

    /**
     * @param registry where components are looked up
     * @param catalog the datasets
     * @param ticker a nanosecond clock for the timings (tests pass a fixed one)
     */
    BacktestService(ComponentRegistry registry, DatasetCatalog catalog, LongSupplier ticker) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /**
     * Runs either mode.
     *
     * @param request a portfolio config or a rules-mode request
     * @param progress hears the phases and the progress
     * @param cancellation checked between phases and at every rebalance
     * @return a {@link BacktestReport} or a {@link RulesReport}
     * @throws RunCancelledException when cancelled
     * @throws AlphaweaveException for bad input or a faulty component (see {@link
     *     io.alphaweave.api.ErrorCategory#of})
     */
    public RunReport run(BacktestRequest request, ProgressListener progress, CancellationToken cancellation) {
        return switch (request) {
            case BacktestRequest.Portfolio p -> run(p, progress, cancellation);
            case BacktestRequest.Rules r -> run(r, progress, cancellation);
        };
    }

    /**
     * Runs a portfolio config without the combiner comparison.
     *
     * @param config the config
     * @param progress hears the phases and the progress
     * @param cancellation checked between phases and at every rebalance
     * @return the report
     * @throws RunCancelledException when cancelled
     */
    public BacktestReport run(BacktestConfig config, ProgressListener progress, CancellationToken cancellation) {
        return run(new BacktestRequest.Portfolio(config, false), progress, cancellation);
    }

    /**
     * Runs a portfolio config: signals, the backtest, its evaluation, each strategy alone and (when
     * asked) every registered combiner.
     *
     * @param request the config and whether to compare the combiners
     * @param listener hears the phases and the progress
     * @param cancellation checked between phases and at every rebalance
     * @return the report
     * @throws RunCancelledException when cancelled
     */
    public BacktestReport run(
            BacktestRequest.Portfolio request, ProgressListener listener, CancellationToken cancellation) {
        return run(request, listener, cancellation, false).report();
    }

    /**
     * Runs a portfolio config as {@link #run(BacktestRequest.Portfolio, ProgressListener,
     * CancellationToken)} does and also returns each strategy's signal set, for the store.
     *
     * <p>A set holds every signal the strategy emitted over the run's period (from the period's first
     * trading day to its last): one row per symbol and day where its alpha is a number (a NaN alpha is
     * "no view" and is not a signal), with the alpha and confidence the strategy computed, the
     * strategy's declared horizon, {@code volatility_adjusted = false} (the matrix interface carries no
     * such flag) and no metadata. Its key: the strategy's id and content hash, its resolved parameters
     * (compact JSON, keys sorted), the hash of the panel it saw (the dataset's content hash and the universe — bars
     * before the period come from the data's first bar whatever the period, so they add nothing) and
     * the period's dates. Same key → same rows, which is what lets the store keep a set once.
     *
     * @param request the config and whether to compare the combiners
     * @param listener hears the phases and the progress
     * @param cancellation checked between phases and at every rebalance
     * @return the report and one signal set per strategy, in the config's order
     * @throws RunCancelledException when cancelled
     */
    public BacktestOutcome runWithSignals(
            BacktestRequest.Portfolio request, ProgressListener listener, CancellationToken cancellation) {
        return run(request, listener, cancellation, true);
    }

    private BacktestOutcome run(
            BacktestRequest.Portfolio request,
            ProgressListener listener,
            CancellationToken cancellation,
            boolean withSignals) {
        Objects.requireNonNull(listener, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        ProgressListener progress = new Monotonic(listener);
        BacktestConfig config = request.config();
        long t0 = ticker.getAsLong();
        cancellation.check(RunPhase.PREPARE);
        progress.progress(RunPhase.PREPARE, 0.0);
        PreparedBacktest prepared = PortfolioBacktest.prepare(config, registry);
        List<SignalCombiner> combiners =
                request.compareCombiners() ? PortfolioBacktest.registeredCombiners(registry) : List.of();
        long t1 = ticker.getAsLong();

        cancellation.check(RunPhase.SIGNALS);
        progress.progress(RunPhase.SIGNALS, 0.05);
        MarketData data = prepared.data();
        StrategySignals signals =
                PortfolioBacktest.computeSignals(data, prepared.setup().strategies());

        cancellation.check(RunPhase.BACKTEST);
        progress.progress(RunPhase.BACKTEST, 0.15);
        int n = data.symbolCount(), days = data.dayCount();
        double[][] combined = new double[n][days];
        for (double[] row : combined) {
            Arrays.fill(row, Double.NaN);
        }
        LocalDate[] calendar = data.calendar();
        int first = prepared.firstDay();
        PortfolioResult result = PortfolioBacktest.run(data, prepared.setup(), signals, first, r -> {
            cancellation.check(RunPhase.BACKTEST);
            int day = Arrays.binarySearch(calendar, r.date());
            double[] a = r.combinedAlpha();
            for (int s = 0; s < n; s++) {
                combined[s][day] = a[s];
            }
            progress.progress(RunPhase.BACKTEST, 0.15 + 0.45 * day / days);
        });

        cancellation.check(RunPhase.EVALUATE);
        progress.progress(RunPhase.EVALUATE, 0.6);
        PortfolioReport report = PortfolioBacktest.evaluate(result);

        cancellation.check(RunPhase.COMPARE);
        progress.progress(RunPhase.COMPARE, 0.65);
        int comparisonRuns = combiners.size() + prepared.setup().strategies().size();
        AtomicInteger rebalances = new AtomicInteger();
        int perRun = Math.max(1, result.rebalanceDays().length);
        CombinationComparison comparison = PortfolioBacktest.compareCombinations(
                data, prepared.setup(), combiners, signals, first, COMPARISON_RESAMPLES, r -> {
                    cancellation.check(RunPhase.COMPARE);
                    double done = Math.min(1.0, rebalances.incrementAndGet() / (double) (perRun * comparisonRuns));
                    progress.progress(RunPhase.COMPARE, 0.65 + 0.3 * done);
                });

        cancellation.check(RunPhase.REPORT);
        progress.progress(RunPhase.REPORT, 0.95);
        long t2 = ticker.getAsLong();
        String datasetHash = DatasetCatalog.contentHash(config.dataPath(), config.sectorsPath());
        Map<String, String> components = componentHashes(prepared, combiners);
        ReportAssembler.Run run = new ReportAssembler.Run(
                prepared,
                signals,
                result,
                report,
                comparison,
                request.compareCombiners(),
                combined,
                catalog.nameOf(config.dataPath()).orElse(null),
                components,
                datasetHash);
        BacktestReport out = ReportAssembler.assemble(
                run, new Timings(ms(t1 - t0), signals.computeNanos() / 1e6, result.loopNanos() / 1e6, ms(t2 - t0)));
        List<SignalSet> sets = withSignals ? signalSets(prepared, signals, components, datasetHash) : List.of();
        progress.progress(RunPhase.REPORT, 1.0);
        return new BacktestOutcome(out, sets);
    }

    /** One set per strategy: see {@link #runWithSignals}. */
    private static List<SignalSet> signalSets(
            PreparedBacktest prepared, StrategySignals signals, Map<String, String> components, String datasetHash) {
        MarketData data = prepared.data();
        int first = prepared.firstDay(), days = data.dayCount(), n = data.symbolCount();
        String panelHash = ReportAssembler.sha256(datasetHash + "\n" + String.join("\n", data.symbols()));
        List<SignalSet> out = new ArrayList<>();
        for (var weighted : prepared.setup().strategies()) {
            String id = weighted.id();
            var matrix = signals.of(id);
            int horizon = weighted.strategy().describe().horizonDays();
            SignalSetKey key = new SignalSetKey(
                    id,
                    components.get(key(ComponentKind.STRATEGY, id)),
                    JsonMapper.tree(new TreeMap<>(prepared.resolvedParams().getOrDefault(id, Map.of())))
                            .toString(),
                    panelHash,
                    data.date(first),
                    data.date(days - 1));
            double[][] alpha = new double[n][], confidence = new double[n][];
            for (int s = 0; s < n; s++) {
                alpha[s] = matrix.alpha(s);
                confidence[s] = matrix.confidence(s);
            }
            List<SignalRow> rows = new ArrayList<>();
            for (int d = first; d < days; d++) {
                LocalDate date = data.date(d);
                for (int s = 0; s < n; s++) {
                    double a = alpha[s][d];
                    if (!Double.isNaN(a)) {
                        rows.add(new SignalRow(data.symbols().get(s), date, a, confidence[s][d], horizon, false, null));
                    }
                }
            }
            out.add(new SignalSet(key, rows));
        }
        return out;
    }

    /**
     * Runs one strategy in rules mode.
     *
     * @param request the data, symbols, period, strategy, parameters and costs
     * @param progress hears the phases
     * @param cancellation checked between phases
     * @return the report
     * @throws RunCancelledException when cancelled
     */
    public RulesReport run(BacktestRequest.Rules request, ProgressListener progress, CancellationToken cancellation) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        long t0 = ticker.getAsLong();
        cancellation.check(RunPhase.PREPARE);
        progress.progress(RunPhase.PREPARE, 0.0);
        RulesBacktest.Config costs =
                new RulesBacktest.Config(request.capital(), request.commissionBps(), request.slippageBps());
        BacktestConfig.DatasetFiles files = catalog.find(request.data()).isPresent()
                ? catalog.dataset(request.data(), "data")
                : new BacktestConfig.DatasetFiles("-", catalog.path(request.data(), "data"), null);
        MarketData panel = select(catalog.load(files.data()), request, files.data());
        Strategy plain = registry.strategy(request.strategyId());
        Strategy strategy;
        Map<String, Object> resolved;
        try {
            strategy = plain.configure(request.params());
            resolved = new TreeMap<>(plain.describe().resolve(request.params()).values());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("params for " + request.strategyId() + ": " + e.getMessage());
        }
        long t1 = ticker.getAsLong();

        cancellation.check(RunPhase.BACKTEST);
        progress.progress(RunPhase.BACKTEST, 0.1);
        RulesBacktest.Result r = RulesBacktest.run(panel, strategy, costs);
        long t2 = ticker.getAsLong();

        cancellation.check(RunPhase.EVALUATE);
        progress.progress(RunPhase.EVALUATE, 0.9);
        List<RulesReport.DatedReturn> returns = new ArrayList<>();
        List<RulesReport.DatedValue> equity = new ArrayList<>();
        LocalDate[] dates = new LocalDate[r.equityCurve().size()];
        double[] daily = new double[dates.length];
        for (int i = 0; i < dates.length; i++) {
            var p = r.equityCurve().get(i);
            returns.add(new RulesReport.DatedReturn(p.date(), p.dailyReturn()));
            equity.add(new RulesReport.DatedValue(p.date(), p.value()));
            dates[i] = p.date();
            daily[i] = p.dailyReturn();
        }
        var metrics = dates.length == 0 ? null : StrategyEvaluator.metrics(new ReturnSeries(dates, daily));
        String dataText = files.data().toString();
        Map<String, Object> configDoc = new LinkedHashMap<>();
        configDoc.put("mode", "rules");
        configDoc.put("strategy", request.strategyId());
        configDoc.put("params", resolved);
        configDoc.put("symbols", r.symbols());
        configDoc.put("start", panel.date(0));
        configDoc.put("end", panel.date(panel.dayCount() - 1));
        configDoc.put("costs", costs);
        Map<String, String> components = new LinkedHashMap<>();
        components.put(
                key(ComponentKind.STRATEGY, request.strategyId()),
                contentHash(ComponentKind.STRATEGY, request.strategyId()));
        RunHashes hashes = new RunHashes(
                ReportAssembler.sha256(JsonMapper.write(configDoc)),
                components,
                DatasetCatalog.contentHash(files.data(), files.sectors()));
        long t3 = ticker.getAsLong();
        RulesReport out = new RulesReport(
                BacktestReport.SCHEMA_VERSION,
                "rules",
                request.strategyId(),
                resolved,
                dataText,
                r.symbols(),
                panel.date(0),
                panel.date(panel.dayCount() - 1),
                costs.capital(),
                costs.commissionBps(),
                costs.slippageBps(),
                r.finalValue(),
                r.totalReturn(),
                r.cash(),
                r.trades(),
                r.openPositions(),
                returns,
                equity,
                metrics,
                hashes,
                new Timings(ms(t1 - t0), 0, ms(t2 - t1), ms(t3 - t0)));
        progress.progress(RunPhase.REPORT, 1.0);
        return out;
    }

    /** Serialises the calls (the comparison reports from parallel runs) and keeps the fraction from going down. */
    private static final class Monotonic implements ProgressListener {
        private final ProgressListener target;
        private double last;

        Monotonic(ProgressListener target) {
            this.target = target;
        }

        @Override
        public synchronized void progress(RunPhase phase, double fraction) {
            last = Math.max(last, fraction);
            target.progress(phase, last);
        }
    }

    private static MarketData select(MarketData panel, BacktestRequest.Rules request, Path source) {
        LocalDate start = request.start(), end = request.end();
        if (start != null || end != null) {
            if (start != null && end != null && start.isAfter(end)) {
                throw new AlphaweaveException("start " + start + " is after end " + end);
            }
            panel = panel.between(start, end);
        }
        if (!request.symbols().isEmpty()) {
            List<String> wanted = new ArrayList<>();
            for (String s : request.symbols()) {
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (panel.indexOf(t) < 0) {
                    throw new AlphaweaveException("symbols: " + t + " is not in " + source + " ("
                            + panel.symbolCount() + " symbols, e.g. "
                            + String.join(", ", panel.symbols().subList(0, Math.min(5, panel.symbolCount())))
                            + ")");
                }
                if (!wanted.contains(t)) {
                    wanted.add(t);
                }
            }
            panel = panel.select(wanted);
        }
        if (panel.dayCount() == 0 || panel.symbolCount() == 0) {
            throw new AlphaweaveException("no data to backtest in " + source + " for the chosen symbols and dates");
        }
        return panel;
    }

    private Map<String, String> componentHashes(PreparedBacktest prepared, List<SignalCombiner> combiners) {
        Map<String, String> out = new LinkedHashMap<>();
        for (var s : prepared.config().strategies()) {
            out.put(key(ComponentKind.STRATEGY, s.id()), contentHash(ComponentKind.STRATEGY, s.id()));
        }
        String combiner = prepared.config().combiner().id(),
                allocator = prepared.config().allocator().id();
        out.put(key(ComponentKind.COMBINER, combiner), contentHash(ComponentKind.COMBINER, combiner));
        out.put(key(ComponentKind.ALLOCATOR, allocator), contentHash(ComponentKind.ALLOCATOR, allocator));
        for (SignalCombiner c : combiners) {
            out.putIfAbsent(key(ComponentKind.COMBINER, c.id()), contentHash(ComponentKind.COMBINER, c.id()));
        }
        return out;
    }

    private static String key(ComponentKind kind, String id) {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }

    /** The content hash of a registered component; a built-in class has none, so its id stands in. */
    private String contentHash(ComponentKind kind, String id) {
        String hash =
                registry.entry(kind, id).map(e -> e.source().contentHash()).orElse("");
        return hash.isEmpty() ? ReportAssembler.sha256("builtin:" + kind + ":" + id) : hash;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
