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

    /** Waits for a condition; returns how long it took. */
    private static Duration await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long t0 = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - t0 > max.toNanos()) {
                throw new AssertionError("condition not met within " + max);
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    @Test
    void showsAddedChangedAndRemovedFilesWithinTwoSecondsAndKeepsTheLastGoodVersion(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("first.yaml"), strategy("first", "one"));
        // no validators here: this measures the watcher's own latency (the lookahead check adds its own time)
        try (ComponentRegistry registry = ComponentRegistry.empty();
                DefinitionWatcher watcher = new DefinitionWatcher(dir, registry, DefinitionLoader.shared(), 200)) {
            assertThat(registry.ids(ComponentKind.STRATEGY)).contains("first");

            // added
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two"));
            assertThat(await(() -> registry.ids(ComponentKind.STRATEGY).contains("second"), Duration.ofSeconds(2)))
                    .isLessThan(Duration.ofSeconds(2));

            // changed
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two, edited"));
            await(() -> registry.strategy("second").describe().summary().equals("two, edited"), Duration.ofSeconds(2));

            // a broken edit: the last good version keeps running, the error is visible
            Files.writeString(
                    dir.resolve("second.yaml"), "id: second\nkind: strategy\nhorizon_days: 1\nalpha: \"1 +\"\n");
            await(() -> watcher.errors().containsKey(dir.resolve("second.yaml")), Duration.ofSeconds(2));
            assertThat(watcher.errors().get(dir.resolve("second.yaml")))
                    .contains("second.yaml:5")
                    .contains("JS_SYNTAX");
            assertThat(registry.strategy("second").describe().summary()).isEqualTo("two, edited");

            // fixed again: the error clears
            Files.writeString(dir.resolve("second.yaml"), strategy("second", "two, fixed"));
            await(() -> registry.strategy("second").describe().summary().equals("two, fixed"), Duration.ofSeconds(2));
            assertThat(watcher.errors()).doesNotContainKey(dir.resolve("second.yaml"));

            // removed
            Files.delete(dir.resolve("first.yaml"));
            assertThat(await(() -> !registry.ids(ComponentKind.STRATEGY).contains("first"), Duration.ofSeconds(2)))
                    .isLessThan(Duration.ofSeconds(2));
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
                    () -> String.valueOf(watcher.errors().get(dir.resolve("second.yaml")))
                            .contains("looks ahead"),
                    Duration.ofSeconds(30));
            assertThat(registry.strategy("second").describe().summary()).isEqualTo("two, edited");
        }
    }
}
