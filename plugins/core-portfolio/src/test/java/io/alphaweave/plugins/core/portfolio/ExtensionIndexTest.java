package io.alphaweave.plugins.core.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PF4J annotation processor indexed all seven built-ins, under the ids configs use. */
class ExtensionIndexTest {
    @Test
    void indexesEveryCombinerAndAllocatorWithItsId()
            throws IOException, ReflectiveOperationException, java.net.URISyntaxException {
        // the index beside the plugin's own classes (test classes get an index of their own)
        java.net.URL classes =
                WeightedCombiner.class.getProtectionDomain().getCodeSource().getLocation();
        List<String> indexed;
        try (InputStream in =
                classes.toURI().resolve("META-INF/extensions.idx").toURL().openStream()) {
            indexed = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        }
        String pkg = "io.alphaweave.plugins.core.portfolio.";
        assertThat(indexed)
                .containsExactlyInAnyOrder(
                        pkg + "WeightedCombiner",
                        pkg + "ConfidenceWeightedCombiner",
                        pkg + "RankAverageCombiner",
                        pkg + "BestStrategyCombiner",
                        pkg + "ProportionalAllocator",
                        pkg + "KellyAllocator",
                        pkg + "RiskParityAllocator");
        List<String> ids = new java.util.ArrayList<>();
        for (String name : indexed) {
            Object component = Class.forName(name).getConstructor().newInstance();
            if (component instanceof SignalCombiner c) {
                assertThat(c.describe().kind()).isEqualTo(ComponentKind.COMBINER);
                ids.add(c.id());
            } else {
                CapitalAllocator a = (CapitalAllocator) component;
                assertThat(a.describe().kind()).isEqualTo(ComponentKind.ALLOCATOR);
                ids.add(a.id());
            }
        }
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "weighted",
                        "confidence_weighted",
                        "rank_average",
                        "best_strategy",
                        "proportional",
                        "kelly",
                        "risk_parity");
    }
}
