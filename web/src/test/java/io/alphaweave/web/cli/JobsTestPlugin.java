package io.alphaweave.web.cli;

import io.alphaweave.platform.registry.TestPluginJar;
import java.nio.file.Path;

/**
 * A plugin JAR for the job tests: the momentum/reversal strategies, the average combiner and the
 * proportional allocator of {@link PortfolioCliTest}, and {@code test_gate}, a momentum strategy that
 * with {@code gate: N} waits until the file {@code N} exists in the directory named by the system
 * property {@value #GATES_PROPERTY} — so a test decides when a run may go on (also in a child JVM).
 */
public final class JobsTestPlugin {
    /** The system property naming the directory of gate files. */
    public static final String GATES_PROPERTY = "alphaweave.test.gates";

    static final String GATE = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            import java.nio.file.*;
            @org.pf4j.Extension
            public class Gate extends Momentum {
                private final int gate;
                public Gate() { this(0); }
                Gate(int gate) { super("test_gate", 20, 1.0); this.gate = gate; }
                public ComponentInfo describe() {
                    return new ComponentInfo("test_gate", ComponentKind.STRATEGY, "1.0.0", 5, "test", "",
                            List.of(ParameterSpec.ofInt("gate", 0, 0, 1000000, "wait for this gate file")));
                }
                public Strategy configure(Map<String, ?> p) { return new Gate(describe().resolve(p).getInt("gate")); }
                public Optional<StrategySignal> generateAlphaSignal(SignalContext c, String s) {
                    if (gate > 0) {
                        Path f = Path.of(System.getProperty("alphaweave.test.gates", "/nonexistent"), Integer.toString(gate));
                        while (!Files.exists(f)) {
                            try { Thread.sleep(5); } catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }
                        }
                    }
                    return super.generateAlphaSignal(c, s);
                }
            }
            """;

    /**
     * {@code test_oom}: asks for an array past the VM's limit, so its run meets a real {@link
     * OutOfMemoryError} without filling the heap.
     */
    static final String OOM = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Oom extends Momentum {
                public Oom() { super("test_oom", 20, 1.0); }
                public Strategy configure(Map<String, ?> p) { return this; }
                public Optional<StrategySignal> generateAlphaSignal(SignalContext c, String s) {
                    long[] huge = new long[Integer.MAX_VALUE];
                    return huge.length > 0 ? super.generateAlphaSignal(c, s) : Optional.empty();
                }
            }
            """;

    private JobsTestPlugin() {}

    /**
     * @param jar where to write the plugin JAR
     * @return {@code jar}
     */
    public static Path write(Path jar) {
        withPortfolio("test-jobs").extension("t.Gate", GATE).writeTo(jar);
        return jar;
    }

    /** A plugin with the momentum and reversal strategies, the average combiner and the proportional allocator. */
    private static TestPluginJar withPortfolio(String pluginId) {
        return TestPluginJar.plugin(pluginId, "1.0.0")
                .extension("t.Momentum", PortfolioCliTest.MOMENTUM)
                .extension("t.Reversal", PortfolioCliTest.REVERSAL)
                .extension("t.Average", PortfolioCliTest.AVERAGE)
                .extension("t.Proportional", PortfolioCliTest.PROPORTIONAL);
    }

    /**
     * A plugin of its own with {@code test_oom} and the components a config needs besides (kept out of
     * the jobs plugin: a registry with the lookahead check runs every strategy when it loads).
     *
     * @param jar where to write the plugin JAR
     * @return {@code jar}
     */
    public static Path writeOutOfMemory(Path jar) {
        withPortfolio("test-oom").extension("t.Oom", OOM).writeTo(jar);
        return jar;
    }

    /**
     * A small config over the sample dataset (ten symbols, one year, weekly).
     *
     * @param name the run name
     * @param gate 0 to run at once, else the gate file the run waits for
     * @return the YAML document
     */
    public static String config(String name, int gate) {
        return """
                name: %s
                data: {dataset: sample}
                universe: [AAPL, MSFT, JPM, XOM, KO, PG, GE, INTC, T, WMT]
                period: {start: 2016-01-01, end: 2016-12-31}
                capital: 100000
                strategies:
                  - {id: test_gate, weight: 1.0, params: {gate: %d}}
                  - {id: test_reversal}
                combiner: test_average
                allocator: test_proportional
                constraints: {max_position: 0.3, min_positions: 3, long_only: true, gross_leverage: 1.0}
                rebalance: weekly
                execution: {fill: next_open, commission_bps: 1, slippage_bps: 2, fractional: true}
                """.formatted(name, gate);
    }
}
