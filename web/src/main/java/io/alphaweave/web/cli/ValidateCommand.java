package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.data.PanelCache;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.LookaheadCheck;
import io.alphaweave.platform.dsl.LookaheadException;
import io.alphaweave.platform.dsl.SandboxViolationException;
import io.alphaweave.platform.dsl.ScriptException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alphaweave validate FILE [--json]}: schema, compile, sandbox run, lookahead check and a
 * quick in-sample rules backtest on the sample data; every problem with file, line, column, code,
 * message and hint. Exit 0 when the definition passes, 2 when it has problems.
 */
@Command(
        name = "validate",
        description = "Check a strategy/combiner/allocator definition (YAML or JavaScript): schema, compile, sandbox,"
                + " lookahead and a quick in-sample backtest on the sample data.")
final class ValidateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .yaml, .yml, .js or .mjs definition file.")
    Path file;

    @Option(names = "--json", description = "Print the report as JSON (for tools and LLMs).")
    boolean json;

    @Option(
            names = "--data",
            paramLabel = "PATH",
            description = "Market data for the sandbox run, lookahead check and backtest"
                    + " (default: <alphaweave home>/data/sample/sp500_sample.csv.gz).")
    Path data;

    @Override
    public Integer call() throws Exception {
        // an unchanged file on unchanged data passed before: the same report, no script run
        PassedValidations passed = passedValidations();
        Optional<Map<String, Object>> earlier = passed == null ? Optional.empty() : passed.find();
        if (earlier.isPresent()) {
            Map<String, Object> r = earlier.get();
            @SuppressWarnings("unchecked")
            Map<String, String> c = (Map<String, String>) r.get("checks");
            print(r, List.of(), c);
            return 0;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        List<Map<String, Object>> problems = new ArrayList<>();
        Map<String, String> checks = new LinkedHashMap<>();
        report.put("file", file.toString());
        report.put("ok", false);
        report.put("checks", checks);
        report.put("problems", problems);
        DefinitionLoader.Loaded loaded = null;
        try {
            loaded = DefinitionLoader.shared().load(file);
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
                case Strategy s -> checkStrategy(s, loaded, checks, problems, report);
                case SignalCombiner c -> checkCombiner(c, loaded, checks, problems);
                default -> checks.put("sandbox", "skipped: allocators are checked when a backtest runs them");
            }
        }
        boolean ok = problems.isEmpty();
        report.put("ok", ok);
        if (passed != null) {
            passed.store(report);
        }
        print(report, problems, checks);
        return ok ? 0 : AlphaweaveCli.EXIT_USAGE;
    }

    private void checkStrategy(
            Strategy s,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<Map<String, Object>> problems,
            Map<String, Object> report) {
        MarketData panel = new PanelCache(CacheDirectory.resolve()).load(dataPath());
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
                    e.file() == null ? file.toString() : e.file(),
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
                    file.toString(),
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
                    file.toString(),
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
        bt.put("data", dataPath().toString());
        bt.put("symbols", panel.symbolCount());
        bt.put("days", panel.dayCount());
        bt.put("totalReturn", r.totalReturn());
        bt.put("trades", r.trades().size());
        report.put("backtest", bt);
        checks.put("backtest", "passed");
    }

    private void checkCombiner(
            SignalCombiner c,
            DefinitionLoader.Loaded loaded,
            Map<String, String> checks,
            List<Map<String, Object>> problems) {
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
                    e.file() == null ? file.toString() : e.file(),
                    e.line() > 0 ? e.line() : loaded.line("combine"),
                    e.line() > 0 ? e.column() : 0,
                    "SCRIPT_ERROR",
                    e.detail(),
                    "combined alphas must be in [-1, 1] or NaN and the contributions must sum to them"));
        }
    }

    /** @return the cache of passed validations for this file and data, or null when the data is missing */
    private PassedValidations passedValidations() {
        try {
            return new PassedValidations(CacheDirectory.resolve(), file, dataPath());
        } catch (AlphaweaveException missingData) {
            return null; // the checks report it
        }
    }

    private Path dataPath() {
        if (data != null) {
            return data;
        }
        Path home = Path.of(System.getProperty("alphaweave.home", "."));
        Path sample = home.resolve("data/sample/sp500_sample.csv.gz");
        if (!Files.exists(sample)) {
            throw new AlphaweaveException("sample data " + sample + " not found; pass --data PATH");
        }
        return sample;
    }

    private void print(Map<String, Object> report, List<Map<String, Object>> problems, Map<String, String> checks)
            throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(report));
            return;
        }
        out.println(file + ": " + (problems.isEmpty() ? "OK" : problems.size() + " problem(s)"));
        checks.forEach((k, v) -> out.printf("  %-10s %s%n", k, v));
        for (Map<String, Object> p : problems) {
            out.printf(
                    "  %s:%s:%s: [%s] %s%n    hint: %s%n",
                    p.get("file"), p.get("line"), p.get("column"), p.get("code"), p.get("message"), p.get("hint"));
        }
        if (report.get("backtest") instanceof Map<?, ?> bt) {
            out.println("  in-sample: total return " + bt.get("totalReturn") + ", " + bt.get("trades") + " trades");
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
