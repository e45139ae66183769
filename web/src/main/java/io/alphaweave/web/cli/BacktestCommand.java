package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.RulesReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.backtest.ConfigOverrides;
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
 * {@code alphaweave backtest}: a portfolio backtest of a config file ({@code backtest CONFIG.yaml},
 * where --start/--end/--capital/--commission-bps/--slippage-bps/--symbols override the config), or
 * the legacy rules-mode backtest (DESIGN §4) of one strategy over one data file ({@code backtest
 * --data FILE --strategy ID}). The mode follows from the form; an option that does not apply to the
 * form used is rejected, never ignored. Strategies are resolved by id through the component registry.
 */
@Command(
        name = "backtest",
        sortOptions = false,
        description = {
            "Backtest a portfolio from a config file, or one strategy in rules mode.",
            "Portfolio mode: alphaweave backtest CONFIG.yaml [--json OUT.json] [--compare]; --start, --end,"
                    + " --capital, --commission-bps, --slippage-bps and --symbols override the config's values.",
            "Rules mode (DESIGN §4): alphaweave backtest --data FILE --strategy ID [--params K=V,...]: the strategy's"
                    + " BUY/SELL signals per symbol, one equal cash sleeve per symbol, fills at the symbol's next open,"
                    + " fractional shares, open positions marked at the last close.",
            "An option that does not apply to the mode used is refused, never ignored."
        })
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "portfolio or rules (default: portfolio with a CONFIG.yaml, rules without one).")
    String mode;

    @Option(
            names = "--data",
            paramLabel = "FILE",
            description =
                    "Rules mode: market data: a long CSV (date,open,high,low,close,volume,Name), a Yahoo-style CSV"
                            + " (symbol from the file name) or a folder of them; plain or gzip.")
    Path data;

    @Option(
            names = "--symbols",
            split = ",",
            paramLabel = "A,B,...",
            description = "Only these symbols (default: every symbol in the data; with a config: its universe).")
    List<String> symbols;

    @Option(names = "--strategy", paramLabel = "ID", description = "Rules mode: strategy id, e.g. rsi_reversion.")
    String strategyId;

    @Option(
            names = "--params",
            split = ",",
            paramLabel = "K=V",
            description = "Rules mode: strategy parameters, e.g. window=14,oversold=25.")
    Map<String, String> params = new LinkedHashMap<>();

    /** Rules-mode defaults of the cash and cost options (a config has its own). */
    static final double RULES_CAPITAL = 100_000, RULES_COMMISSION_BPS = 0, RULES_SLIPPAGE_BPS = 0;

    @Option(
            names = "--capital",
            paramLabel = "CASH",
            description = "Starting capital (rules mode: split into equal sleeves, default 100000; with a config:"
                    + " replaces its capital).")
    Double capital;

    @Option(
            names = "--commission-bps",
            paramLabel = "BPS",
            description = "Commission per fill in basis points (rules mode default 0; with a config: replaces"
                    + " execution.commission_bps).")
    Double commissionBps;

    @Option(
            names = "--slippage-bps",
            paramLabel = "BPS",
            description = "Adverse price move per fill in basis points (rules mode default 0; with a config:"
                    + " replaces execution.slippage_bps).")
    Double slippageBps;

    @Option(
            names = "--start",
            paramLabel = "DATE",
            description = "First day, yyyy-mm-dd (default: the data's; with a config: replaces period.start).")
    LocalDate start;

    @Option(
            names = "--end",
            paramLabel = "DATE",
            description = "Last day, yyyy-mm-dd (default: the data's; with a config: replaces period.end).")
    LocalDate end;

    @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the full result as JSON.")
    Path json;

    @Option(
            names = "--returns-csv",
            paramLabel = "OUT.csv",
            description = "Also write the daily returns as a date,return CSV (the input of `alphaweave metrics"
                    + " --returns`); both modes.")
    Path returnsCsv;

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

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--no-store", description = "Portfolio mode: do not keep the run in the run store.")
    boolean noStore;

    @Override
    public Integer call() {
        if (config != null) {
            if (mode != null && !mode.equals("portfolio")) {
                throw new AlphaweaveException("backtest " + config + " runs the config in portfolio mode; drop --mode "
                        + mode + " (rules mode uses flags: --data FILE --strategy ID)");
            }
            rejectInPortfolioMode();
            return PortfolioRun.command(
                    config,
                    overrides(),
                    json,
                    returnsCsv,
                    compare,
                    new PortfolioRun.StoreChoice(!noStore, database),
                    registry,
                    spec);
        }
        if (mode != null && !mode.equals("rules")) {
            throw new AlphaweaveException("--mode " + mode + " needs a config file: alphaweave backtest CONFIG.yaml"
                    + " (the flag form --data FILE --strategy ID runs rules mode)");
        }
        if (noStore || database.url != null) {
            throw new AlphaweaveException(
                    (noStore ? "--no-store" : "--db") + " does not apply in rules mode:"
                            + " rules runs are not stored; drop it, or run a portfolio config (alphaweave backtest CONFIG.yaml)");
        }
        if (compare) {
            throw new AlphaweaveException("--compare compares combiners of a portfolio config and does not apply in"
                    + " rules mode; run alphaweave backtest CONFIG.yaml --compare");
        }
        if (data == null && strategyId == null) {
            throw new AlphaweaveException("backtest needs a CONFIG.yaml (portfolio mode) or --data FILE --strategy ID"
                    + " (rules mode); see alphaweave backtest --help");
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
        BacktestRequest.Rules request;
        try {
            request = new BacktestRequest.Rules(
                    data.toString(),
                    symbols == null ? List.of() : symbols,
                    start,
                    end,
                    strategyId,
                    parseParams(params),
                    capital == null ? RULES_CAPITAL : capital,
                    commissionBps == null ? RULES_COMMISSION_BPS : commissionBps,
                    slippageBps == null ? RULES_SLIPPAGE_BPS : slippageBps);
        } catch (InvalidParameterException e) {
            throw optionNamed(e);
        }
        RulesReport report;
        try (ComponentRegistry reg = RegistryOptions.open(workspace)) {
            report = new BacktestService(reg, catalog).run(request, ProgressListener.NONE, CancellationToken.create());
        } catch (InvalidParameterException e) {
            throw e.getMessage().startsWith("capital")
                            || e.getMessage().startsWith("commission_bps")
                            || e.getMessage().startsWith("slippage_bps")
                    ? optionNamed(e)
                    : e;
        }
        PrintWriter out = spec.commandLine().getOut();
        printSummary(out, report);
        if (json != null) {
            JsonMapper.write(report, json);
            out.println("json:          " + json);
        }
        if (returnsCsv != null) {
            returnSeries(report).writeCsv(returnsCsv);
            out.println("returns csv:   " + returnsCsv);
        }
        out.flush();
        return 0;
    }

    /** RulesBacktest.Config names its fields; the user typed the options. */
    private static AlphaweaveException optionNamed(InvalidParameterException e) {
        String msg = e.getMessage();
        String option = msg.startsWith("capital")
                ? "--capital"
                : msg.startsWith("commission_bps") ? "--commission-bps" : "--slippage-bps";
        return new AlphaweaveException(option + ": " + msg, e);
    }

    /** The rules-mode options have no meaning for a config, which names its own data and strategies. */
    private void rejectInPortfolioMode() {
        String where = "the config " + config;
        if (data != null) {
            throw new AlphaweaveException("--data does not apply with a config file: " + where
                    + " names its data (data.path); edit it there or drop --data");
        }
        if (strategyId != null) {
            throw new AlphaweaveException("--strategy does not apply with a config file: " + where
                    + " lists its strategies; edit strategies: there or run rules mode without the config");
        }
        if (params != null && !params.isEmpty()) {
            throw new AlphaweaveException("--params does not apply with a config file: set strategies[*].params in "
                    + where + " or run rules mode without the config");
        }
    }

    /** The portfolio-mode overrides given on the command line (validated by the config's rules). */
    private ConfigOverrides overrides() {
        List<String> universe = symbols == null || symbols.isEmpty() ? null : symbols;
        try {
            return new ConfigOverrides(start, end, capital, commissionBps, slippageBps, universe);
        } catch (BacktestConfigException e) {
            String option = PortfolioRun.optionOf(e.getMessage());
            throw new BacktestConfigException((option == null ? "" : option + ": ") + e.getMessage(), e);
        }
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

    private static io.alphaweave.platform.evaluation.ReturnSeries returnSeries(RulesReport r) {
        LocalDate[] dates = new LocalDate[r.dailyReturns().size()];
        double[] daily = new double[dates.length];
        for (int i = 0; i < dates.length; i++) {
            dates[i] = r.dailyReturns().get(i).date();
            daily[i] = r.dailyReturns().get(i).dailyReturn();
        }
        return new io.alphaweave.platform.evaluation.ReturnSeries(dates, daily);
    }
}
