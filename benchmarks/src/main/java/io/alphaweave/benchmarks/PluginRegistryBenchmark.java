package io.alphaweave.benchmarks;

import io.alphaweave.api.Strategy;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
 * The component registry over the built plugin JARs ({@code plugins-dist/} of the working directory,
 * or {@code -Dalphaweave.plugins=DIR}): {@code loadPluginsDirectory} loads, starts and registers every
 * JAR and unloads them again (what each CLI command pays at start); {@code lookupStrategy} resolves
 * one id on a loaded registry (what a backtest pays per strategy).
 */
@State(Scope.Benchmark)
@Fork(1)
public class PluginRegistryBenchmark {
    Path plugins;
    ComponentRegistry loaded;

    @Setup(Level.Trial)
    public void setup() {
        plugins = ComponentRegistry.defaultPluginsDirectory();
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("no plugins directory " + plugins.toAbsolutePath()
                    + ": run from the repository root after a build");
        }
        loaded = ComponentRegistry.builder().pluginsDirectory(plugins).build();
        if (loaded.ids(io.alphaweave.api.ComponentKind.STRATEGY).isEmpty()) {
            throw new IllegalStateException("no strategies in " + plugins.toAbsolutePath());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loaded.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5)
    @Measurement(iterations = 20)
    public int loadPluginsDirectory() {
        try (ComponentRegistry r =
                ComponentRegistry.builder().pluginsDirectory(plugins).build()) {
            return r.entries().size();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Strategy lookupStrategy() {
        return loaded.strategy("volume_breakout");
    }
}
