package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.RulesReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
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
    public Integer call() {
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
        Workspace workspace = registry.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace);
        BacktestRequest.Rules request = new BacktestRequest.Rules(
                data.toString(),
                symbols == null ? List.of() : symbols,
                start,
                end,
                strategyId,
                parseParams(params),
                capital,
                commissionBps,
                slippageBps);
        RulesReport report;
        try (ComponentRegistry reg = RegistryOptions.open(workspace)) {
            report = new BacktestService(reg, catalog).run(request, ProgressListener.NONE, CancellationToken.create());
        }
        PrintWriter out = spec.commandLine().getOut();
        printSummary(out, report);
        if (json != null) {
            JsonMapper.write(report, json);
            out.println("json:          " + json);
        }
        out.flush();
        return 0;
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

    private void printSummary(PrintWriter out, RulesReport r) {
        long wins = r.trades().stream().filter(t -> t.pnl() > 0).count();
        double maxDrawdown = 0, peak = r.capital();
        for (var p : r.equityCurve()) {
            peak = Math.max(peak, p.value());
            maxDrawdown = Math.min(maxDrawdown, p.value() / peak - 1);
        }
        out.printf(Locale.ROOT, "rules backtest: %s %s%n", r.strategy(), r.params());
        out.printf(
                Locale.ROOT,
                "data:          %s — %d symbols, %s to %s (%d days)%n",
                data,
                r.symbols().size(),
                r.start(),
                r.end(),
                r.equityCurve().size());
        out.printf(
                Locale.ROOT,
                "capital:       %,.2f (sleeve %,.2f per symbol; commission %s bps, slippage %s bps)%n",
                r.capital(),
                r.capital() / r.symbols().size(),
                r.commissionBps(),
                r.slippageBps());
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
                (long) r.timingsMs().prepare(),
                (long) r.timingsMs().backtest());
    }
}
