package io.alphaweave.web.cli;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        ValidationReport report = validator.validate(file);
        print(report);
        return report.ok() ? 0 : AlphaweaveCli.EXIT_USAGE;
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
}
