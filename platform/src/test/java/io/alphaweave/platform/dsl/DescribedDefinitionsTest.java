package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribedDefinitionsTest {
    private static ScriptRuntime runtime;

    private static final String STRATEGY = """
            id: sma_gap
            kind: strategy
            description: distance from a 2-bar SMA
            horizon_days: 3
            params:
              scale: {type: double, default: 10.0, min: 0.1, max: 100}
            indicators:
              avg: {fn: sma, window: 2}
            alpha: clamp((close - avg) / params.scale, -1, 1)
            """;

    /** A generous deadline: this test is about caching, not limits, and the build machine is shared. */
    @BeforeAll
    static void start() {
        runtime =
                new ScriptRuntime(ScriptRuntime.Limits.perCall(2_000_000L, Duration.ofSeconds(120), 128L << 20, 4096));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** A loader supplier that counts how often a loader was asked for. */
    private static Supplier<DefinitionLoader> counting(AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            return new DefinitionLoader(runtime);
        };
    }

    private static final Supplier<DefinitionLoader> NEVER = () -> {
        throw new AssertionError("the loader must not be needed");
    };

    @Test
    void aFileLoadedOnceIsDescribedFromTheCacheWithoutTheLoader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sma_gap.yaml");
        Files.writeString(file, STRATEGY);
        AtomicInteger calls = new AtomicInteger();
        ComponentInfo first = new DescribedDefinitions(dir.resolve("cache"), counting(calls))
                .load(file)
                .info();
        assertThat(calls).hasValue(1);

        DefinitionLoader.Loaded described = new DescribedDefinitions(dir.resolve("cache"), NEVER).load(file);

        assertThat(described.info()).isEqualTo(first);
        assertThat(described.id()).isEqualTo("sma_gap");
        assertThat(described.contentHash()).isEqualTo(DefinitionLoader.sha256(STRATEGY));
        assertThat(described.component()).isInstanceOf(Strategy.class);
    }

    @Test
    void aDescribedStrategyLoadsOnFirstUseAndComputesTheSameSignals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sma_gap.yaml");
        Files.writeString(file, STRATEGY);
        Strategy loaded = (Strategy) new DescribedDefinitions(dir.resolve("cache"), counting(new AtomicInteger()))
                .load(file)
                .component();
        AtomicInteger calls = new AtomicInteger();
        Strategy described = (Strategy) new DescribedDefinitions(dir.resolve("cache"), counting(calls))
                .load(file)
                .component();
        assertThat(calls).as("describing needs no loader").hasValue(0);

        MarketData panel = DefinitionLoaderTest.panel();
        AlphaMatrix a = new AlphaMatrix(panel.symbolCount(), panel.dayCount());
        AlphaMatrix b = new AlphaMatrix(panel.symbolCount(), panel.dayCount());
        loaded.generateAlphaSignals(panel, a);
        described.configure(java.util.Map.of("scale", 5.0)); // configuring loads it
        described.generateAlphaSignals(panel, b);

        assertThat(calls).hasValue(1);
        for (int s = 0; s < panel.symbolCount(); s++) {
            assertThat(b.alpha(s)).containsExactly(a.alpha(s));
            assertThat(b.confidence(s)).containsExactly(a.confidence(s));
        }
    }

    @Test
    void anEditedFileIsLoadedAgain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sma_gap.yaml");
        Files.writeString(file, STRATEGY);
        new DescribedDefinitions(dir.resolve("cache"), counting(new AtomicInteger())).load(file);
        Files.writeString(file, STRATEGY.replace("horizon_days: 3", "horizon_days: 4"));
        AtomicInteger calls = new AtomicInteger();

        ComponentInfo info = new DescribedDefinitions(dir.resolve("cache"), counting(calls))
                .load(file)
                .info();

        assertThat(calls).hasValue(1);
        assertThat(info.horizonDays()).isEqualTo(4);
    }

    @Test
    void aBrokenFileIsNeverCachedAndFailsEveryTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "id: broken\nkind: strategy\nhorizon_days: 1\nalpha: \"(\"\n");
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            DescribedDefinitions d = new DescribedDefinitions(dir.resolve("cache"), counting(calls));
            assertThatThrownBy(() -> d.load(file)).isInstanceOf(DefinitionException.class);
        }
        assertThat(calls).hasValue(2);
    }

    @Test
    void aCorruptCacheEntryIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sma_gap.yaml");
        Files.writeString(file, STRATEGY);
        new DescribedDefinitions(dir.resolve("cache"), counting(new AtomicInteger())).load(file);
        try (var entries = Files.list(dir.resolve("cache/definitions"))) {
            for (Path e : entries.toList()) {
                Files.writeString(e, "{not json");
            }
        }
        AtomicInteger calls = new AtomicInteger();

        ComponentInfo info = new DescribedDefinitions(dir.resolve("cache"), counting(calls))
                .load(file)
                .info();

        assertThat(calls).hasValue(1);
        assertThat(info.id()).isEqualTo("sma_gap");
    }

    @Test
    void theCachedDescriptionKeepsEveryParameterTypeExactly() {
        ComponentInfo info = new ComponentInfo(
                "every_type",
                ComponentKind.STRATEGY,
                "2.1.0",
                7,
                "one line",
                "long text",
                List.of(
                        ParameterSpec.ofInt("n", 14, 2, 1000, "an int"),
                        ParameterSpec.ofDouble("x", 0.25, -1.5, 3.0, "a double"),
                        ParameterSpec.ofBoolean("flag", true, "a flag"),
                        ParameterSpec.ofString("name", "abc", "a text"),
                        new ParameterSpec("free", ParameterSpec.Type.DOUBLE, 1e-9, null, null, "unbounded")));

        ComponentInfo back = DescribedDefinitions.fromJson(DescribedDefinitions.toJson(info));

        assertThat(back).isEqualTo(info);
        assertThat(back.parameters().get(0).defaultValue()).isInstanceOf(Integer.class);
        assertThat(back.parameters().get(1).defaultValue()).isInstanceOf(Double.class);
    }
}
