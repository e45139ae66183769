package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.backtest.CombinationComparison;
import io.alphaweave.platform.backtest.ComparisonRow;
import io.alphaweave.platform.backtest.ConfigOverrides;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PortfolioTrade;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.evaluation.StrategyContribution;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import io.alphaweave.platform.portfolio.BindingConstraint;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a portfolio backtest config end to end for the CLI: resolve, signals, backtest, evaluate,
 * each strategy alone, optionally every registered combiner; prints a table, writes the JSON.
 */
final class PortfolioRun {
    private PortfolioRun() {}

    /** What one config run produced, for printing and JSON. */
    record Outcome(
            PreparedBacktest prepared,
            StrategySignals signals,
            PortfolioResult result,
            PortfolioReport report,
            CombinationComparison comparison,
            double[][] combinedAlpha,
            long prepareNanos,
            long totalNanos) {}

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
            RegistryOptions registryOptions,
            picocli.CommandLine.Model.CommandSpec spec) {
        BacktestConfig fromFile = BacktestConfig.parse(configFile);
        List<ConfigOverrides.Change> changes = overrides.changes(fromFile);
        BacktestConfig config;
        try {
            config = overrides.applyTo(fromFile);
        } catch (BacktestConfigException e) {
            throw blame(configFile, e, changes);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ComponentRegistry registry = registryOptions.open()) {
            Outcome o;
            try {
                o = execute(config, registry, compare, err, ProgressBar.terminal());
            } catch (BacktestConfigException e) {
                throw blame(configFile, e, changes);
            }
            printTable(o, changes, out);
            if (json != null) {
                ObjectNode root = json(o);
                root.set("overrides", overridesJson(changes));
                writeJson(root, json);
                out.println();
                out.println("json: " + json);
            }
            if (returnsCsv != null) {
                o.result().returnSeries().writeCsv(returnsCsv);
                out.println((json == null ? "\n" : "") + "returns csv: " + returnsCsv);
            }
        }
        out.flush();
        return 0;
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

    private static ArrayNode overridesJson(List<ConfigOverrides.Change> changes) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (ConfigOverrides.Change c : changes) {
            ObjectNode e = a.addObject();
            e.put("field", c.field());
            e.put("option", OPTIONS.get(c.field()));
            e.set("config", jsonValue(c.configValue()));
            e.set("value", jsonValue(c.value()));
        }
        return a;
    }

    private static com.fasterxml.jackson.databind.JsonNode jsonValue(Object v) {
        if (v instanceof LocalDate d) {
            return JsonNodeFactory.instance.textNode(d.toString());
        }
        return JsonOutput.mapper().valueToTree(v);
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

    static Outcome execute(
            BacktestConfig config, ComponentRegistry registry, boolean compare, PrintWriter err, boolean progress) {
        long t0 = System.nanoTime();
        PreparedBacktest prepared = PortfolioBacktest.prepare(config, registry);
        List<SignalCombiner> combiners = compare ? PortfolioBacktest.registeredCombiners(registry) : List.of();
        long t1 = System.nanoTime();
        MarketData data = prepared.data();
        ProgressBar bar = new ProgressBar(err, progress, "backtest");
        StrategySignals signals =
                PortfolioBacktest.computeSignals(data, prepared.setup().strategies());
        int n = data.symbolCount(), days = data.dayCount();
        double[][] combined = new double[n][days];
        for (double[] row : combined) {
            Arrays.fill(row, Double.NaN);
        }
        LocalDate[] calendar = data.calendar();
        int first = prepared.firstDay();
        PortfolioResult result = PortfolioBacktest.run(data, prepared.setup(), signals, first, r -> {
            int day = Arrays.binarySearch(calendar, r.date());
            double[] a = r.combinedAlpha();
            for (int s = 0; s < n; s++) {
                combined[s][day] = a[s];
            }
            bar.update(0.5 * day / days);
        });
        PortfolioReport report = PortfolioBacktest.evaluate(result);
        bar.update(0.6);
        CombinationComparison comparison =
                PortfolioBacktest.compareCombinations(data, prepared.setup(), combiners, signals, first, 2_000);
        bar.update(1.0);
        bar.finish();
        return new Outcome(prepared, signals, result, report, comparison, combined, t1 - t0, System.nanoTime() - t0);
    }

    /** The period's panel (warm-up bars dropped), for IC and signal statistics over the period only. */
    static MarketData periodData(Outcome o) {
        MarketData d = o.prepared().data();
        return d.between(d.date(o.prepared().firstDay()), null);
    }

    /** A matrix cut to the period. */
    static AlphaMatrix periodMatrix(Outcome o, AlphaMatrix m) {
        int first = o.prepared().firstDay();
        int days = m.dayCount() - first;
        AlphaMatrix out = new AlphaMatrix(m.symbolCount(), days);
        for (int s = 0; s < m.symbolCount(); s++) {
            System.arraycopy(m.alpha(s), first, out.alpha(s), 0, days);
            System.arraycopy(m.confidence(s), first, out.confidence(s), 0, days);
        }
        return out;
    }

    static double[][] periodRows(Outcome o, double[][] rows) {
        int first = o.prepared().firstDay();
        double[][] out = new double[rows.length][];
        for (int s = 0; s < rows.length; s++) {
            out[s] = Arrays.copyOfRange(rows[s], first, rows[s].length);
        }
        return out;
    }

    // ------------------------------------------------------------------ table

    static void printTable(Outcome o, List<ConfigOverrides.Change> changes, PrintWriter out) {
        PreparedBacktest p = o.prepared();
        MarketData d = periodData(o);
        out.printf(
                Locale.ROOT,
                "%s: %d symbols, %s … %s (%d days), %s rebalance, combiner %s, allocator %s%n",
                p.config().name(),
                d.symbolCount(),
                d.date(0),
                d.date(d.dayCount() - 1),
                d.dayCount(),
                p.config().rebalance().id(),
                p.setup().combiner().id(),
                p.setup().allocator().id());
        out.printf(
                Locale.ROOT,
                "final equity %,.2f from %,.2f; %d fills; %d binding-constraint events; %.0f ms%n",
                o.result().finalEquity(),
                p.setup().capital(),
                o.result().trades().size(),
                o.result().bindingConstraints().size(),
                o.totalNanos() / 1e6);
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
        t.add(row("portfolio", "portfolio", o.report()));
        for (ComparisonRow r : o.comparison().combiners()) {
            t.add(row(r.label(), "combiner", r.report()));
        }
        for (ComparisonRow r : o.comparison().strategiesAlone()) {
            t.add(row(r.label(), "alone", r.report()));
        }
        t.print(out);
        out.println();
        out.println(
                "strategy contributions to the portfolio (Σ daily return contributions) and IC (mean, 1d / 5d / 20d,"
                        + " ic_mode " + p.config().icMode().id() + "):");
        for (StrategyContribution c : o.report().contributions()) {
            List<InformationCoefficient> decay = StrategyEvaluator.alphaDecay(
                    d,
                    rows(periodMatrix(o, o.signals().of(c.strategyId()))),
                    p.config().icMode());
            out.printf(
                    Locale.ROOT,
                    "  %-26s %+.4f (%s of total)   IC %s / %s / %s%n",
                    c.strategyId(),
                    c.contribution(),
                    Double.isFinite(c.share()) ? String.format(Locale.ROOT, "%.0f%%", 100 * c.share()) : "n/a",
                    MetricTable.number(decay.get(0).mean()),
                    MetricTable.number(decay.get(2).mean()),
                    MetricTable.number(decay.get(4).mean()));
        }
    }

    private static List<String> row(String label, String kind, PortfolioReport r) {
        var m = r.metrics();
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
                MetricTable.number(r.trades().winRate()),
                MetricTable.number(r.turnover().annualised()));
    }

    static double[][] rows(AlphaMatrix m) {
        double[][] out = new double[m.symbolCount()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = m.alpha(s);
        }
        return out;
    }

    // ------------------------------------------------------------------ JSON

    static ObjectNode json(Outcome o) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        PreparedBacktest p = o.prepared();
        MarketData d = periodData(o);
        root.set("config", configEcho(p));
        ObjectNode metrics = JsonOutput.metrics(o.report().metrics());
        JsonOutput.put(metrics, "final_equity", o.result().finalEquity());
        root.set("metrics", metrics);
        root.set("trade_metrics", JsonOutput.tree(o.report().trades()));
        root.set("turnover", JsonOutput.tree(o.report().turnover()));
        root.set("probabilistic_sharpe", JsonOutput.tree(o.report().probabilisticSharpe()));
        if (o.report().sharpeInterval() != null) {
            root.set("sharpe_interval", JsonOutput.tree(o.report().sharpeInterval()));
        }
        ArrayNode contributions = root.putArray("contributions");
        for (StrategyContribution c : o.report().contributions()) {
            contributions.add(JsonOutput.tree(c));
        }

        ObjectNode strategies = root.putObject("strategies");
        ObjectNode ic = root.putObject("ic");
        ObjectNode icStrategies = ic.putObject("strategies");
        for (ComparisonRow r : o.comparison().strategiesAlone()) {
            AlphaMatrix m = periodMatrix(o, o.signals().of(r.label()));
            ObjectNode s = strategies.putObject(r.label());
            s.set("metrics", JsonOutput.metrics(r.report().metrics()));
            JsonOutput.put((ObjectNode) s.get("metrics"), "final_equity", r.finalEquity());
            s.set("trade_metrics", JsonOutput.tree(r.report().trades()));
            s.set("turnover", JsonOutput.tree(r.report().turnover()));
            s.set("probabilistic_sharpe", JsonOutput.tree(r.report().probabilisticSharpe()));
            if (r.report().sharpeInterval() != null) {
                s.set("sharpe_interval", JsonOutput.tree(r.report().sharpeInterval()));
            }
            var hist = StrategyEvaluator.alphaHistogram(m, StrategyEvaluator.DEFAULT_BINS);
            ObjectNode h = s.putObject("alpha_histogram");
            ArrayNode edges = h.putArray("edges");
            Arrays.stream(hist.edges()).forEach(edges::add);
            ArrayNode counts = h.putArray("counts");
            Arrays.stream(hist.counts()).forEach(counts::add);
            h.put("total", hist.total());
            JsonOutput.put(h, "mean", hist.mean());
            JsonOutput.put(h, "std", hist.std());
            var conf = StrategyEvaluator.confidenceOverTime(d, m);
            ArrayNode confidence = s.putArray("confidence_over_time");
            double[] mc = conf.meanConfidence(), ma = conf.meanAbsAlpha();
            int[] cnt = conf.symbolsWithView();
            for (int t = 0; t < d.dayCount(); t++) {
                ObjectNode e = confidence.addObject();
                e.put("date", d.date(t).toString());
                JsonOutput.put(e, "mean_confidence", mc[t]);
                JsonOutput.put(e, "mean_abs_alpha", ma[t]);
                e.put("symbols_with_view", cnt[t]);
            }
            icStrategies.set(
                    r.label(),
                    icArray(StrategyEvaluator.alphaDecay(d, rows(m), p.config().icMode())));
        }
        ic.set(
                "portfolio",
                icArray(StrategyEvaluator.alphaDecay(
                        d, periodRows(o, o.combinedAlpha()), p.config().icMode())));
        ic.put("mode", p.config().icMode().id());

        ArrayNode daily = root.putArray("daily_returns");
        double[] ret = o.result().returns(), eq = o.result().equity();
        for (int t = 0; t < ret.length; t++) {
            ObjectNode e = daily.addObject();
            e.put("date", d.date(t).toString());
            e.put("return", ret[t]);
            e.put("equity", eq[t]);
        }

        // the book right after each rebalance filled: weights at the close of every day with fills
        ArrayNode weights = root.putArray("weights");
        double[][] w = o.result().weights();
        boolean[] fillDay = new boolean[d.dayCount()];
        for (int i = 0; i < o.result().trades().size(); i++) {
            fillDay[o.result().trades().day(i) - p.firstDay()] = true;
        }
        for (int t = 0; t < d.dayCount(); t++) {
            if (!fillDay[t]) {
                continue;
            }
            ObjectNode e = weights.addObject();
            e.put("date", d.date(t).toString());
            ObjectNode ws = e.putObject("weights");
            for (int s = 0; s < d.symbolCount(); s++) {
                if (w[s][t] != 0) {
                    ws.put(d.symbols().get(s), w[s][t]);
                }
            }
        }

        ArrayNode trades = root.putArray("trades");
        for (PortfolioTrade t : o.result().trades().trades()) {
            ObjectNode e = trades.addObject();
            e.put("date", t.date().toString());
            e.put("decision_date", t.decisionDate().toString());
            e.put("symbol", t.symbol());
            e.put("quantity", t.quantity());
            e.put("price", t.price());
            e.put("commission", t.commission());
            ObjectNode a = e.putObject("attribution");
            t.attribution().forEach(a::put);
        }

        ArrayNode binding = root.putArray("binding_constraints");
        for (BindingConstraint b : o.result().bindingConstraints()) {
            ObjectNode e = binding.addObject();
            e.put("date", b.date().toString());
            e.put("constraint", b.constraint());
            e.put("detail", b.detail());
            e.put("weight_moved", b.weightMoved());
        }

        if (!o.comparison().combiners().isEmpty()) {
            ObjectNode cmp = root.putObject("comparison");
            ArrayNode rows = cmp.putArray("combiners");
            for (ComparisonRow r : o.comparison().combiners()) {
                rows.add(comparisonRow(r));
            }
            ArrayNode alone = cmp.putArray("strategies_alone");
            for (ComparisonRow r : o.comparison().strategiesAlone()) {
                alone.add(comparisonRow(r));
            }
        }
        ObjectNode timings = root.putObject("timings_ms");
        timings.put("prepare", o.prepareNanos() / 1e6);
        timings.put("signals", o.signals().computeNanos() / 1e6);
        timings.put("backtest", o.result().loopNanos() / 1e6);
        timings.put("total", o.totalNanos() / 1e6);
        return root;
    }

    private static ObjectNode comparisonRow(ComparisonRow r) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("label", r.label());
        e.put("kind", r.kind());
        JsonOutput.put(e, "final_equity", r.finalEquity());
        e.set("metrics", JsonOutput.metrics(r.report().metrics()));
        e.set("trade_metrics", JsonOutput.tree(r.report().trades()));
        e.set("turnover", JsonOutput.tree(r.report().turnover()));
        e.set("probabilistic_sharpe", JsonOutput.tree(r.report().probabilisticSharpe()));
        return e;
    }

    private static ArrayNode icArray(List<InformationCoefficient> decay) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        decay.forEach(ic -> a.add(JsonOutput.tree(ic)));
        return a;
    }

    static ObjectNode configEcho(PreparedBacktest p) {
        BacktestConfig c = p.config();
        MarketData d = p.data();
        int first = p.firstDay();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("name", c.name());
        ObjectNode data = n.putObject("data");
        data.put("path", c.dataPath().toString());
        if (c.sectorsPath() != null) {
            data.put("sectors", c.sectorsPath().toString());
        }
        if (c.dataOptions().symbol() != null) {
            data.put("symbol", c.dataOptions().symbol());
        }
        data.put("drop_bad_rows", c.dataOptions().dropBadRows());
        ArrayNode universe = n.putArray("universe");
        d.symbols().forEach(universe::add);
        ObjectNode period = n.putObject("period");
        period.put("start", d.date(first).toString());
        period.put("warm_up_from", d.date(0).toString());
        period.put("end", d.date(d.dayCount() - 1).toString());
        n.put("capital", c.capital());
        ArrayNode strategies = n.putArray("strategies");
        for (BacktestConfig.StrategyRef s : c.strategies()) {
            ObjectNode e = strategies.addObject();
            e.put("id", s.id());
            e.put("weight", s.weight());
            e.set("params", params(p.resolvedParams().get(s.id())));
        }
        ObjectNode combiner = n.putObject("combiner");
        combiner.put("id", c.combiner().id());
        combiner.set("params", params(p.resolvedParams().get(c.combiner().id())));
        ObjectNode allocator = n.putObject("allocator");
        allocator.put("id", c.allocator().id());
        allocator.set("params", params(p.resolvedParams().get(c.allocator().id())));
        ObjectNode cons = n.putObject("constraints");
        JsonOutput.put(cons, "max_position", c.constraints().maxPosition());
        JsonOutput.put(cons, "max_sector", c.constraints().maxSector());
        cons.put("min_positions", c.constraints().minPositions());
        cons.put("long_only", c.constraints().longOnly());
        cons.put("gross_leverage", c.constraints().grossLeverage());
        cons.put("on_infeasible", c.constraints().onInfeasible().id());
        n.put("rebalance", c.rebalance().id());
        ObjectNode ex = n.putObject("execution");
        ex.put("fill", "next_open");
        ex.put("commission_bps", c.costs().commissionBps());
        ex.put("slippage_bps", c.costs().slippageBps());
        ex.put("fractional", c.costs().fractional());
        n.putObject("evaluation").put("ic_mode", c.icMode().id());
        n.put("mode", "portfolio");
        return n;
    }

    private static ObjectNode params(Map<String, Object> values) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (values != null) {
            values.forEach((k, v) -> n.set(k, JsonOutput.mapper().valueToTree(v)));
        }
        return n;
    }

    static void writeJson(ObjectNode root, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JsonOutput.write(root));
        } catch (IOException e) {
            throw new io.alphaweave.api.AlphaweaveException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
