package io.alphaweave.web.cli;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.evaluation.ProbabilisticSharpe;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import io.alphaweave.platform.evaluation.ReturnSeries;
import io.alphaweave.platform.evaluation.SharpeInterval;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alphaweave metrics --returns FILE.csv [--json]}: the METRICS.md metrics of a return series. */
@Command(
        name = "metrics",
        description = "Compute the daily-return metrics (empyrical conventions) of a date,return CSV.")
final class MetricsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--returns",
            required = true,
            paramLabel = "FILE.csv",
            description = "CSV with a header date,return and one ISO date and decimal return per line.")
    Path returns;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ReturnSeries series = ReturnSeries.readCsv(returns);
        ReturnMetrics m = StrategyEvaluator.metrics(series);
        ProbabilisticSharpe psr = StrategyEvaluator.probabilisticSharpe(series, 0.0);
        SharpeInterval ci = series.size() < 2
                ? null
                : StrategyEvaluator.bootstrapSharpe(
                        series, StrategyEvaluator.DEFAULT_RESAMPLES, 0.95, 1, StrategyEvaluator.DEFAULT_SEED);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("file", returns.toString());
            root.put("start", series.dates()[0]);
            root.put("end", series.dates()[series.size() - 1]);
            root.put("metrics", m);
            root.put("probabilistic_sharpe", psr);
            if (ci != null) {
                root.put("sharpe_interval", ci);
            }
            out.println(JsonMapper.write(root));
        } else {
            out.printf(
                    "%s: %d returns, %s … %s%n",
                    returns, series.size(), series.dates()[0], series.dates()[series.size() - 1]);
            JsonMapper.tree(m)
                    .properties()
                    .forEach(e ->
                            out.printf("  %-22s %s%n", e.getKey(), e.getValue().asText()));
            out.printf("  %-22s %s%n", "probabilistic_sharpe", MetricTable.number(psr.probability()));
            if (ci != null) {
                out.printf(
                        "  %-22s [%s, %s] (95 %%, %d i.i.d. resamples, seed %d)%n",
                        "sharpe_ci",
                        MetricTable.number(ci.lower()),
                        MetricTable.number(ci.upper()),
                        ci.resamples(),
                        ci.seed());
            }
        }
        return 0;
    }
}
