package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.SandboxViolationException;
import io.alphaweave.platform.dsl.ScriptException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alphaweave validate FILE [--json]}: renders the {@link DefinitionValidator}'s report —
 * schema, compile, sandbox run, lookahead check and a quick in-sample rules backtest on the sample
 * data; every problem with file, line, column, code, message and hint. Exit 0 when the definition
 * passes, 2 when it has problems.
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
    public Integer call() {
        DefinitionValidator validator = data != null
                ? new DefinitionValidator(DefinitionLoader.shared(), data)
                : DefinitionValidator.onSample(DatasetCatalog.of(Workspace.fromSystem(Workspace.Overrides.none())));
        // an unchanged file on unchanged data passed before: the same report, no script run
        PassedValidations passed = passedValidations(validator.data());
        java.util.Optional<ValidationReport> earlier = passed == null ? java.util.Optional.empty() : passed.find();
        if (earlier.isPresent()) {
            print(earlier.get());
            return 0;
        }
        ValidationReport report;
        try {
            report = validator.validate(file);
            if (passed != null) {
                passed.store(report);
            }
        } catch (RuntimeException e) {
            if (!json) {
                throw e; // the CLI's one-line error policy
            }
            // --json: every failure, expected or not, is a problem in the report
            print(failed(e));
            return AlphaweaveCli.exitCode(e);
        }
        print(report);
        return report.ok() ? 0 : AlphaweaveCli.EXIT_USAGE;
    }

    /** A failure outside the checks (unreadable data, a bug) as a one-problem report. */
    private ValidationReport failed(RuntimeException e) {
        DefinitionException.Problem problem;
        if (e instanceof ScriptException se) {
            problem = new DefinitionException.Problem(
                    se.file() == null ? file.toString() : se.file(),
                    Math.max(0, se.line()),
                    se.line() > 0 ? se.column() : 0,
                    se instanceof SandboxViolationException v
                            ? "SANDBOX_" + v.limit().name()
                            : "SCRIPT_ERROR",
                    se.detail(),
                    "make the script cheaper or fix it");
        } else if (e instanceof AlphaweaveException) {
            problem = new DefinitionException.Problem(
                    file.toString(), 0, 0, "INPUT_ERROR", e.getMessage(), "fix the input named");
        } else {
            problem = new DefinitionException.Problem(
                    file.toString(),
                    0,
                    0,
                    "INTERNAL_ERROR",
                    e.getClass().getSimpleName() + ": " + e.getMessage(),
                    "an alphaweave bug: run again with --verbose (without --json) and report it");
        }
        return new ValidationReport(
                file.toString(), false, Map.of(), List.of(problem), null, null, null, null, null, null);
    }

    private void print(ValidationReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonMapper.write(report));
            return;
        }
        out.println(file + ": " + (report.ok() ? "OK" : report.problems().size() + " problem(s)"));
        report.checks().forEach((k, v) -> out.printf("  %-10s %s%n", k, v));
        for (DefinitionException.Problem p : report.problems()) {
            out.printf(
                    "  %s:%s:%s: [%s] %s%n    hint: %s%n",
                    p.file(), p.line(), p.column(), p.code(), p.message(), p.hint());
        }
        if (report.backtest() != null) {
            out.println("  in-sample: total return " + report.backtest().totalReturn() + ", "
                    + report.backtest().trades() + " trades");
        }
    }

    /** @return the cache of passed validations for this file and data, or null when it cannot be keyed */
    private PassedValidations passedValidations(Path dataFile) {
        try {
            return new PassedValidations(CacheDirectory.resolve(), file, dataFile);
        } catch (AlphaweaveException unreadable) {
            return null; // the checks report it
        }
    }
}
