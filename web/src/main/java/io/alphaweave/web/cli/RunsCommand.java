package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.RunMetrics;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.RunSummary;
import io.alphaweave.platform.store.UnknownRunException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "runs",
        description = "List, show, compare or delete the stored runs.",
        subcommands = {
            RunsCommand.ListRuns.class,
            RunsCommand.Show.class,
            RunsCommand.Compare.class,
            RunsCommand.Delete.class
        })
final class RunsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List the stored runs, newest first.")
    static final class ListRuns implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Option(
                names = "--status",
                paramLabel = "S",
                description = "Only runs in this state: ${COMPLETION-CANDIDATES}.")
        RunStatus status;

        @Option(
                names = "--limit",
                paramLabel = "N",
                defaultValue = "50",
                description = "At most N runs, 1 to 10000 (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Print the runs as a JSON array.")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 10_000) {
                throw new AlphaweaveException("--limit must be in [1, 10000], was " + limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = database.open()) {
                List<RunSummary> runs = db.runs().list(new RunQuery(status, limit));
                if (json) {
                    out.println(JsonMapper.write(runs));
                } else if (runs.isEmpty()) {
                    out.println("no runs stored in " + db.displayUrl());
                } else {
                    TextTable table = new TextTable("id", "status", "name", "created");
                    runs.forEach(r -> table.add(
                            r.id(), r.status().name(), r.name(), r.createdAt().toString()));
                    table.print(out);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "show", description = "Print a stored run's report (the layout of backtest --json).")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Parameters(paramLabel = "ID", description = "The run id (see runs list).")
        String id;

        @Option(names = "--json", description = "Print the report as JSON instead of its key metrics.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = database.open()) {
                RunSummary run = db.runs().get(id).summary();
                BacktestReport report = db.runs()
                        .report(id)
                        .orElseThrow(() -> new AlphaweaveException(
                                "run " + id + " has no report: it is " + run.status() + " (see runs list)"));
                if (json) {
                    out.println(JsonMapper.write(report));
                } else {
                    out.println("run: " + run.id() + " (" + run.name() + ", " + run.status() + ", " + run.createdAt()
                            + ")");
                    RunMetrics m = report.metrics();
                    TextTable table = new TextTable("metric", "value");
                    metrics().forEach(k -> table.add(k.name(), format(k.value().applyAsDouble(m))));
                    table.print(out);
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "compare", description = "Two stored runs' key metrics side by side.")
    static final class Compare implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Parameters(index = "0", paramLabel = "ID", description = "The first run id.")
        String left;

        @Parameters(index = "1", paramLabel = "OTHER", description = "The second run id.")
        String right;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = database.open()) {
                RunMetrics a = reportOf(db, left).metrics();
                RunMetrics b = reportOf(db, right).metrics();
                TextTable table = new TextTable("metric", left, right);
                metrics()
                        .forEach(k -> table.add(
                                k.name(),
                                format(k.value().applyAsDouble(a)),
                                format(k.value().applyAsDouble(b))));
                table.print(out);
                var cmp = db.runs().compare(left, right);
                out.println(
                        cmp.equivalent()
                                ? "same config, code and data"
                                : "same config: " + cmp.sameConfig() + ", same code: " + cmp.sameCode()
                                        + ", same data: " + cmp.sameData());
            }
            out.flush();
            return 0;
        }

        private static BacktestReport reportOf(Database db, String id) {
            RunSummary run = db.runs().get(id).summary();
            return db.runs()
                    .report(id)
                    .orElseThrow(() -> new AlphaweaveException(
                            "run " + id + " has no report: it is " + run.status() + " (see runs list)"));
        }
    }

    @Command(name = "delete", description = "Delete a stored run and everything stored for it alone.")
    static final class Delete implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Parameters(paramLabel = "ID", description = "The run id (see runs list).")
        String id;

        @Override
        public Integer call() {
            try (Database db = database.open()) {
                if (!db.runs().delete(id)) {
                    throw new UnknownRunException(id);
                }
            }
            spec.commandLine().getOut().println("deleted run " + id);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    private record Metric(String name, ToDoubleFunction<RunMetrics> value) {}

    private static List<Metric> metrics() {
        return List.of(
                new Metric("total_return", RunMetrics::totalReturn),
                new Metric("cagr", RunMetrics::cagr),
                new Metric("volatility", RunMetrics::volatility),
                new Metric("sharpe_ratio", RunMetrics::sharpeRatio),
                new Metric("sortino_ratio", RunMetrics::sortinoRatio),
                new Metric("max_drawdown", RunMetrics::maxDrawdown));
    }

    private static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }
}
