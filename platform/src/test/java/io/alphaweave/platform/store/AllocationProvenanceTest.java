package io.alphaweave.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A weight's split by strategy, worked by hand. Two strategies, a and b, combined by a weighted average:
 *
 * <ul>
 *   <li>AAA: a contributes 0.45, b 0.15 → combined alpha 0.60; shares 0.45/0.60 = 0.75 and 0.25. Final
 *       weight 0.30 (after the allocator and a 0.30 max-position cap) → a 0.225, b 0.075.
 *   <li>BBB: a contributes −0.10, b −0.15 → combined −0.25; shares 0.4 and 0.6. Weight −0.20 → a −0.08, b
 *       −0.12.
 *   <li>CCC: a contributes 0.30, b −0.10 → combined 0.20; b pushed against the position, so its share is
 *       0 and a's is 0.30 / 0.30 = 1. Weight 0.10 → a 0.10, b 0.
 * </ul>
 */
class AllocationProvenanceTest {
    @Test
    void eachWeightIsSplitByTheStrategiesSharesOfItsCombinedAlpha() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("AAA", 0.30);
        weights.put("BBB", -0.20);
        weights.put("CCC", 0.10);
        Map<String, Map<String, Double>> shares = Map.of(
                "AAA", Map.of("a", 0.75, "b", 0.25),
                "BBB", Map.of("a", 0.4, "b", 0.6),
                "CCC", Map.of("a", 1.0, "b", 0.0));

        Map<String, Map<String, Double>> split = ReportRows.provenance(weights, shares);

        assertThat(split).containsOnlyKeys("AAA", "BBB", "CCC");
        assertThat(split.get("AAA").get("a")).isCloseTo(0.225, within(1e-15));
        assertThat(split.get("AAA").get("b")).isCloseTo(0.075, within(1e-15));
        assertThat(split.get("BBB").get("a")).isCloseTo(-0.08, within(1e-15));
        assertThat(split.get("BBB").get("b")).isCloseTo(-0.12, within(1e-15));
        assertThat(split.get("CCC")).containsEntry("a", 0.10).containsEntry("b", 0.0);
    }

    @Test
    void sharesRoundedToFloatDecimalsStillSplitTheWholeWeight() {
        // 1/3 and 2/3 as the report keeps them (float decimals): they sum to 1.0000000298…
        Map<String, Map<String, Double>> split =
                ReportRows.provenance(Map.of("AAA", 0.5), Map.of("AAA", Map.of("a", 0.33333334, "b", 0.6666667)));
        assertThat(split.get("AAA").get("a") + split.get("AAA").get("b")).isCloseTo(0.5, within(1e-15));
        assertThat(split.get("AAA").get("a")).isCloseTo(0.5 / 3, within(1e-8));
    }
}
