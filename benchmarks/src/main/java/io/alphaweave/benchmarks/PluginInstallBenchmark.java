package io.alphaweave.benchmarks;

import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.PluginInstaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code POST /plugins} and {@code GET /components/{id}} pay in the platform: {@code
 * installAndUninstall} streams the built {@code example-plugin} JAR (from {@code plugins-dist/}) through
 * every check of {@link PluginInstaller}, starts it and uninstalls it again; {@code sampleHistogram}
 * computes a strategy's 20-bin alpha histogram on the sample data (what the first request for a
 * strategy with no stored signal set pays; later ones are cached).
 */
@State(Scope.Benchmark)
@Fork(1)
public class PluginInstallBenchmark {
    byte[] jar;
    Path plugins;
    ComponentRegistry registry;
    PluginInstaller installer;
    DatasetCatalog catalog;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Path built = Path.of(
                System.getProperty("alphaweave.bench.pluginJar", "plugins/example-plugin/target/example-plugin.jar"));
        if (!Files.isRegularFile(built)) {
            throw new IllegalStateException("no example-plugin JAR at " + built.toAbsolutePath()
                    + ": run from the repository root after `./mvnw -DskipTests package`");
        }
        jar = Files.readAllBytes(built);
        plugins = Files.createTempDirectory("alphaweave-install-bench");
        registry = ComponentRegistry.builder()
                .pluginsDirectory(plugins)
                .watchPlugins(false)
                .build();
        installer = new PluginInstaller(registry, PluginInstaller.Limits.defaults());
        catalog = DatasetCatalog.of(Workspace.fromSystem(Workspace.Overrides.none()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        registry.close();
        try (Stream<Path> walk = Files.walk(plugins)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 20)
    public int installAndUninstall() {
        int components =
                installer.install(new ByteArrayInputStream(jar)).components().size();
        installer.uninstall("example-plugin");
        return components;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public long sampleHistogram() {
        try {
            installer.install(new ByteArrayInputStream(jar));
            // a fresh service each time: nothing cached but the binary panel of the sample
            ComponentInsights insights = ComponentInsights.onSample(registry, null, catalog);
            return registry.entries(io.alphaweave.api.ComponentKind.STRATEGY).stream()
                    .mapToLong(e -> insights.alphaHistogram(e).orElseThrow().total())
                    .sum();
        } catch (UncheckedIOException e) {
            throw e;
        } finally {
            installer.uninstall("example-plugin");
        }
    }
}
