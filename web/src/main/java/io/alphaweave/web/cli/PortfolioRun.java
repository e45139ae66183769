package io.alphaweave.web.cli;

import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.ComparisonTable;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ResolvedConfig;
import io.alphaweave.platform.app.RunMetrics;
import io.alphaweave.platform.app.StrategyRunReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import io.alphaweave.platform.evaluation.StrategyContribution;
import io.alphaweave.platform.evaluation.TradeMetrics;
import io.alphaweave.platform.evaluation.TurnoverMetrics;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a portfolio run for the CLI: the {@link BacktestService} runs the config, this prints the
 * table and writes the report's JSON.
 */
final class PortfolioRun {
    private PortfolioRun() {}

    /** The CLI entry: parse, run, print the table, write the JSON; exit code 0. */
    static int command(
            Path configFile,
            Path json,
            boolean compare,
            RegistryOptions registryOptions,
            picocli.CommandLine.Model.CommandSpec spec) {
        Workspace workspace = registryOptions.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace);
        BacktestConfig config = BacktestConfig.parse(configFile, catalog);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ComponentRegistry registry = RegistryOptions.open(workspace)) {
            ProgressBar bar = new ProgressBar(err, ProgressBar.terminal(), "backtest");
            BacktestReport report = new BacktestService(registry, catalog)
                    .run(
                            new BacktestRequest.Portfolio(config, compare),
                            (phase, fraction) -> bar.update(fraction),
                            CancellationToken.create());
            bar.finish();
            printTable(report, out);
            if (json != null) {
                JsonMapper.write(report, json);
                out.println();
                out.println("json: " + json);
            }
        }
        out.flush();
        return 0;
    }

    static void printTable(BacktestReport r, PrintWriter out) {
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
                "final equity %,.2f from %,.2f; %d fills; %d binding-constraint events; %.0f ms%n%n",
                r.metrics().finalEquity(),
                c.capital(),
                r.trades().size(),
                r.bindingConstraints().size(),
                r.timingsMs().total());
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
                "strategy contributions to the portfolio (Σ daily return contributions) and IC (mean, 1d / 5d / 20d):");
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
