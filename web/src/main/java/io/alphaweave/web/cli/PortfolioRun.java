package io.alphaweave.web.cli;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.alphaweave.platform.app.BacktestOutcome;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.ComparisonTable;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.ResolvedConfig;
import io.alphaweave.platform.app.RunMetrics;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.app.StrategyRunReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.backtest.ConfigOverrides;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import io.alphaweave.platform.evaluation.ReturnSeries;
import io.alphaweave.platform.evaluation.StrategyContribution;
import io.alphaweave.platform.evaluation.TradeMetrics;
import io.alphaweave.platform.evaluation.TurnoverMetrics;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a portfolio run for the CLI: the {@link BacktestService} runs the config, this prints the
 * table and writes the report's JSON.
 */
final class PortfolioRun {
    private PortfolioRun() {}

    /**
     * The JSON of {@code backtest --json}: the report, then the command-line overrides that shaped its
     * config (empty when none).
     */
    record Output(@JsonUnwrapped BacktestReport report, List<OverrideEcho> overrides) {}

    /**
     * One command-line override as the JSON echoes it.
     *
     * @param field the config field
     * @param option the option that set it
     * @param config the config file's value, or null when the file left it to the default
     * @param value the value the run used
     */
    record OverrideEcho(String field, String option, Object config, Object value) {}

    /** The config field each command-line override replaces, with its option, in the order they are echoed. */
    static final Map<String, String> OPTIONS = overrideOptions();

    private static Map<String, String> overrideOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("period.start", "--start");
        m.put("period.end", "--end");
        m.put("capital", "--capital");
        m.put("execution.commission_bps", "--commission-bps");
        m.put("execution.slippage_bps", "--slippage-bps");
        m.put("universe", "--symbols");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The CLI entry: parse, apply the overrides, run, print the table, write the JSON and the returns CSV; exit code 0. */
    static int command(
            Path configFile,
            ConfigOverrides overrides,
            Path json,
            Path returnsCsv,
            boolean compare,
            StoreChoice store,
            RegistryOptions registryOptions,
            picocli.CommandLine.Model.CommandSpec spec) {
        Workspace workspace = registryOptions.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace);
        BacktestConfig fromFile = BacktestConfig.parse(configFile, catalog);
        List<ConfigOverrides.Change> changes = overrides.changes(fromFile);
        BacktestConfig config;
        try {
            config = overrides.applyTo(fromFile);
        } catch (BacktestConfigException e) {
            throw blame(configFile, e, changes);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ComponentRegistry registry = RegistryOptions.open(workspace)) {
            ProgressBar bar = new ProgressBar(err, ProgressBar.terminal(), "backtest");
            BacktestService service = new BacktestService(registry, catalog);
            // signal sets only when the run is stored (the store keeps them; the report never holds them)
            java.util.function.Function<Boolean, BacktestOutcome> backtest = withSignals -> {
                try {
                    BacktestRequest.Portfolio request = new BacktestRequest.Portfolio(config, compare);
                    ProgressListener progress = (phase, fraction) -> bar.update(fraction);
                    return withSignals
                            ? service.runWithSignals(request, progress, CancellationToken.create())
                            : new BacktestOutcome(
                                    service.run(request, progress, CancellationToken.create()), List.of());
                } catch (BacktestConfigException e) {
                    throw blame(configFile, e, changes);
                }
            };
            BacktestReport report;
            RunService.Stored stored = null;
            if (store.enabled()) {
                try (Database db = store.database().open()) {
                    stored = new RunService(db).runAndStore(fileName(configFile), () -> backtest.apply(true));
                }
                report = stored.report();
            } else {
                report = backtest.apply(false).report();
            }
            bar.finish();
            printTable(report, changes, out);
            if (stored != null) {
                out.println();
                out.println("run: " + stored.runId());
                stored.sameInputsAs().ifPresent(id -> out.println("same inputs as run " + id));
            }
            if (json != null) {
                List<OverrideEcho> echo = changes.stream()
                        .map(c -> new OverrideEcho(c.field(), OPTIONS.get(c.field()), c.configValue(), c.value()))
                        .toList();
                JsonMapper.write(new Output(report, echo), json);
                out.println();
                out.println("json: " + json);
            }
            if (returnsCsv != null) {
                LocalDate[] dates = new LocalDate[report.dailyReturns().size()];
                double[] daily = new double[dates.length];
                for (int i = 0; i < dates.length; i++) {
                    dates[i] = report.dailyReturns().get(i).date();
                    daily[i] = report.dailyReturns().get(i).dailyReturn();
                }
                new ReturnSeries(dates, daily).writeCsv(returnsCsv);
                out.println((json == null ? "\n" : "") + "returns csv: " + returnsCsv);
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Whether and where a run is stored.
     *
     * @param enabled false with {@code --no-store}
     * @param database the {@code --db} option
     */
    record StoreChoice(boolean enabled, DatabaseOption database) {}

    private static String fileName(Path configFile) {
        Path name = configFile.getFileName();
        return name == null ? configFile.toString() : name.toString();
    }

    /** A config error caused or shaped by an override says so, so the user does not search the file for it. */
    private static BacktestConfigException blame(
            Path configFile, BacktestConfigException e, List<ConfigOverrides.Change> changes) {
        String msg = e.getMessage();
        boolean concerned =
                changes.stream().anyMatch(c -> msg.contains(c.field().replaceFirst("\\..*", "")));
        if (!concerned) {
            return e;
        }
        String given = String.join(
                " ",
                changes.stream()
                        .map(c -> OPTIONS.get(c.field()) + " " + text(c.value()))
                        .toList());
        return new BacktestConfigException(
                msg + " (" + configFile + " with the command-line overrides " + given + ")", e);
    }

    /** @return the option whose override message this is (messages start with the config field), or null */
    static String optionOf(String message) {
        for (Map.Entry<String, String> e : OPTIONS.entrySet()) {
            if (message.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The header's last line, then the blank line before the table. */
    private static void printOverrides(List<ConfigOverrides.Change> changes, PrintWriter out) {
        if (changes.isEmpty()) {
            out.println();
            return;
        }
        List<String> parts = new ArrayList<>();
        for (ConfigOverrides.Change c : changes) {
            String before = c.configValue() != null
                    ? text(c.configValue())
                    : c.field().equals("universe") ? "all" : "the data's";
            parts.add(c.field() + " " + before + " → " + text(c.value()) + " (" + OPTIONS.get(c.field()) + ")");
        }
        out.println("overrides of the config: " + String.join(", ", parts));
        out.println();
    }

    /** A value as the user would type it: 1000 rather than 1000.0, lists comma-separated. */
    static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(Object::toString).toList());
        }
        return String.valueOf(v);
    }

    static void printTable(BacktestReport r, List<ConfigOverrides.Change> changes, PrintWriter out) {
        ResolvedConfig c = r.config();
        out.printf(
                Locale.ROOT,
                "%s: %d symbols, %s … %s (%d days), %s rebalance, combiner %s, allocator %s%n",
                c.name(),
                c.universe().size(),
                c.period().start(),
                c.period().end(),
                r.metrics().days(),
                c.rebalance(),
                c.combiner().id(),
                c.allocator().id());
        out.printf(
                Locale.ROOT,
                "final equity %,.2f from %,.2f; %d fills; %d binding-constraint events; %.0f ms%n",
                r.metrics().finalEquity(),
                c.capital(),
                r.trades().size(),
                r.bindingConstraints().size(),
                r.timingsMs().total());
        printOverrides(changes, out);
        MetricTable t = new MetricTable(List.of(
                "run",
                "kind",
                "total_return",
                "cagr",
                "volatility",
                "sharpe",
                "sortino",
                "max_drawdown",
                "calmar",
                "var_95",
                "trade_win_rate",
                "turnover_yr"));
        t.add(row("portfolio", "portfolio", r.metrics().returnMetrics(), r.tradeMetrics(), r.turnover()));
        if (r.comparison() != null) {
            for (ComparisonTable.Row x : r.comparison().combiners()) {
                t.add(row(x.label(), "combiner", x.metrics(), x.tradeMetrics(), x.turnover()));
            }
        }
        for (Map.Entry<String, StrategyRunReport> e : r.strategies().entrySet()) {
            StrategyRunReport s = e.getValue();
            RunMetrics m = s.metrics();
            t.add(row(e.getKey(), "alone", m.returnMetrics(), s.tradeMetrics(), s.turnover()));
        }
        t.print(out);
        out.println();
        out.println(
                "strategy contributions to the portfolio (Σ daily return contributions) and IC (mean, 1d / 5d / 20d,"
                        + " ic_mode " + r.ic().mode() + "):");
        for (StrategyContribution sc : r.contributions()) {
            List<InformationCoefficient> decay = r.ic().strategies().get(sc.strategyId());
            out.printf(
                    Locale.ROOT,
                    "  %-26s %+.4f (%s of total)   IC %s / %s / %s%n",
                    sc.strategyId(),
                    sc.contribution(),
                    Double.isFinite(sc.share()) ? String.format(Locale.ROOT, "%.0f%%", 100 * sc.share()) : "n/a",
                    MetricTable.number(decay.get(0).mean()),
                    MetricTable.number(decay.get(2).mean()),
                    MetricTable.number(decay.get(4).mean()));
        }
    }

    private static List<String> row(
            String label, String kind, ReturnMetrics m, TradeMetrics trades, TurnoverMetrics turnover) {
        return List.of(
                label,
                kind,
                MetricTable.number(m.totalReturn()),
                MetricTable.number(m.cagr()),
                MetricTable.number(m.volatility()),
                MetricTable.number(m.sharpeRatio()),
                MetricTable.number(m.sortinoRatio()),
                MetricTable.number(m.maxDrawdown()),
                m.calmarRatio() == null ? "n/a" : MetricTable.number(m.calmarRatio()),
                MetricTable.number(m.var95()),
                MetricTable.number(trades.winRate()),
                MetricTable.number(turnover.annualised()));
    }
}
