package io.alphaweave.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Every strategy's signals for one day, as a combiner receives them. Arrays are indexed
 * {@code [strategy][symbol]}; {@code NaN} alpha and confidence mean "no view". The arrays belong to
 * the host and must not be modified.
 *
 * @param date the decision date
 * @param symbols the symbols, column order of the inner arrays
 * @param strategyIds the strategies, row order; distinct
 * @param weights each strategy's configured weight (≥ 0, not necessarily normalised)
 * @param alpha alpha by strategy and symbol
 * @param confidence confidence by strategy and symbol; all {@code NaN} when the combiner declared
 *     that it {@linkplain SignalCombiner#readsConfidence() reads no confidence}
 */
public record CombinerInput(
        LocalDate date,
        List<String> symbols,
        List<String> strategyIds,
        double[] weights,
        double[][] alpha,
        double[][] confidence) {

    /** Checks shapes and weights. */
    public CombinerInput {
        Objects.requireNonNull(date, "date");
        symbols = List.copyOf(symbols);
        strategyIds = List.copyOf(strategyIds);
        int k = strategyIds.size();
        if (weights.length != k || alpha.length != k || confidence.length != k) {
            throw new IllegalArgumentException(
                    "weights, alpha and confidence must have one row per strategy (" + k + ")");
        }
        for (int i = 0; i < k; i++) {
            if (!(weights[i] >= 0.0) || Double.isInfinite(weights[i])) {
                throw new InvalidParameterException(
                        "weight of strategy " + strategyIds.get(i) + " must be a finite number ≥ 0, was " + weights[i]);
            }
            if (alpha[i].length != symbols.size() || confidence[i].length != symbols.size()) {
                throw new IllegalArgumentException(
                        "alpha and confidence rows must have one entry per symbol (" + symbols.size() + ")");
            }
        }
    }

    /** @return number of strategies */
    public int strategyCount() {
        return strategyIds.size();
    }

    /** @return number of symbols */
    public int symbolCount() {
        return symbols.size();
    }
}
