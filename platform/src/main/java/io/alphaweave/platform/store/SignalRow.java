package io.alphaweave.platform.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One stored signal: a strategy's view of one symbol on one date.
 *
 * @param symbol the instrument, 1–64 characters (any text, stored verbatim)
 * @param date the signal date
 * @param alphaScore the score; NaN and ±∞ are stored as themselves
 * @param confidence the confidence; NaN and ±∞ are stored as themselves
 * @param horizonDays the horizon in trading days
 * @param volatilityAdjusted whether the score is volatility-adjusted
 * @param metadataJson a JSON document, or null for none
 */
public record SignalRow(
        String symbol,
        LocalDate date,
        double alphaScore,
        double confidence,
        int horizonDays,
        boolean volatilityAdjusted,
        String metadataJson) {

    /** Validates. */
    public SignalRow {
        Checks.nonBlank(symbol, "symbol", 64);
        Objects.requireNonNull(date, "date");
    }
}
