package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.ConfigOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alphaweave demo}: the shipped demo config (three strategies, weighted combiner, risk
 * parity, the sample data in the repository) with the comparison across every combiner.
 */
@Command(
        name = "demo",
        description = "Run the demo portfolio (strategies-yaml/configs/demo.yaml on data/sample): print the comparison"
                + " of every combiner and each strategy alone, and write the full JSON report.")
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG = "strategies-yaml/configs/demo.yaml";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "CONFIG.yaml",
            description = "Another config to run the same way (default: " + CONFIG + ").")
    Path config;

    @Option(
            names = "--json",
            paramLabel = "OUT.json",
            defaultValue = "out/demo.json",
            description = "Where to write the JSON report (default: ${DEFAULT-VALUE}).")
    Path json;

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--no-store", description = "Do not keep the run in the run store.")
    boolean noStore;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Override
    public Integer call() {
        return PortfolioRun.command(
                config == null ? demoConfig(registry.workspace()) : config,
                ConfigOverrides.NONE,
                json,
                null,
                true,
                new PortfolioRun.StoreChoice(!noStore, database),
                registry,
                spec);
    }

    static Path demoConfig(Workspace workspace) {
        Path local = Path.of(CONFIG);
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path shipped = workspace.installDir().resolve(CONFIG);
        if (Files.isRegularFile(shipped)) {
            return shipped;
        }
        throw new AlphaweaveException("the demo config " + CONFIG + " was not found in the working directory or in "
                + workspace.installDir() + "; run ./alphaweave demo from the repository root");
    }
}
