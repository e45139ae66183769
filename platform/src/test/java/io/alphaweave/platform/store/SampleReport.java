package io.alphaweave.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.TestComponents;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** A real report: the service over the repository's sample data, two strategies, combiners compared. */
final class SampleReport {
    private static BacktestReport report;

    private SampleReport() {}

    static synchronized BacktestReport get() {
        if (report == null) {
            Path repo = Path.of("..").toAbsolutePath().normalize();
            ComponentRegistry registry = ComponentRegistry.builder().build();
            try {
                registry.register(ComponentSource.java("mom"), new TestComponents.Momentum("mom", 20));
                registry.register(ComponentSource.java("calm"), new TestComponents.Momentum("calm", 60));
                registry.register(ComponentSource.java("avg"), new TestComponents.WeightedAverage("avg"));
                registry.register(ComponentSource.java("strong"), new TestComponents.Strongest("strong"));
                registry.register(ComponentSource.java("prop"), new TestComponents.Proportional("prop"));
                Workspace workspace = Workspace.resolve(
                        Workspace.Overrides.none(),
                        Map.of(
                                "ALPHAWEAVE_HOME",
                                repo.resolve("platform/target/store-test-home").toString()),
                        Map.of("alphaweave.home", repo.toString(), "user.home", "/nowhere"));
                DatasetCatalog catalog = DatasetCatalog.of(workspace);
                String yaml = """
                        name: stored
                        dataset: sample
                        universe: [AAPL, MSFT, JPM, XOM, KO, PG, GE, INTC, T, WMT]
                        period: {start: 2016-01-01, end: 2017-06-30}
                        capital: 100000
                        strategies: [{id: mom, weight: 1.0}, {id: calm, weight: 0.5}]
                        combiner: avg
                        allocator: prop
                        constraints: {max_position: 0.25, long_only: true, gross_leverage: 1.0}
                        rebalance: weekly
                        execution: {commission_bps: 1, slippage_bps: 2}
                        """;
                BacktestConfig config =
                        BacktestConfig.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml), "stored", catalog);
                report = new BacktestService(registry, catalog)
                        .run(
                                new BacktestRequest.Portfolio(config, true),
                                ProgressListener.NONE,
                                CancellationToken.create());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                registry.close();
            }
        }
        return report;
    }
}
