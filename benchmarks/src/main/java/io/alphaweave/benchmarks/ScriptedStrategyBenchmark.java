package io.alphaweave.benchmarks;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.ScriptRuntime;
import io.alphaweave.plugins.core.strategies.BollingerMeanReversionStrategy;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * bollinger_mean_reversion over a synthetic 500 × 5,000 panel: the Java plugin against its YAML port
 * (strategies-yaml/strategies/bollinger_mean_reversion.yaml) and its JavaScript-module port. Run from
 * the repository root (the definitions are read from there); see BENCHMARKS.md for the flags that
 * turn the optimizing JavaScript runtime on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 5)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g"})
public class ScriptedStrategyBenchmark {
    @Param({"java", "yaml", "js"})
    public String impl;

    @Param({"500"})
    public int symbols;

    @Param({"5000"})
    public int days;

    private MarketData data;
    private Strategy strategy;
    private AlphaMatrix out;

    @Setup(Level.Trial)
    public void setUp() {
        data = SyntheticPanel.generate(symbols, days, 42L);
        Path dir = Path.of(System.getProperty("alphaweave.home", ".")).resolve("strategies-yaml/strategies");
        strategy = switch (impl) {
            case "java" -> new BollingerMeanReversionStrategy();
            case "yaml" ->
                (Strategy) DefinitionLoader.shared()
                        .load(dir.resolve("bollinger_mean_reversion.yaml"))
                        .component();
            case "js" ->
                (Strategy) DefinitionLoader.shared()
                        .load(dir.resolve("bollinger_mean_reversion.js"))
                        .component();
            default -> throw new IllegalArgumentException("impl must be java, yaml or js, was " + impl);
        };
        System.out.println("javascript runtime: " + ScriptRuntime.shared().implementationName());
    }

    @Setup(Level.Invocation)
    public void clear() {
        out = new AlphaMatrix(symbols, days);
    }

    @Benchmark
    public AlphaMatrix bollingerMeanReversion() {
        strategy.generateAlphaSignals(data, out);
        return out;
    }
}
