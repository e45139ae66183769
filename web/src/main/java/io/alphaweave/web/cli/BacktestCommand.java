package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.data.PanelCache;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alphaweave backtest --mode rules --data FILE --strategy ID [...]}: the legacy rules-mode
 * backtest (DESIGN §4) of one strategy over one data file, with a readable summary and an optional
 * JSON report. {@code --mode} is required so that the portfolio mode (a config file) can join the
 * same command later. Strategies are resolved by id through the component registry (plugins
 * directory: {@code --plugins}).
 */
@Command(
        name = "backtest",
        sortOptions = false,
        description = {
            "Backtest a portfolio from a config file, or one strategy in rules mode.",
            "Portfolio mode: alphaweave backtest CONFIG.yaml [--json OUT.json] [--compare].",
            "Rules mode (DESIGN §4): the strategy's BUY/SELL signals per symbol, one equal cash sleeve per symbol,"
                    + " fills at the symbol's next open, fractional shares, open positions marked at the last close."
        })
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "Backtest mode; `rules` runs the legacy BUY/SELL rules (required).")
    String mode;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description = "Market data: a long CSV (date,open,high,low,close,volume,Name), a Yahoo-style CSV"
                    + " (symbol from the file name) or a folder of them; plain or gzip.")
    Path data;

    @Option(
            names = "--symbols",
            split = ",",
            paramLabel = "A,B,...",
            description = "Only these symbols (default: every symbol in the data).")
    List<String> symbols;

    @Option(names = "--strategy", paramLabel = "ID", description = "Strategy id, e.g. rsi_reversion.")
    String strategyId;

    @Option(
            names = "--params",
            split = ",",
            paramLabel = "K=V",
            description = "Strategy parameters, e.g. window=14,oversold=25.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--capital",
            paramLabel = "CASH",
            defaultValue = "100000",
            description = "Starting capital, split into equal sleeves (default: ${DEFAULT-VALUE}).")
    double capital;

    @Option(
            names = "--commission-bps",
            paramLabel = "BPS",
            defaultValue = "0",
            description = "Commission per fill in basis points (default: ${DEFAULT-VALUE}).")
    double commissionBps;

    @Option(
            names = "--slippage-bps",
            paramLabel = "BPS",
            defaultValue = "0",
            description = "Adverse price move per fill in basis points (default: ${DEFAULT-VALUE}).")
    double slippageBps;

    @Option(names = "--start", paramLabel = "DATE", description = "First day (yyyy-mm-dd; default: the data's).")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last day (yyyy-mm-dd; default: the data's).")
    LocalDate end;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the full result as JSON.")
    Path json;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @CommandLine.Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "CONFIG.yaml",
            description = "Portfolio mode: a backtest config (DESIGN §4: data, universe, period, strategies with"
                    + " weights, combiner, allocator, constraints, rebalance, execution).")
    Path config;

    @Option(
            names = "--compare",
            description = "Portfolio mode: also run every registered combiner and each strategy alone;"
                    + " print and write the comparison table.")
    boolean compare;

    @Override
    public Integer call() throws IOException {
        if (config != null) {
            if (mode != null && !mode.equals("portfolio")) {
                throw new AlphaweaveException("backtest " + config + " runs the config in portfolio mode; drop --mode "
                        + mode + " (rules mode uses flags: --mode rules --data FILE --strategy ID)");
            }
            return PortfolioRun.command(config, json, compare, registry, spec);
        }
        if (mode == null) {
            throw new AlphaweaveException("--mode is required: use --mode rules (with --data and --strategy)");
        }
        if (!mode.equals("rules")) {
            throw new AlphaweaveException("--mode " + mode + " is not supported by the flag form of backtest;"
                    + " use --mode rules (portfolio mode runs from a config file)");
        }
        if (data == null) {
            throw new AlphaweaveException("--data is required in rules mode: a long or Yahoo-style CSV file");
        }
        if (strategyId == null) {
            throw new AlphaweaveException("--strategy is required in rules mode, e.g. --strategy rsi_reversion"
                    + " (see `alphaweave strategies list`)");
        }
        RulesBacktest.Config config = new RulesBacktest.Config(capital, commissionBps, slippageBps);
        long t0 = System.nanoTime();
        // parsed once per file content; later runs read the binary panel (PanelCache)
        MarketData panel = select(new PanelCache(CacheDirectory.resolve()).load(data));
        long t1 = System.nanoTime();
        try (ComponentRegistry reg = registry.open()) {
            return runWith(reg.strategy(strategyId), panel, config, t1 - t0);
        }
    }

    private int runWith(Strategy plain, MarketData panel, RulesBacktest.Config config, long loadNanos)
            throws IOException {
        Map<String, Object> raw = parseParams(params);
        Strategy strategy;
        Map<String, Object> resolved;
        try {
            strategy = plain.configure(raw);
            resolved = new java.util.TreeMap<>(plain.describe().resolve(raw).values());
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("--params for " + strategyId + ": " + e.getMessage());
        }
        long t0 = System.nanoTime();
        RulesBacktest.Result result = RulesBacktest.run(panel, strategy, config);
        long runNanos = System.nanoTime() - t0;
        PrintWriter out = spec.commandLine().getOut();
        printSummary(out, panel, resolved, result, loadNanos, runNanos);
        if (json != null) {
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(json.toFile(), toJson(panel, resolved, result));
            out.println("json:          " + json);
        }
        out.flush();
        return 0;
    }

    private MarketData select(MarketData panel) {
        if (start != null || end != null) {
            if (start != null && end != null && start.isAfter(end)) {
                throw new AlphaweaveException("--start " + start + " is after --end " + end);
            }
            panel = panel.between(start, end);
        }
        if (symbols != null && !symbols.isEmpty()) {
            List<String> wanted = new ArrayList<>();
            for (String s : symbols) {
                String t = s.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (panel.indexOf(t) < 0) {
                    throw new AlphaweaveException("--symbols: " + t + " is not in " + data + " ("
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
            throw new AlphaweaveException("no data to backtest in " + data + " for the chosen symbols and dates");
        }
        return panel;
    }

    /** "14" → 14, "2.5" → 2.5, "true" → true, anything else → the text. */
    static Map<String, Object> parseParams(Map<String, String> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (params == null) {
            return out;
        }
        params.forEach((k, v) -> out.put(k.trim(), parseValue(v.trim())));
        return out;
    }

    private static Object parseValue(String v) {
        if (v.matches("[-+]?\\d{1,9}")) {
            return Integer.parseInt(v);
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return v; // a text parameter
        }
    }

    private void printSummary(
            PrintWriter out,
            MarketData panel,
            Map<String, Object> resolved,
            RulesBacktest.Result r,
            long loadNanos,
            long runNanos) {
        long wins = r.trades().stream().filter(t -> t.pnl() > 0).count();
        double maxDrawdown = 0, peak = r.config().capital();
        for (var p : r.equityCurve()) {
            peak = Math.max(peak, p.value());
            maxDrawdown = Math.min(maxDrawdown, p.value() / peak - 1);
        }
        out.printf(Locale.ROOT, "rules backtest: %s %s%n", strategyId, resolved);
        out.printf(
                Locale.ROOT,
                "data:          %s — %d symbols, %s to %s (%d days)%n",
                data,
                panel.symbolCount(),
                panel.date(0),
                panel.date(panel.dayCount() - 1),
                panel.dayCount());
        out.printf(
                Locale.ROOT,
                "capital:       %,.2f (sleeve %,.2f per symbol; commission %s bps, slippage %s bps)%n",
                r.config().capital(),
                r.config().capital() / panel.symbolCount(),
                r.config().commissionBps(),
                r.config().slippageBps());
        out.printf(Locale.ROOT, "final value:   %,.2f (%+.2f%%)%n", r.finalValue(), 100 * r.totalReturn());
        out.printf(
                Locale.ROOT,
                "trades:        %d closed (%s winners), %d open at the end%n",
                r.trades().size(),
                r.trades().isEmpty()
                        ? "no"
                        : String.format(
                                Locale.ROOT, "%.1f%%", 100.0 * wins / r.trades().size()),
                r.openPositions().size());
        out.printf(Locale.ROOT, "max drawdown:  %.2f%%%n", 100 * maxDrawdown);
        out.printf(
                Locale.ROOT,
                "time:          load %d ms, signals + backtest %d ms%n",
                loadNanos / 1_000_000,
                runNanos / 1_000_000);
    }

    private Map<String, Object> toJson(MarketData panel, Map<String, Object> resolved, RulesBacktest.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "rules");
        m.put("strategy", strategyId);
        m.put("params", resolved);
        m.put("data", data.toString());
        m.put("symbols", r.symbols());
        m.put("start", panel.date(0).toString());
        m.put("end", panel.date(panel.dayCount() - 1).toString());
        m.put("capital", r.config().capital());
        m.put("commission_bps", r.config().commissionBps());
        m.put("slippage_bps", r.config().slippageBps());
        m.put("final_value", r.finalValue());
        m.put("total_return", r.totalReturn());
        m.put("cash", r.cash());
        List<Map<String, Object>> trades = new ArrayList<>();
        for (var t : r.trades()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("symbol", t.symbol());
            x.put("signal_date", t.signalDate().toString());
            x.put("entry_date", t.entryDate().toString());
            x.put("entry_price", t.entryPrice());
            x.put("size", t.size());
            x.put("exit_signal_date", t.exitSignalDate().toString());
            x.put("exit_date", t.exitDate().toString());
            x.put("exit_price", t.exitPrice());
            x.put("pnl", t.pnl());
            trades.add(x);
        }
        m.put("trades", trades);
        List<Map<String, Object>> open = new ArrayList<>();
        for (var p : r.openPositions()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("symbol", p.symbol());
            x.put("signal_date", p.signalDate().toString());
            x.put("entry_date", p.entryDate().toString());
            x.put("entry_price", p.entryPrice());
            x.put("size", p.size());
            x.put("last_date", p.lastDate().toString());
            x.put("last_close", p.lastClose());
            x.put("market_value", p.marketValue());
            x.put("unrealized_pnl", p.unrealizedPnl());
            open.add(x);
        }
        m.put("open_positions", open);
        List<Map<String, Object>> returns = new ArrayList<>(), equity = new ArrayList<>();
        for (var p : r.equityCurve()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("date", p.date().toString());
            x.put("return", p.dailyReturn());
            returns.add(x);
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("date", p.date().toString());
            y.put("value", p.value());
            equity.add(y);
        }
        m.put("daily_returns", returns);
        m.put("equity_curve", equity);
        if (!r.equityCurve().isEmpty()) {
            // the account's METRICS.md metrics, so a rules run compares with other engines' reports
            java.time.LocalDate[] dates =
                    new java.time.LocalDate[r.equityCurve().size()];
            double[] daily = new double[dates.length];
            for (int i = 0; i < dates.length; i++) {
                dates[i] = r.equityCurve().get(i).date();
                daily[i] = r.equityCurve().get(i).dailyReturn();
            }
            m.put(
                    "metrics",
                    JsonOutput.metrics(io.alphaweave.platform.evaluation.StrategyEvaluator.metrics(
                            new io.alphaweave.platform.evaluation.ReturnSeries(dates, daily))));
        }
        return m;
    }
}
