package io.alphaweave.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoadingTest {
    private static final long DETECT_WITHIN_MILLIS = 2_000;

    @TempDir
    Path dir;

    @TempDir
    Path elsewhere;

    @Test
    void loadsEveryJarOfThePluginsDirectoryAtStartWithItsSourceVersionAndHash() throws Exception {
        Path jar = TestPluginJar.plugin("acme-signals", "1.4.2")
                .strategy("com.acme", "AcmeTrend", "acme_trend")
                .combiner("com.acme", "AcmeBlend", "acme_blend")
                .allocator("com.acme", "AcmeEqual", "acme_equal")
                .writeTo(dir.resolve("acme-signals.jar"));

        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            Strategy s = registry.strategy("acme_trend");
            assertThat(registry.combiner("acme_blend").id()).isEqualTo("acme_blend");
            assertThat(registry.allocator("acme_equal").id()).isEqualTo("acme_equal");
            // the plugin's class really runs: it emits a signal on real data
            MarketData data = oneSymbol();
            Optional<StrategySignal> sig = s.generateAlphaSignal(new io.alphaweave.api.SignalContext(data, 1), "AAA");
            assertThat(sig).get().extracting(StrategySignal::alphaScore).isEqualTo(0.5);
            assertThat(s.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());

            ComponentEntry e =
                    registry.entry(ComponentKind.STRATEGY, "acme_trend").orElseThrow();
            assertThat(e.source().type()).isEqualTo(ComponentSource.Type.PLUGIN);
            assertThat(e.source().name()).isEqualTo("acme-signals");
            assertThat(e.source().version()).isEqualTo("1.4.2");
            assertThat(e.source().location()).isEqualTo(jar.toAbsolutePath().toString());
            assertThat(e.source().contentHash()).isEqualTo(sha256sum(jar));
            assertThat(registry.plugins()).singleElement().satisfies(p -> {
                assertThat(p.pluginId()).isEqualTo("acme-signals");
                assertThat(p.state()).isEqualTo(PluginStatus.State.STARTED);
                assertThat(p.error()).isEmpty();
                assertThat(p.components()).containsExactlyInAnyOrder("acme_trend", "acme_blend", "acme_equal");
            });
        }
    }

    @Test
    void aJarDroppedIntoTheWatchedDirectoryAppearsAndDisappearsWhenDeleted() throws Exception {
        TestPluginJar.withStrategy("base", "base_long").writeTo(dir.resolve("base.jar"));
        List<RegistryListener.Change> changes = new CopyOnWriteArrayList<>();
        try (ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(dir)
                .watchPlugins(true)
                .listener(changes::add)
                .build()) {
            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("base_long");
            Path built = TestPluginJar.withStrategy("dropped", "dropped_in").writeTo(elsewhere.resolve("d.jar"));

            long t0 = System.nanoTime();
            Files.copy(built, dir.resolve("dropped.jar")); // a plain (non-atomic) copy, as a user would
            awaitTrue(registry, () -> registry.ids(ComponentKind.STRATEGY).contains("dropped_in"));
            long appearedMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(registry.strategy("dropped_in").id()).isEqualTo("dropped_in");
            // listeners run just after the new snapshot is visible: wait for the call, not only the id
            awaitTrue(registry, () -> changes.stream()
                    .anyMatch(c -> c.added().stream().anyMatch(e -> e.id().equals("dropped_in"))));

            t0 = System.nanoTime();
            Files.delete(dir.resolve("dropped.jar"));
            awaitTrue(registry, () -> !registry.ids(ComponentKind.STRATEGY).contains("dropped_in"));
            long goneMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThatThrownBy(() -> registry.strategy("dropped_in")).isInstanceOf(UnknownComponentException.class);
            assertServesTheLongStrategy(registry, "base_long");
            assertThat(registry.plugins()).extracting(PluginStatus::pluginId).containsExactly("base");
            System.out.printf("plugin watch: appeared after %d ms, gone after %d ms%n", appearedMillis, goneMillis);
        }
    }

    @Test
    void aChangedJarIsReloadedWithItsNewVersion() throws Exception {
        TestPluginJar.plugin("evolving", "1.0.0")
                .strategy("ev.v1", "Evolving", "evolving_one")
                .writeTo(dir.resolve("evolving.jar"));
        try (ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(dir)
                .watchPlugins(true)
                .build()) {
            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("evolving_one");
            TestPluginJar.plugin("evolving", "2.0.0")
                    .strategy("ev.v2", "Evolving", "evolving_two")
                    .writeTo(dir.resolve("evolving.jar"));
            awaitTrue(registry, () -> registry.ids(ComponentKind.STRATEGY).equals(List.of("evolving_two")));
            assertThat(registry.plugins()).singleElement().satisfies(p -> assertThat(p.version())
                    .isEqualTo("2.0.0"));
        }
    }

    @Test
    void aJarWithoutPluginIdIsMarkedFailedWhileAGoodPluginKeepsWorking() {
        TestPluginJar.withStrategy("good", "good_one").writeTo(dir.resolve("good.jar"));
        TestPluginJar.plugin(null, "1.0.0")
                .strategy("bad.desc", "NoId", "no_id")
                .writeTo(dir.resolve("no-id.jar"));
        TestPluginJar.plugin("x", "1.0").withoutManifest().writeTo(dir.resolve("no-manifest.jar"));

        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            assertServesTheLongStrategy(registry, "good_one");
            assertThat(failure(registry, "no-id.jar"))
                    .startsWith("bad plugin descriptor in "
                            + dir.resolve("no-id.jar").toAbsolutePath())
                    .contains("the manifest has no Plugin-Id");
            assertThat(failure(registry, "no-manifest.jar")).contains("has no META-INF/MANIFEST.MF");
            assertThatThrownBy(() -> registry.strategy("no_id")).isInstanceOf(UnknownComponentException.class);
        }
    }

    @Test
    void aFileThatIsNoZipIsMarkedFailed() throws Exception {
        Files.writeString(dir.resolve("garbage.jar"), "this is not a zip");
        TestPluginJar.withStrategy("good", "good_one").writeTo(dir.resolve("good.jar"));
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            assertThat(failure(registry, "garbage.jar")).contains("is not a JAR file");
            assertServesTheLongStrategy(registry, "good_one");
        }
    }

    @Test
    void aPluginWhoseStartThrowsIsMarkedFailedWithTheReason() {
        TestPluginJar.withStrategy("good", "good_one").writeTo(dir.resolve("good.jar"));
        TestPluginJar.plugin("explosive", "1.0.0")
                .pluginClass("boom.BoomPlugin", "throw new IllegalStateException(\"licence server unreachable\");")
                .strategy("boom", "BoomStrategy", "boom_strategy")
                .writeTo(dir.resolve("explosive.jar"));

        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            assertThat(failure(registry, "explosive.jar"))
                    .contains("plugin \"explosive\"")
                    .contains("IllegalStateException: licence server unreachable");
            assertThatThrownBy(() -> registry.strategy("boom_strategy")).isInstanceOf(UnknownComponentException.class);
            assertServesTheLongStrategy(registry, "good_one");
        }
    }

    @Test
    void aMissingDependencyIsMarkedFailedAndThePluginStartsOnceTheDependencyArrives() throws Exception {
        TestPluginJar.withStrategy("good", "good_one").writeTo(dir.resolve("good.jar"));
        TestPluginJar.withStrategy("needy", "needy_one")
                .dependencies("base-lib")
                .writeTo(dir.resolve("needy.jar"));

        try (ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(dir)
                .watchPlugins(true)
                .build()) {
            assertThat(failure(registry, "needy.jar"))
                    .isEqualTo("plugin \"needy\" depends on plugin(s) [base-lib] which are not loaded; put their"
                            + " JARs into " + dir.toAbsolutePath());
            assertServesTheLongStrategy(registry, "good_one");

            Path lib = TestPluginJar.withStrategy("base-lib", "lib_one").writeTo(elsewhere.resolve("lib.jar"));
            Files.copy(lib, dir.resolve("base-lib.jar"));
            awaitTrue(registry, () -> registry.ids(ComponentKind.STRATEGY).contains("needy_one"));
            assertThat(registry.plugins()).extracting(PluginStatus::state).containsOnly(PluginStatus.State.STARTED);

            // removing the dependency unloads the dependent too, and says why
            Files.delete(dir.resolve("base-lib.jar"));
            awaitTrue(registry, () -> !registry.ids(ComponentKind.STRATEGY).contains("needy_one"));
            assertThat(failure(registry, "needy.jar")).contains("its dependency \"base-lib\" was removed");
            assertServesTheLongStrategy(registry, "good_one");
        }
    }

    @Test
    void anExtensionThatCannotBeCreatedIsMarkedFailedWhileItsSiblingsWork() {
        TestPluginJar.plugin("mixed", "1.0.0")
                .strategy("mixed", "Fine", "fine_one")
                .extension(
                        "mixed.Broken",
                        TestPluginJar.strategySource(
                                "mixed",
                                "Broken",
                                "broken_one",
                                "1.0.0",
                                "throw new IllegalStateException(\"no config\");"))
                .writeTo(dir.resolve("mixed.jar"));

        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            assertServesTheLongStrategy(registry, "fine_one");
            PluginStatus p = registry.plugins().get(0);
            assertThat(p.state()).isEqualTo(PluginStatus.State.STARTED);
            assertThat(p.error())
                    .contains("extension mixed.Broken cannot be created")
                    .contains("no config");
            assertThat(registry.entry(ComponentKind.STRATEGY, "mixed.Broken"))
                    .get()
                    .satisfies(e -> assertThat(e.status().reason()).contains("no config"));
        }
    }

    @Test
    void aDuplicateIdAcrossTwoPluginsNamesBothJars() {
        Path a = TestPluginJar.withStrategy("alpha-pack", "shared_id").writeTo(dir.resolve("a-pack.jar"));
        Path b = TestPluginJar.withStrategy("beta-pack", "shared_id").writeTo(dir.resolve("b-pack.jar"));

        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            List<ComponentEntry> entries = registry.entries(ComponentKind.STRATEGY);
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0).isLoaded()).isTrue();
            assertThat(entries.get(0).source().name()).isEqualTo("alpha-pack");
            assertThat(entries.get(1).status().reason())
                    .contains("duplicate strategy id \"shared_id\"")
                    .contains("plugin beta-pack 1.0.0 (" + b.toAbsolutePath() + ") was rejected")
                    .contains("plugin alpha-pack 1.0.0 (" + a.toAbsolutePath() + ") already provides it");
            assertThat(registry.strategy("shared_id").getClass().getName()).startsWith("test.alpha_pack.");
        }
    }

    @Test
    void aSecondJarWithTheSamePluginIdIsMarkedFailed() {
        TestPluginJar.withStrategy("twin", "twin_a").writeTo(dir.resolve("twin-1.jar"));
        TestPluginJar.withStrategy("twin", "twin_b").writeTo(dir.resolve("twin-2.jar"));
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("twin_a");
            assertThat(failure(registry, "twin-2.jar"))
                    .contains("plugin \"twin\" in " + dir.resolve("twin-2.jar").toAbsolutePath())
                    .contains("is already loaded from "
                            + dir.resolve("twin-1.jar").toAbsolutePath());
        }
    }

    @Test
    void installCopiesAValidPluginLoadsItAndReplacesAnOlderVersion() throws Exception {
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            Path v1 = TestPluginJar.plugin("upgrade-me", "1.0.0")
                    .strategy("up.one", "Up", "up_one")
                    .writeTo(elsewhere.resolve("upgrade-me-1.0.0.jar"));
            PluginStatus s1 = registry.installPlugin(v1);
            assertThat(s1.components()).containsExactly("up_one");
            assertThat(Files.exists(dir.resolve("upgrade-me-1.0.0.jar"))).isTrue();

            Path v2 = TestPluginJar.plugin("upgrade-me", "2.0.0")
                    .strategy("up.two", "Up", "up_two")
                    .writeTo(elsewhere.resolve("upgrade-me-2.0.0.jar"));
            PluginStatus s2 = registry.installPlugin(v2);

            assertThat(s2.version()).isEqualTo("2.0.0");
            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("up_two");
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("upgrade-me-2.0.0.jar");
            }
        }
    }

    @Test
    void installRejectsABrokenPluginAndLeavesTheDirectoryAsItWas() throws Exception {
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            Path notAPlugin = TestPluginJar.plugin(null, null)
                    .manifestAttribute("Main-Class", "x.Y")
                    .writeTo(elsewhere.resolve("plain.jar"));
            assertThatThrownBy(() -> registry.installPlugin(notAPlugin))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("the manifest has no Plugin-Id");

            Path explosive = TestPluginJar.plugin("explosive", "1.0.0")
                    .pluginClass("boom.BoomPlugin", "throw new IllegalStateException(\"nope\");")
                    .strategy("boom", "BoomStrategy", "boom_strategy")
                    .writeTo(elsewhere.resolve("explosive.jar"));
            assertThatThrownBy(() -> registry.installPlugin(explosive))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageStartingWith("plugin explosive.jar was not installed: ")
                    .hasMessageContaining("IllegalStateException: nope");

            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
            assertThat(registry.plugins()).isEmpty();
        }
    }

    @Test
    void aFailedUpgradeUnderTheSameFileNameRestoresTheWorkingVersion() throws Exception {
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            Path good = TestPluginJar.plugin("steady", "1.0.0")
                    .strategy("steady.v1", "Steady", "steady_one")
                    .writeTo(elsewhere.resolve("v1/steady.jar"));
            registry.installPlugin(good);
            Path broken = TestPluginJar.plugin("steady", "2.0.0")
                    .pluginClass("steady.v2.Boom", "throw new IllegalStateException(\"v2 is broken\");")
                    .strategy("steady.v2", "Steady", "steady_two")
                    .writeTo(elsewhere.resolve("v2/steady.jar"));

            assertThatThrownBy(() -> registry.installPlugin(broken))
                    .isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("v2 is broken");

            assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("steady_one");
            assertThat(registry.plugins()).singleElement().satisfies(p -> {
                assertThat(p.version()).isEqualTo("1.0.0");
                assertThat(p.state()).isEqualTo(PluginStatus.State.STARTED);
            });
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("steady.jar");
            }
        }
    }

    @Test
    void aPluginFileWithoutJarExtensionIsInstalledUnderAJarName() {
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build()) {
            Path zip = TestPluginJar.withStrategy("zipped", "zipped_one").writeTo(elsewhere.resolve("zipped.zip"));
            PluginStatus p = registry.installPlugin(zip);
            assertThat(p.jar()).isEqualTo(dir.resolve("zipped.zip.jar").toAbsolutePath());
            assertServesTheLongStrategy(registry, "zipped_one");
        }
    }

    @Test
    void closingUnloadsEveryPlugin() {
        TestPluginJar.withStrategy("closable", "closable_one").writeTo(dir.resolve("c.jar"));
        ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(dir).build();
        assertThat(registry.ids(ComponentKind.STRATEGY)).containsExactly("closable_one");
        registry.close();
        assertThat(registry.entries()).isEmpty();
        assertThat(registry.plugins()).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    /** The id resolves to a loaded plugin strategy that really runs: TestPluginJar's strategies are long 0.5 on every bar. */
    private static void assertServesTheLongStrategy(ComponentRegistry registry, String id) {
        Strategy s = registry.strategy(id);
        assertThat(s.id()).isEqualTo(id);
        assertThat(s.describe().kind()).isEqualTo(ComponentKind.STRATEGY);
        assertThat(registry.entry(ComponentKind.STRATEGY, id)).get().satisfies(e -> {
            assertThat(e.isLoaded()).isTrue();
            assertThat(e.source().type()).isEqualTo(ComponentSource.Type.PLUGIN);
        });
        Optional<StrategySignal> sig =
                s.generateAlphaSignal(new io.alphaweave.api.SignalContext(oneSymbol(), 1), "AAA");
        assertThat(sig).get().extracting(StrategySignal::alphaScore).isEqualTo(0.5);
    }

    private static String failure(ComponentRegistry registry, String fileName) {
        PluginStatus p = registry.plugins().stream()
                .filter(s -> s.jar().getFileName().toString().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no plugin status for " + fileName + ": " + registry.plugins()));
        assertThat(p.state()).as(fileName).isEqualTo(PluginStatus.State.FAILED);
        return p.error();
    }

    private void awaitTrue(ComponentRegistry registry, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DETECT_WITHIN_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String files;
                try (var list = Files.list(dir)) {
                    files = list.map(p -> p.getFileName() + "(" + p.toFile().length() + " B)")
                            .toList()
                            .toString();
                } catch (java.io.IOException e) {
                    files = e.toString();
                }
                throw new AssertionError("condition not met within " + DETECT_WITHIN_MILLIS + " ms; directory: " + files
                        + "; plugins: " + registry.plugins());
            }
            Thread.sleep(10);
        }
    }

    private static String sha256sum(Path file) throws Exception {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        return out.substring(0, 64);
    }

    private static MarketData oneSymbol() {
        LocalDate[] cal = {LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3)};
        double[][] px = {{10, 11}};
        return new MarketData(cal, List.of("AAA"), px, px, px, px, new double[][] {{100, 100}}, null);
    }
}
