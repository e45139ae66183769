package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.LookaheadCheck;
import io.alphaweave.platform.dsl.LookaheadException;
import io.alphaweave.platform.dsl.SandboxViolationException;
import io.alphaweave.platform.dsl.ScriptException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Checks a strategy, combiner or allocator definition (YAML or JavaScript) the way the platform will
 * use it: schema, compile, a sandbox run on real data, the lookahead check and a quick in-sample rules
 * backtest. Problems are collected, never thrown. Thread-safe (the loader's scripts run in sandboxes).
 */
public final class DefinitionValidator {
    private static final String PASSED = "passed";
    private static final String FAILED = "failed";

    private final DefinitionLoader loader;
    private final Path data;
    private final MarketData panel;

    /**
     * @param loader loads definitions (usually {@link DefinitionLoader#shared()})
     * @param data the market data for the sandbox run, the lookahead check and the backtest
     */
    public DefinitionValidator(DefinitionLoader loader, Path data) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.data = Objects.requireNonNull(data, "data");
        this.panel = null;
    }

    /**
     * A validator on a panel already in memory (a warm worker checks many definitions on the same data).
     *
     * @param loader loads definitions
     * @param name what the data is called in reports
     * @param panel the market data for the sandbox run, the lookahead check and the backtest
     */
    public DefinitionValidator(DefinitionLoader loader, Path name, MarketData panel) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.data = Objects.requireNonNull(name, "name");
        this.panel = Objects.requireNonNull(panel, "panel");
    }

    /** @return the market data the checks run on */
    public Path data() {
        return data;
    }

    /**
     * A validator on the catalog's sample dataset.
     *
     * @param catalog the datasets
     * @return the validator
     */
    public static DefinitionValidator onSample(DatasetCatalog catalog) {
        DatasetCatalog.Dataset sample = catalog.find(DatasetCatalog.SAMPLE)
                .orElseThrow(() -> new AlphaweaveException(
                        "the sample dataset (data/sample/sp500_sample.csv.gz in the installation) was not found;"
                                + " give the validation data explicitly"));
        return new DefinitionValidator(DefinitionLoader.shared(), sample.data());
    }

    /**
     * @param file a {@code .yaml}, {@code .yml}, {@code .js} or {@code .mjs} file
     * @return the report
     */
    public ValidationReport validate(Path file) {
        return validate(file.toString(), () -> loader.load(file));
    }

    /**
     * Validates a definition given as text (an HTTP submission).
     *
     * @param fileName the name used in messages; {@code .js}/{@code .mjs} means a module, anything else YAML
     * @param text the content
     * @return the report
     */
    public ValidationReport validate(String fileName, String text) {
        return validate(fileName, () -> loader.parse(fileName, text), true, null);
    }

    /**
     * Validates a submitted definition: the same checks and problems as {@link #validate(String, String)}
     * but no quick backtest (a submission's verdict has its own figures), and a strategy's signals from
     * the sandbox run are handed over when every check passed, so they need not be computed again.
     *
     * @param fileName the name used in messages
     * @param text the content
     * @param signals receives the loaded strategy and its signals on the validation data when it passed
     * @return the report
     */
    public ValidationReport validateSubmission(
            String fileName, String text, BiConsumer<DefinitionLoader.Loaded, AlphaMatrix> signals) {
        return validate(fileName, () -> loader.parse(fileName, text), false, Objects.requireNonNull(signals));
    }

    private ValidationReport validate(String file, Supplier<DefinitionLoader.Loaded> load) {
        return validate(file, load, true, null);
    }

    private ValidationReport validate(
            String file,
            Supplier<DefinitionLoader.Loaded> load,
            boolean quickBacktest,
            BiConsumer<DefinitionLoader.Loaded, AlphaMatrix> signals) {
        Map<String, String> checks = new LinkedHashMap<>();
        List<DefinitionException.Problem> problems = new ArrayList<>();
        DefinitionLoader.Loaded loaded = null;
        try {
            loaded = load.get();
            checks.put("schema", PASSED);
            checks.put("compile", PASSED);
        } catch (DefinitionException e) {
            checks.put("schema", e.problems().stream().anyMatch(p -> p.code().startsWith("JS_")) ? PASSED : FAILED);
            checks.put("compile", FAILED);
            problems.addAll(e.problems());
        }
        Double coverage = null;
        ValidationReport.QuickBacktest backtest = null;
        if (loaded != null) {
            switch (loaded.component()) {
                case Strategy s -> {
                    StrategyOutcome o = checkStrategy(file, s, loaded, checks, problems, quickBacktest, signals);
                    coverage = o.coverage();
                    backtest = o.backtest();
                }
                case SignalCombiner c -> checkCombiner(file, c, loaded, checks, problems);
                default -> checks.put("sandbox", "skipped: allocators are checked when a backtest runs them");
            }
        }
        return new ValidationReport(
                file,
                problems.isEmpty(),
                checks,
                problems,
                loaded == null ? null : loaded.id(),
                loaded == null ? null : loaded.kind().name().toLowerCase(Locale.ROOT),
                loaded == null ? null : loaded.source(),
                loaded == null ? null : loaded.contentHash(),
                coverage,
                backtest);
    }

    private record StrategyOutcome(Double coverage, ValidationReport.QuickBacktest backtest) {}

    private StrategyOutcome checkStrategy(
            String file,
            Strategy s,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<DefinitionException.Problem> problems,
            boolean quickBacktest,
            BiConsumer<DefinitionLoader.Loaded, AlphaMatrix> signals) {
        MarketData panel = this.panel != null ? this.panel : MarketData.load(data);
        Double coverage;
        AlphaMatrix m;
        try {
            m = new AlphaMatrix(panel.symbolCount(), panel.dayCount());
            s.generateAlphaSignals(panel, m);
            m.validate(s.id(), panel);
            long cells = 0, views = 0;
            for (int i = 0; i < panel.symbolCount(); i++) {
                for (double a : m.alpha(i)) {
                    cells++;
                    views += Double.isNaN(a) ? 0 : 1;
                }
            }
            checks.put("sandbox", PASSED);
            coverage = cells == 0 ? 0.0 : (double) views / cells;
        } catch (ScriptException e) {
            checks.put("sandbox", FAILED);
            problems.add(scriptProblem(
                    file,
                    e,
                    loaded.line("alpha"),
                    "fix the script so it returns a number in [-1, 1] (or null for no view) on every bar"));
            return new StrategyOutcome(null, null);
        } catch (AlphaweaveException e) {
            checks.put("sandbox", FAILED);
            problems.add(new DefinitionException.Problem(
                    file,
                    loaded.line("alpha"),
                    0,
                    "SIGNAL_INVALID",
                    e.getMessage(),
                    "keep alpha in [-1, 1] and confidence in [0, 1]"));
            return new StrategyOutcome(null, null);
        }
        try {
            LookaheadCheck.on(panel).check(s, m);
            checks.put("lookahead", PASSED);
        } catch (LookaheadException e) {
            checks.put("lookahead", FAILED);
            String field = e.getMessage().contains("its confidence for") ? "confidence" : "alpha";
            problems.add(new DefinitionException.Problem(
                    file,
                    loaded.line(field) > 0 ? loaded.line(field) : loaded.line("alpha"),
                    0,
                    "LOOKAHEAD",
                    e.getMessage(),
                    "compute the signal at bar i from bars 0..i only (series.x[j] with j ≤ i)"));
            return new StrategyOutcome(coverage, null);
        } catch (ScriptException e) {
            checks.put("lookahead", FAILED);
            problems.add(scriptProblem(file, e, loaded.line("alpha"), "fix the script"));
            return new StrategyOutcome(coverage, null);
        }
        if (!quickBacktest) {
            checks.put("backtest", "skipped: a submission's verdict has its own figures");
            if (signals != null) {
                signals.accept(loaded, m);
            }
            return new StrategyOutcome(coverage, null);
        }
        RulesBacktest.Result r;
        try {
            r = RulesBacktest.run(panel, s, RulesBacktest.Config.of(1_000_000));
        } catch (ScriptException e) {
            checks.put("backtest", FAILED);
            problems.add(scriptProblem(
                    file,
                    e,
                    loaded.line("buy") > 0 ? loaded.line("buy") : loaded.line("alpha"),
                    "fix the rules so buy and sell return true or false on every bar"));
            return new StrategyOutcome(coverage, null);
        }
        checks.put("backtest", PASSED);
        return new StrategyOutcome(
                coverage,
                new ValidationReport.QuickBacktest(
                        "rules (BUY/SELL per symbol, equal cash sleeves, fills at next open)",
                        data.toString(),
                        panel.symbolCount(),
                        panel.dayCount(),
                        r.totalReturn(),
                        r.trades().size()));
    }

    /** A script failure as a problem: where the script was stopped, else {@code fallbackLine}. */
    private static DefinitionException.Problem scriptProblem(
            String file, ScriptException e, int fallbackLine, String hint) {
        boolean located = e.line() > 0;
        return new DefinitionException.Problem(
                e.file() == null ? file : e.file(),
                located ? e.line() : fallbackLine,
                located ? e.column() : 0,
                e instanceof SandboxViolationException v
                        ? "SANDBOX_" + v.limit().name()
                        : "SCRIPT_ERROR",
                e.detail(),
                e instanceof SandboxViolationException
                        ? "make the script cheaper (bounded loops, small allocations, shallow recursion) or ask"
                                + " for more in its limits block"
                        : hint);
    }

    private static void checkCombiner(
            String file,
            SignalCombiner c,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<DefinitionException.Problem> problems) {
        double nan = Double.NaN;
        CombinerInput in = new CombinerInput(
                LocalDate.of(2020, 1, 2),
                List.of("AAA", "BBB", "CCC"),
                List.of("first", "second"),
                new double[] {1.0, 0.5},
                new double[][] {{0.5, -0.2, nan}, {0.3, 0.4, nan}},
                new double[][] {{1.0, 0.5, nan}, {0.8, 0.6, nan}});
        try {
            c.combine(in, new CombinerOutput(2, 3));
            checks.put("sandbox", PASSED);
        } catch (ScriptException e) {
            checks.put("sandbox", FAILED);
            problems.add(new DefinitionException.Problem(
                    e.file() == null ? file : e.file(),
                    e.line() > 0 ? e.line() : loaded.line("combine"),
                    e.line() > 0 ? e.column() : 0,
                    "SCRIPT_ERROR",
                    e.detail(),
                    "combined alphas must be in [-1, 1] or NaN and the contributions must sum to them"));
        }
    }
}
