package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.web.DefinitionCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
        Map<String, Object> report = DefinitionCheck.run(
                file.toString(),
                () -> DefinitionLoader.shared().load(file),
                () -> MarketData.load(dataPath()),
                () -> dataPath().toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> problems = (List<Map<String, Object>>) report.get("problems");
        @SuppressWarnings("unchecked")
        Map<String, String> checks = (Map<String, String>) report.get("checks");
        print(report, problems, checks);
        return problems.isEmpty() ? 0 : AlphaweaveCli.EXIT_USAGE;
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
}
