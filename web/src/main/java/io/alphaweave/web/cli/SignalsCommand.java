package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphaweave signals CONFIG.yaml --csv OUT.csv}: every strategy's alpha and confidence as CSV. */
@Command(
        name = "signals",
        description = "Compute the config's strategies' signals and write date,symbol,strategy,alpha_score,confidence"
                + " (one row per symbol, day of the period and strategy with a view; by date, symbol, strategy).")
final class SignalsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "A backtest config (DESIGN §4).")
    Path config;

    @Option(names = "--csv", required = true, paramLabel = "OUT.csv", description = "Where to write the signals.")
    Path csv;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Override
    public Integer call() {
        Workspace workspace = registry.workspace();
        BacktestConfig parsed = BacktestConfig.parse(config, DatasetCatalog.of(workspace));
        long rows;
        try (ComponentRegistry reg = RegistryOptions.open(workspace)) {
            PreparedBacktest p = PortfolioBacktest.prepare(parsed, reg);
            StrategySignals signals =
                    PortfolioBacktest.computeSignals(p.data(), p.setup().strategies());
            rows = write(p.data(), p.firstDay(), signals, csv);
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "%d signals of %d strategies written to %s%n",
                        rows, parsed.strategies().size(), csv);
        return 0;
    }

    static long write(MarketData data, int firstDay, StrategySignals signals, Path csv) {
        long rows = 0;
        try {
            Path parent = csv.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("date,symbol,strategy,alpha_score,confidence\n");
                int k = signals.ids().size();
                for (int t = firstDay; t < data.dayCount(); t++) {
                    String date = data.date(t).toString();
                    for (int s = 0; s < data.symbolCount(); s++) {
                        for (int j = 0; j < k; j++) {
                            AlphaMatrix m = signals.matrices().get(j);
                            double a = m.alpha(s)[t];
                            if (Double.isNaN(a)) {
                                continue;
                            }
                            w.write(date);
                            w.write(',');
                            w.write(data.symbols().get(s));
                            w.write(',');
                            w.write(signals.ids().get(j));
                            w.write(',');
                            w.write(Double.toString(a));
                            w.write(',');
                            w.write(Double.toString(m.confidence(s)[t]));
                            w.write('\n');
                            rows++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new AlphaweaveException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
