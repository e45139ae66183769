package io.alphaweave.platform.backtest;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One fill of a portfolio backtest, with the strategies that caused it. Immutable.
 *
 * @param date fill date (the open after the decision)
 * @param decisionDate the rebalance date whose close decided the order
 * @param symbol the instrument
 * @param quantity signed shares (positive bought)
 * @param price fill price including slippage
 * @param commission commission paid
 * @param attribution strategy id → its share of the position decided (shares in [0, 1] sum to 1; see
 *     {@link PortfolioBacktest} for the rule)
 */
public record PortfolioTrade(
        LocalDate date,
        LocalDate decisionDate,
        String symbol,
        double quantity,
        double price,
        double commission,
        Map<String, Double> attribution) {

    /** Copies the attribution. */
    public PortfolioTrade {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(symbol, "symbol");
        attribution = Map.copyOf(attribution);
    }
}
