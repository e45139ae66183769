package io.alphaweave.platform.evaluation;

import java.util.Locale;

/**
 * How the information coefficient treats gaps in the prices and the horizons of one report
 * ({@code docs/ic.md} has both with a worked example). In both modes the daily IC is the Spearman
 * rank correlation (average ranks for ties) across symbols between the alpha at t and the forward
 * return close[t+h]/close[t] − 1, h trading rows of the calendar later; a day needs two pairs and
 * neither side constant, and the summary is the mean over the days that have an IC.
 */
public enum IcMode {
    /**
     * A symbol without a close at t or at t+h has no forward return and is left out of that day;
     * each horizon is computed on its own sample (every (day, symbol) whose return at that horizon
     * is defined). The t statistic counts the days with an IC.
     */
    DEFAULT,
    /**
     * What alphalens computes ({@code get_clean_factor_and_forward_returns} then {@code
     * factor_information_coefficient}): closes are forward-filled per symbol (a missing close
     * becomes the symbol's last close; before its first close there is none), the forward return
     * is filled[t+h]/filled[t] − 1, and one joint sample serves every horizon of the report — a
     * (day, symbol) is kept only if its alpha and its forward returns at every horizon are defined
     * (so the last max(h) days drop out for all horizons). As alphalens' {@code ttest_1samp}, the
     * t statistic is NaN when some day of the sample has no IC (a single symbol, or a constant
     * side).
     */
    ALPHALENS;

    /**
     * @param text {@code default} or {@code alphalens} (any case)
     * @return the mode
     * @throws IllegalArgumentException naming the allowed values
     */
    public static IcMode parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "alphalens" -> ALPHALENS;
            default ->
                throw new IllegalArgumentException(
                        "ic_mode must be default (skip a symbol without a forward close; each horizon on its own"
                                + " sample) or alphalens (forward-fill closes; one joint sample), was \"" + text
                                + "\"");
        };
    }

    /** @return the name a config uses: {@code default} or {@code alphalens} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
