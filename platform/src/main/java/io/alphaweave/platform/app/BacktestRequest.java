package io.alphaweave.platform.app;

import io.alphaweave.platform.backtest.BacktestConfig;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@link BacktestService#run(BacktestRequest, ProgressListener, CancellationToken)} runs: one of two modes. */
public sealed interface BacktestRequest permits BacktestRequest.Portfolio, BacktestRequest.Rules {

    /**
     * A portfolio backtest of a config (DESIGN §4).
     *
     * @param config the parsed config
     * @param compareCombiners whether to also run every registered combiner (each strategy alone is
     *     always run, for the per-strategy reports)
     */
    record Portfolio(BacktestConfig config, boolean compareCombiners) implements BacktestRequest {
        /** Checks the config. */
        public Portfolio {
            Objects.requireNonNull(config, "config");
        }
    }

    /**
     * The legacy rules-mode backtest (DESIGN §4) of one strategy: BUY/SELL per symbol, equal cash
     * sleeves, fills at the symbol's next open.
     *
     * @param data a dataset name of the catalog, or a path (file or folder of CSVs)
     * @param symbols only these symbols, in this order; empty for every symbol of the data
     * @param start first day, or null for the data's first
     * @param end last day, or null for the data's last
     * @param strategyId the strategy's registry id
     * @param params raw parameters for the strategy (validated by it)
     * @param capital starting capital, finite and > 0, split into equal sleeves
     * @param commissionBps commission per fill in basis points, ≥ 0
     * @param slippageBps adverse price move per fill in basis points, ≥ 0
     */
    record Rules(
            String data,
            List<String> symbols,
            LocalDate start,
            LocalDate end,
            String strategyId,
            Map<String, Object> params,
            double capital,
            double commissionBps,
            double slippageBps)
            implements BacktestRequest {
        /** Checks nulls and copies. */
        public Rules {
            Objects.requireNonNull(data, "data");
            symbols = List.copyOf(symbols);
            Objects.requireNonNull(strategyId, "strategyId");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }
}
