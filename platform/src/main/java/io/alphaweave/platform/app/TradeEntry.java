package io.alphaweave.platform.app;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One fill of the portfolio with the strategies that caused it. Immutable.
 *
 * @param date fill date (the open after the decision)
 * @param decisionDate the rebalance date whose close decided the order, ≤ date
 * @param symbol the instrument
 * @param quantity signed shares (positive bought)
 * @param price fill price including slippage, > 0
 * @param commission commission paid, ≥ 0
 * @param attribution strategy id → its share of the decision, in [0, 1], sorted by id
 */
public record TradeEntry(
        LocalDate date,
        LocalDate decisionDate,
        String symbol,
        double quantity,
        double price,
        double commission,
        Map<String, Double> attribution) {

    /** Checks and copies the attribution, sorted by strategy id so every run writes it the same way. */
    public TradeEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(decisionDate, "decisionDate");
        Objects.requireNonNull(symbol, "symbol");
        if (decisionDate.isAfter(date)) {
            throw new IllegalArgumentException(
                    "decisionDate must be ≤ date, was " + decisionDate + " after " + date + " for " + symbol);
        }
        attribution = Collections.unmodifiableMap(new TreeMap<>(Copies.ordered(attribution, "attribution")));
    }
}
