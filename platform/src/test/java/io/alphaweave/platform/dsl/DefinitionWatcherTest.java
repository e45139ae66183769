package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionWatcherTest {
    private static String strategy(String id, String summary) {
        return "id: " + id + "\nkind: strategy\ndescription: " + summary + "\nhorizon_days: 1\nalpha: \"0\"\n";
    }

    /**
     * Waits for the poller to make a condition true; fails when it has not after {@code max} (a bound
     * far above the poll interval, so a loaded machine cannot fail it; latency is measured in
     * benchmarks, not asserted here).
     */
    private static void await(String what, BooleanSupplier condition, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the watcher did not show " + what + " within " + max);
            }
            Thread.sleep(20);
        }
    }

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void showsAddedChangedAndRemovedFilesAndKeepsTheLastGoodVersion(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("first.yaml"), strategy("first", "one"));
        // no validators here: the registry admits what the watcher loads
        try (ComponentRegistry registry = ComponentRegistry.empty();
                DefinitionWatcher watcher = new DefinitionWatcher(dir, registry, DefinitionLoader.shared(), 200)) {
            assertThat(registry.ids(ComponentKind.STRATEGY)).contains("first");

            // added
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two"));
            await("the added file", () -> registry.ids(ComponentKind.STRATEGY).contains("second"), BOUND);

            // changed
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two, edited"));
            await(
                    "the edit",
                    () -> registry.strategy("second").describe().summary().equals("two, edited"),
                    BOUND);

            // a broken edit: the last good version keeps running, the error is visible
            Files.writeString(
                    dir.resolve("second.yaml"), "id: second\nkind: strategy\nhorizon_days: 1\nalpha: \"1 +\"\n");
            await("the broken edit's error", () -> watcher.errors().containsKey(dir.resolve("second.yaml")), BOUND);
            assertThat(watcher.errors().get(dir.resolve("second.yaml")))
                    .contains("second.yaml:4:") // the line of `alpha: "1 +"`, inside its length
                    .contains("JS_SYNTAX");
            assertThat(registry.strategy("second").describe().summary()).isEqualTo("two, edited");

            // fixed again: the error clears
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two, fixed"));
            await(
                    "the fix",
                    () -> registry.strategy("second").describe().summary().equals("two, fixed"),
                    BOUND);
            assertThat(watcher.errors()).doesNotContainKey(dir.resolve("second.yaml"));

            // removed
            Files.delete(dir.resolve("first.yaml"));
            await("the removal", () -> !registry.ids(ComponentKind.STRATEGY).contains("first"), BOUND);
            assertThat(registry.ids(ComponentKind.STRATEGY)).contains("second");
        }
    }

    @Test
    void keepsTheLastGoodVersionWhenTheRegistrysLookaheadCheckRejectsAnEdit(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("second.yaml"), strategy("second", "two, edited"));
        try (ComponentRegistry registry = ComponentRegistry.builder()
                        .validator(LookaheadCheck.synthetic())
                        .build();
                DefinitionWatcher watcher = new DefinitionWatcher(dir, registry, DefinitionLoader.shared(), 200)) {
            assertThat(registry.strategy("second").describe().summary()).isEqualTo("two, edited");
            // an edit that peeks ahead is rejected by the registry's lookahead validator, also keeping the last good
            // one
            Files.writeString(
                    dir.resolve("second.yaml"),
                    "id: second\nkind: strategy\nhorizon_days: 1\n"
                            + "alpha: \"i + 1 < series.close.length && series.close[i + 1] > close ? 1 : 0\"\n");
            await(
                    "the lookahead rejection",
                    () -> String.valueOf(watcher.errors().get(dir.resolve("second.yaml")))
                            .contains("looks ahead"),
                    BOUND);
            assertThat(registry.strategy("second").describe().summary()).isEqualTo("two, edited");
        }
    }
}
