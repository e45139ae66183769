package io.alphaweave.web;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The checks of a definition shared by {@code alphaweave validate} and {@code POST /api/v1/validate}:
 * schema, compile, sandbox run, lookahead check and a quick in-sample rules backtest; every problem
 * with file, line, column, code, message and hint. Stateless and thread-safe.
 *
 * <p>Interim home until the application layer's definition validator lands in the platform.
 */
public final class DefinitionCheck {
    private DefinitionCheck() {}

    /**
     * Checks one definition.
     *
     * @param file the name the report and its problems use (a file name, never a server path over HTTP)
     * @param loader loads the definition; throws {@link DefinitionException} with its problems
     * @param data the market data for the sandbox run, lookahead check and backtest, loaded on demand
     * @param dataLabel how the report names that data, asked only when the data is used
     * @return the report: file, ok, checks, problems, and when loaded id, kind, source, sha256,
     *     coverage and backtest
     */
    public static Map<String, Object> run(
            String file,
            Supplier<DefinitionLoader.Loaded> loader,
            Supplier<MarketData> data,
            Supplier<String> dataLabel) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        report.put("file", file);
        report.put("ok", false);
        report.put("checks", checks);
        report.put("problems", problems);
        DefinitionLoader.Loaded loaded = null;
        try {
            loaded = loader.get();
            checks.put("schema", "passed");
            checks.put("compile", "passed");
            report.put("id", loaded.id());
            report.put("kind", loaded.kind().name().toLowerCase(Locale.ROOT));
            report.put("source", loaded.source());
            report.put("sha256", loaded.contentHash());
        } catch (DefinitionException e) {
            checks.put("schema", e.problems().stream().anyMatch(p -> p.code().startsWith("JS_")) ? "passed" : "failed");
            checks.put("compile", "failed");
            e.problems().forEach(p -> problems.add(problem(p)));
        }
        if (loaded != null) {
            switch (loaded.component()) {
                case Strategy s ->
                    checkStrategy(s, loaded, checks, problems, report, file, data.get(), dataLabel.get());
                case SignalCombiner c -> checkCombiner(c, loaded, checks, problems, file);
                default -> checks.put("sandbox", "skipped: allocators are checked when a backtest runs them");
            }
        }
        report.put("ok", problems.isEmpty());
        return report;
    }

    private static void checkStrategy(
            Strategy s,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<Map<String, Object>> problems,
            Map<String, Object> report,
            String file,
            MarketData panel,
            String dataLabel) {
        try {
            AlphaMatrix m = new AlphaMatrix(panel.symbolCount(), panel.dayCount());
            s.generateAlphaSignals(panel, m);
            m.validate(s.id(), panel);
            long cells = 0, views = 0;
            for (int i = 0; i < panel.symbolCount(); i++) {
                for (double a : m.alpha(i)) {
                    cells++;
                    views += Double.isNaN(a) ? 0 : 1;
                }
            }
            checks.put("sandbox", "passed");
            report.put("coverage", cells == 0 ? 0.0 : (double) views / cells);
        } catch (ScriptException e) {
            checks.put("sandbox", "failed");
            // where the script was stopped, else where its alpha code starts
            boolean located = e.line() > 0;
            problems.add(problem(
                    e.file() == null ? file : e.file(),
                    located ? e.line() : loaded.line("alpha"),
                    located ? e.column() : 0,
                    e instanceof SandboxViolationException v
                            ? "SANDBOX_" + v.limit().name()
                            : "SCRIPT_ERROR",
                    e.detail(),
                    e instanceof SandboxViolationException
                            ? "make the script cheaper: bounded loops, no large allocations, no deep recursion"
                            : "fix the script so it returns a number in [-1, 1] (or null for no view) on every bar"));
            return;
        } catch (AlphaweaveException e) {
            checks.put("sandbox", "failed");
            problems.add(problem(
                    file,
                    loaded.line("alpha"),
                    0,
                    "SIGNAL_INVALID",
                    e.getMessage(),
                    "keep alpha in [-1, 1]" + " and confidence in [0, 1]"));
            return;
        }
        try {
            LookaheadCheck.on(panel).check(s);
            checks.put("lookahead", "passed");
        } catch (LookaheadException e) {
            checks.put("lookahead", "failed");
            String field = e.getMessage().contains("its confidence for") ? "confidence" : "alpha";
            problems.add(problem(
                    file,
                    loaded.line(field) > 0 ? loaded.line(field) : loaded.line("alpha"),
                    0,
                    "LOOKAHEAD",
                    e.getMessage(),
                    "compute the signal at bar i from bars 0..i only (series.x[j] with j ≤ i)"));
            return;
        }
        RulesBacktest.Result r = RulesBacktest.run(panel, s, RulesBacktest.Config.of(1_000_000));
        Map<String, Object> bt = new LinkedHashMap<>();
        bt.put("mode", "rules (BUY/SELL per symbol, equal cash sleeves, fills at next open)");
        bt.put("data", dataLabel);
        bt.put("symbols", panel.symbolCount());
        bt.put("days", panel.dayCount());
        bt.put("totalReturn", r.totalReturn());
        bt.put("trades", r.trades().size());
        report.put("backtest", bt);
        checks.put("backtest", "passed");
    }

    private static void checkCombiner(
            SignalCombiner c,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<Map<String, Object>> problems,
            String file) {
        double nan = Double.NaN;
        CombinerInput in = new CombinerInput(
                java.time.LocalDate.of(2020, 1, 2),
                List.of("AAA", "BBB", "CCC"),
                List.of("first", "second"),
                new double[] {1.0, 0.5},
                new double[][] {{0.5, -0.2, nan}, {0.3, 0.4, nan}},
                new double[][] {{1.0, 0.5, nan}, {0.8, 0.6, nan}});
        try {
            c.combine(in, new CombinerOutput(2, 3));
            checks.put("sandbox", "passed");
        } catch (ScriptException e) {
            checks.put("sandbox", "failed");
            problems.add(problem(
                    e.file() == null ? file : e.file(),
                    e.line() > 0 ? e.line() : loaded.line("combine"),
                    e.line() > 0 ? e.column() : 0,
                    "SCRIPT_ERROR",
                    e.detail(),
                    "combined alphas must be in [-1, 1] or NaN and the contributions must sum to them"));
        }
    }

    private static Map<String, Object> problem(DefinitionException.Problem p) {
        return problem(p.file(), p.line(), p.column(), p.code(), p.message(), p.hint());
    }

    private static Map<String, Object> problem(
            String file, int line, int column, String code, String msg, String hint) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        m.put("line", line);
        m.put("column", column);
        m.put("code", code);
        m.put("message", msg);
        m.put("hint", hint);
        return m;
    }
}
