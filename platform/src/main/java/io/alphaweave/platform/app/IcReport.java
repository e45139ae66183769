package io.alphaweave.platform.app;

import io.alphaweave.platform.evaluation.InformationCoefficient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Information coefficient and alpha decay (DESIGN §6: horizons 1, 2, 5, 10, 20) over the period.
 * Immutable.
 *
 * @param strategies strategy id → its IC per horizon, in the config's strategy order
 * @param portfolio the combined alpha's IC per horizon
 */
public record IcReport(Map<String, List<InformationCoefficient>> strategies, List<InformationCoefficient> portfolio) {

    /** Copies, keeping the strategy order. */
    public IcReport {
        Objects.requireNonNull(strategies, "strategies");
        Map<String, List<InformationCoefficient>> copy = new LinkedHashMap<>();
        strategies.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "strategy id"), List.copyOf(v)));
        strategies = Collections.unmodifiableMap(copy);
        portfolio = List.copyOf(portfolio);
    }
}
