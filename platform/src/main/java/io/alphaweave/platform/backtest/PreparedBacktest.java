package io.alphaweave.platform.backtest;

import io.alphaweave.platform.data.MarketData;
import java.util.Map;
import java.util.Objects;

/**
 * A config resolved against the registry and the data, ready to run: nothing in it can fail
 * validation any more. Immutable.
 *
 * @param config the parsed config
 * @param data the market data of the universe up to the period's end, from the data's first bar
 *     (with sectors when given): bars before the period warm the strategies up
 * @param firstDay calendar index in {@code data} of the period's first trading day
 * @param setup the resolved components, constraints, schedule, costs and capital
 * @param resolvedParams component id → its complete validated parameters (defaults filled in), for
 *     reports; strategies first, then the combiner and the allocator
 */
public record PreparedBacktest(
        BacktestConfig config,
        MarketData data,
        int firstDay,
        PortfolioSetup setup,
        Map<String, Map<String, Object>> resolvedParams) {

    /** Checks nulls and copies the map. */
    public PreparedBacktest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(setup, "setup");
        resolvedParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(resolvedParams));
    }
}
