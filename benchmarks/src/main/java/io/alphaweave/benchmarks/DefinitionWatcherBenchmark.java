package io.alphaweave.benchmarks;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.DefinitionWatcher;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Hot-reload latency: from writing a new definition file into a watched folder to its strategy being
 * in the registry (the poll interval plus the load). The unit tests of {@code DefinitionWatcher}
 * only check that it happens; the time is measured here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class DefinitionWatcherBenchmark {
    @Param({"200"})
    public long pollMillis;

    private Path dir;
    private ComponentRegistry registry;
    private DefinitionWatcher watcher;
    private int n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("watcher-bench");
        registry = ComponentRegistry.empty();
        watcher = new DefinitionWatcher(dir, registry, DefinitionLoader.shared(), pollMillis);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        watcher.close();
        registry.close();
    }

    @Benchmark
    public int addedFileShowsInTheRegistry() throws Exception {
        String id = "bench_" + (n++);
        Files.writeString(
                dir.resolve(id + ".yaml"),
                "id: " + id + "\nkind: strategy\ndescription: x\nhorizon_days: 1\nalpha: \"0\"\n");
        while (!registry.ids(ComponentKind.STRATEGY).contains(id)) {
            Thread.onSpinWait();
            Thread.sleep(1);
        }
        return n;
    }
}
