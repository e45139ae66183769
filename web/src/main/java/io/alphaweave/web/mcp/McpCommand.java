package io.alphaweave.web.mcp;

import io.alphaweave.web.cli.AlphaweaveCli;
import io.alphaweave.web.cli.DatabaseOption;
import io.alphaweave.web.cli.RegistryOptions;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alphaweave mcp}: the Model Context Protocol server for agents, on stdin/stdout. Every option is
 * checked before anything opens; then the registry, the store, a backtest worker pool and (on the first
 * submission) the submission worker JVMs open, and {@link McpServe} serves until stdin ends.
 */
@Command(
        name = "mcp",
        description = {
            "Serve the alphaweave tools to an agent over MCP (stdio): list_components, describe_component,"
                    + " list_datasets, validate_definition, submit_strategy, get_submission, run_backtest, get_report, get_report_part.",
            "stdout carries only protocol messages; logs go to stderr (warnings only unless --verbose)."
        })
public final class McpCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Backtests run at once in this process, 1..16 (default: 1).")
    int workers = 1;

    @Option(
            names = "--submission-workers",
            paramLabel = "N",
            description = "Worker JVMs that evaluate submissions, 1..8; they start on the first submission"
                    + " (default: 1).")
    int submissionWorkers = 1;

    @Option(
            names = "--max-wait",
            paramLabel = "SECONDS",
            description = "The longest wait_seconds a tool accepts, 1..3600 (default: 300).")
    int maxWaitSeconds = 300;

    /** Creates the command with its defaults. */
    public McpCommand() {}

    @Override
    public Integer call() throws InterruptedException {
        McpServe.inRange(workers, "--workers", 1, 16);
        McpServe.inRange(submissionWorkers, "--submission-workers", 1, 8);
        McpServe.inRange(maxWaitSeconds, "--max-wait", 1, 3600);
        var workspace = registry.workspace(database.resolve());
        McpServe.serve(
                new McpServe.Settings(
                        workspace,
                        RegistryOptions::open,
                        AlphaweaveCli.VERSION,
                        workers,
                        submissionWorkers,
                        Duration.ofSeconds(maxWaitSeconds)),
                new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out));
        return 0;
    }
}
