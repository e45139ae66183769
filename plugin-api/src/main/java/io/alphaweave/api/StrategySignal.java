package io.alphaweave.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One strategy's view on one symbol at one day: how strongly it expects the symbol to rise or fall
 * ({@code alphaScore}), how sure it is ({@code confidence}) and over how many trading days
 * ({@code horizonDays}). Immutable and thread-safe; the compact constructor rejects every value out
 * of its range, so a signal that exists is valid.
 *
 * @param timestamp the trading day whose close the signal was computed at; the signal may only use
 *     bars up to and including this day. Never null.
 * @param symbol the instrument, as spelled in the market data; never null or blank
 * @param alphaScore expected direction and strength, in [-1, 1]: +1 strongest long, -1 strongest
 *     short, 0 no view
 * @param confidence how much weight the strategy itself puts on the score, in [0, 1]
 * @param horizonDays the number of trading days the view is meant for, ≥ 1
 * @param volatilityAdjusted whether {@code alphaScore} is already scaled by the symbol's volatility
 * @param metadata indicator values and thresholds that explain the signal; copied, never null
 *     (values should be numbers, strings or booleans so they serialise to JSON)
 */
public record StrategySignal(
        LocalDate timestamp,
        String symbol,
        double alphaScore,
        double confidence,
        int horizonDays,
        boolean volatilityAdjusted,
        Map<String, Object> metadata) {

    /** Validates every field; see the record description for the ranges. */
    public StrategySignal {
        Objects.requireNonNull(timestamp, "timestamp must not be null");
        Objects.requireNonNull(symbol, "symbol must not be null");
        if (symbol.isBlank()) {
            throw new InvalidSignalException("symbol must not be blank");
        }
        if (!(alphaScore >= -1.0 && alphaScore <= 1.0)) {
            throw new InvalidSignalException(
                    "alphaScore must be in [-1, 1], was " + alphaScore + " (" + symbol + " " + timestamp + ")");
        }
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new InvalidSignalException(
                    "confidence must be in [0, 1], was " + confidence + " (" + symbol + " " + timestamp + ")");
        }
        if (horizonDays < 1) {
            throw new InvalidSignalException(
                    "horizonDays must be ≥ 1, was " + horizonDays + " (" + symbol + " " + timestamp + ")");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * A signal with no metadata that is not volatility-adjusted.
     *
     * @param timestamp trading day, never null
     * @param symbol instrument, never null
     * @param alphaScore in [-1, 1]
     * @param confidence in [0, 1]
     * @param horizonDays ≥ 1
     * @return the validated signal
     */
    public static StrategySignal of(
            LocalDate timestamp, String symbol, double alphaScore, double confidence, int horizonDays) {
        return new StrategySignal(timestamp, symbol, alphaScore, confidence, horizonDays, false, Map.of());
    }
}
