package io.alphaweave.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ComponentRegistryTest {

    /** A minimal strategy with a chosen id and kind answer. */
    record FixedStrategy(String id, ComponentKind claimedKind) implements Strategy {
        FixedStrategy(String id) {
            this(id, ComponentKind.STRATEGY);
        }

        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(
                    id,
                    claimedKind,
                    "2.1.0",
                    claimedKind == ComponentKind.STRATEGY ? 5 : 0,
                    "always long " + id,
                    "",
                    List.of(ParameterSpec.ofInt("window", 20, 2, 500, "look-back in bars")));
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            return Optional.empty();
        }
    }

    record FixedAllocator(String id) implements CapitalAllocator {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.ALLOCATOR, "1.0.0", 0, "zero weights", "", List.of());
        }

        @Override
        public CapitalAllocator configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void allocate(io.alphaweave.api.AllocationContext context, double[] weights) {}
    }

    private static final ComponentSource YAML_A = ComponentSource.definition(
            ComponentSource.Type.YAML, "/defs/a.yaml", "id: a".getBytes(StandardCharsets.UTF_8));
    private static final ComponentSource JS_B =
            ComponentSource.definition(ComponentSource.Type.JS, "/defs/b.js", "b".getBytes(StandardCharsets.UTF_8));

    @Test
    void resolvesARegisteredStrategyAndDescribesItsSource() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            FixedStrategy s = new FixedStrategy("rsi_reversion");
            ComponentEntry e = registry.register(YAML_A, s);

            assertThat(registry.strategy("rsi_reversion")).isSameAs(s);
            assertThat(e.isLoaded()).isTrue();
            assertThat(e.kind()).isEqualTo(ComponentKind.STRATEGY);
            assertThat(e.version()).isEqualTo("2.1.0");
            assertThat(e.summary()).isEqualTo("always long rsi_reversion");
            assertThat(e.parameters()).extracting(ParameterSpec::name).containsExactly("window");
            assertThat(e.source().type()).isEqualTo(ComponentSource.Type.YAML);
            assertThat(e.source().name()).isEqualTo("a.yaml");
            // echo -n 'id: a' | sha256sum
            assertThat(e.source().contentHash())
                    .isEqualTo("fef138e83d87077714e7003105eff986424734592360393df31d45146b3dc233");
        }
    }

    @Test
    void hashesDefinitionContentWithSha256() {
        // echo -n 'abc' | sha256sum
        ComponentSource s =
                ComponentSource.definition(ComponentSource.Type.JS, "x.js", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(s.contentHash()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(s.shortHash()).isEqualTo("ba7816bf8f01");
    }

    @Test
    void anUnknownIdNamesTheIdTheClosestKnownIdAndAllKnownIds() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.register(YAML_A, new FixedStrategy("rsi_reversion"));
            registry.register(JS_B, new FixedStrategy("sma_cross"));

            assertThatThrownBy(() -> registry.strategy("rsi_revrsion"))
                    .isInstanceOf(UnknownComponentException.class)
                    .isInstanceOf(AlphaweaveException.class)
                    .hasMessage("unknown strategy \"rsi_revrsion\"; did you mean \"rsi_reversion\"?;"
                            + " known strategy ids: rsi_reversion, sma_cross");
            assertThatThrownBy(() -> registry.strategy("zzz"))
                    .hasMessage("unknown strategy \"zzz\"; known strategy ids: rsi_reversion, sma_cross");
            assertThatThrownBy(() -> registry.combiner("weighted"))
                    .isInstanceOf(UnknownComponentException.class)
                    .hasMessage("unknown combiner \"weighted\"; no combiner is registered");
        }
    }

    @Test
    void idsAreUniquePerKindSoAStrategyAndAnAllocatorMayShareOne() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.register(YAML_A, new FixedStrategy("kelly"));
            registry.register(JS_B, new FixedAllocator("kelly"));
            assertThat(registry.strategy("kelly")).isInstanceOf(FixedStrategy.class);
            assertThat(registry.allocator("kelly")).isInstanceOf(FixedAllocator.class);
        }
    }

    @Test
    void aDuplicateIdIsRejectedNamingBothSourcesWhileTheFirstKeepsWorking() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            FixedStrategy first = new FixedStrategy("momentum_rank");
            registry.register(YAML_A, first);
            ComponentEntry second = registry.register(JS_B, new FixedStrategy("momentum_rank"));

            assertThat(second.isLoaded()).isFalse();
            assertThat(second.status().reason())
                    .isEqualTo("duplicate strategy id \"momentum_rank\": js b.js (/defs/b.js) was rejected because"
                            + " yaml a.yaml (/defs/a.yaml) already provides it; rename one of them or remove one"
                            + " source");
            assertThat(registry.strategy("momentum_rank")).isSameAs(first);
            assertThatThrownBy(second::requireLoaded)
                    .isInstanceOf(DuplicateComponentException.class)
                    .hasMessage(second.status().reason())
                    .satisfies(ex -> {
                        DuplicateComponentException d = (DuplicateComponentException) ex;
                        assertThat(d.kept()).isEqualTo(YAML_A);
                        assertThat(d.rejected()).isEqualTo(JS_B);
                    });
            assertThat(registry.entries(ComponentKind.STRATEGY))
                    .extracting(e -> e.status().label())
                    .containsExactly("loaded", "failed");
        }
    }

    @Test
    void whenTheHolderOfAnIdGoesTheNextDuplicateTakesOver() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.register(YAML_A, new FixedStrategy("x_rank"));
            FixedStrategy second = new FixedStrategy("x_rank");
            registry.register(JS_B, second);

            List<ComponentEntry> removed = registry.unregister(YAML_A);

            assertThat(removed).singleElement().satisfies(e -> assertThat(e.isLoaded())
                    .isTrue());
            assertThat(registry.strategy("x_rank")).isSameAs(second);
            assertThat(registry.entries()).singleElement().satisfies(e -> assertThat(e.isLoaded())
                    .isTrue());
        }
    }

    @Test
    void aFailedValidationMarksTheEntryFailedWithTheReasonAndKeepsOthersWorking() {
        ComponentValidator noLookahead = (component, info, source) -> {
            if (info.id().startsWith("peek")) {
                throw new AlphaweaveException("strategy " + info.id() + " looks ahead: signal at 2015-03-02 for AAPL"
                        + " changes when later bars are removed");
            }
        };
        try (ComponentRegistry registry =
                ComponentRegistry.builder().validator(noLookahead).build()) {
            ComponentEntry bad = registry.register(YAML_A, new FixedStrategy("peek_ahead"));
            registry.register(JS_B, new FixedStrategy("honest"));

            assertThat(bad.status()).isInstanceOf(ComponentStatus.Failed.class);
            assertThatThrownBy(bad::requireLoaded)
                    .isInstanceOf(ComponentFailedException.class)
                    .hasMessageStartingWith("strategy \"peek_ahead\" from yaml a.yaml (/defs/a.yaml) was rejected:"
                            + " strategy peek_ahead looks ahead");
            assertThat(bad.status().reason()).startsWith("strategy peek_ahead looks ahead");
            assertThat(registry.strategy("honest").id()).isEqualTo("honest");
            assertThat(registry.entry(ComponentKind.STRATEGY, "honest")).get().satisfies(e -> {
                assertThat(e.isLoaded()).isTrue();
                assertThat(e.source().location()).isEqualTo("/defs/b.js");
            });
            assertThatThrownBy(() -> registry.strategy("peek_ahead"))
                    .isInstanceOf(ComponentFailedException.class)
                    .hasMessageContaining("strategy \"peek_ahead\" from yaml a.yaml")
                    .hasMessageContaining("looks ahead");
            assertThatThrownBy(() -> registry.check(YAML_A, new FixedStrategy("peek_2")))
                    .isInstanceOf(AlphaweaveException.class)
                    .hasMessageContaining("looks ahead");
        }
    }

    @Test
    void aComponentThatRunsOutOfMemoryOrRecursesTooDeepWhileCheckedFailsAloneAndTheRegistryGoesOn() {
        // what a lookahead check meets when it runs a strategy whose code asks for an array past the VM's
        // limit, or recurses without end
        ComponentValidator running = (component, info, source) -> {
            if (info.id().equals("hog")) {
                long[] huge = new long[Integer.MAX_VALUE];
                throw new AssertionError("unreachable, " + huge.length);
            }
            if (info.id().equals("deep")) {
                throw new StackOverflowError();
            }
        };
        try (ComponentRegistry registry =
                ComponentRegistry.builder().validator(running).build()) {
            ComponentEntry hog = registry.register(YAML_A, new FixedStrategy("hog"));
            ComponentEntry deep = registry.register(JS_B, new FixedStrategy("deep"));
            registry.register(JS_B, new FixedStrategy("honest"));

            assertThat(hog.isLoaded()).isFalse();
            assertThat(hog.status().reason()).contains("OutOfMemoryError");
            assertThat(deep.isLoaded()).isFalse();
            assertThat(deep.status().reason()).contains("StackOverflowError");
            assertThat(registry.strategy("honest").id()).isEqualTo("honest");
        }
    }

    @Test
    void aComponentWhoseKindContradictsItsInterfaceIsMarkedFailed() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            ComponentEntry e = registry.register(YAML_A, new FixedStrategy("odd", ComponentKind.ALLOCATOR));
            assertThat(e.status().reason()).contains("implements strategy but describe().kind() is allocator");
        }
    }

    @Test
    void aComponentWhoseDescribeThrowsIsMarkedFailed() {
        record Broken() implements Strategy {
            @Override
            public ComponentInfo describe() {
                throw new IllegalStateException("no info today");
            }

            @Override
            public Strategy configure(Map<String, ?> params) {
                return this;
            }

            @Override
            public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
                return Optional.empty();
            }
        }
        Strategy broken = new Broken();
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            ComponentEntry e = registry.register(YAML_A, broken);
            assertThat(e.isLoaded()).isFalse();
            assertThat(e.status().reason()).endsWith("threw IllegalStateException: no info today");
        }
    }

    @Test
    void registeringSomethingThatIsNoComponentIsAnError() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            assertThatThrownBy(() -> registry.register(YAML_A, "not a strategy"))
                    .isInstanceOf(AlphaweaveException.class)
                    .hasMessageContaining("implements none of Strategy, SignalCombiner, CapitalAllocator");
        }
    }

    @Test
    void replaceSwapsADefinitionsComponentsAtomicallyAndTellsListenersOnce() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.register(YAML_A, new FixedStrategy("old_one"));
            List<RegistryListener.Change> changes = new ArrayList<>();
            registry.addListener(changes::add);
            ComponentSource edited = ComponentSource.definition(
                    ComponentSource.Type.YAML, "/defs/a.yaml", "id: new".getBytes(StandardCharsets.UTF_8));

            registry.replace(edited, List.of(new FixedStrategy("new_one")));

            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("new_one");
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.added()).extracting(ComponentEntry::id).containsExactly("new_one");
                assertThat(c.removed()).extracting(ComponentEntry::id).containsExactly("old_one");
            });
            assertThat(registry.entry(ComponentKind.STRATEGY, "new_one")
                            .orElseThrow()
                            .source()
                            .contentHash())
                    .isEqualTo(edited.contentHash())
                    .isNotEqualTo(YAML_A.contentHash());
        }
    }

    @Test
    void readersNeverBlockOrSeeAHalfAppliedReplace() throws Exception {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.replace(YAML_A, List.of(new FixedStrategy("pair_a"), new FixedStrategy("pair_b")));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<String> torn = new AtomicReference<>();
            CountDownLatch started = new CountDownLatch(2);
            List<Thread> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                Thread r = new Thread(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        List<String> ids = registry.ids(ComponentKind.STRATEGY);
                        // both ids of one replace carry the same suffix: a mix means a torn read
                        boolean consistent = ids.size() == 2
                                && ids.get(0).startsWith("pair_a")
                                && ids.get(1).equals("pair_b" + ids.get(0).substring("pair_a".length()));
                        if (!consistent) {
                            torn.compareAndSet(null, ids.toString());
                        }
                    }
                });
                r.start();
                readers.add(r);
            }
            started.await();
            for (int i = 0; i < 2_000; i++) {
                String suffix = (i % 2 == 0) ? "c" : "d";
                registry.replace(
                        YAML_A, List.of(new FixedStrategy("pair_a" + suffix), new FixedStrategy("pair_b" + suffix)));
            }
            stop.set(true);
            for (Thread r : readers) {
                r.join();
            }
            assertThat(torn.get()).isNull();
        }
    }

    @Test
    void aFailingListenerDoesNotUndoTheChange() {
        try (ComponentRegistry registry = ComponentRegistry.empty()) {
            registry.addListener(c -> {
                throw new IllegalStateException("listener bug");
            });
            registry.register(YAML_A, new FixedStrategy("still_there"));
            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("still_there");
        }
    }

    @Test
    void suggestsIdsWithinATyposDistance() {
        assertThat(IdSuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(IdSuggestion.closest("momentum", List.of("momentum_rank", "sma_cross")))
                .isEqualTo("momentum_rank");
        assertThat(IdSuggestion.closest("xyz", List.of("momentum_rank"))).isNull();
    }

    @Test
    void theDefaultPluginsDirectoryFollowsPropertyThenEnvironmentThenHome() {
        var props = new java.util.Properties();
        props.setProperty(ComponentRegistry.HOME_PROPERTY, "/opt/aw");
        assertThat(ComponentRegistry.defaultPluginsDirectory(Map.of(), props))
                .isEqualTo(java.nio.file.Path.of("/opt/aw/plugins-dist"));
        assertThat(ComponentRegistry.defaultPluginsDirectory(Map.of(ComponentRegistry.PLUGINS_ENV, "/e"), props))
                .isEqualTo(java.nio.file.Path.of("/e"));
        props.setProperty(ComponentRegistry.PLUGINS_PROPERTY, "/p");
        assertThat(ComponentRegistry.defaultPluginsDirectory(Map.of(ComponentRegistry.PLUGINS_ENV, "/e"), props))
                .isEqualTo(java.nio.file.Path.of("/p"));
        assertThat(ComponentRegistry.defaultPluginsDirectory(Map.of(), new java.util.Properties()))
                .isEqualTo(java.nio.file.Path.of("plugins-dist"));
    }
}
