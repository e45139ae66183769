package io.alphaweave.platform.submission;

/**
 * What a strategy must reach to be ACCEPTED. Every criterion that fails adds a machine-readable reason
 * to the verdict.
 *
 * @param minDeflatedSharpe the deflated Sharpe ratio (a probability) must be at least this, in [0, 1]
 * @param minIcMean the mean IC at the declared horizon must be at least this
 * @param maxCorrelation the highest correlation of daily returns (and of signals) with any registered
 *     strategy must be at most this, in [0, 1]
 * @param minMarginalSharpe adding the strategy to the default portfolio must change its Sharpe ratio by
 *     at least this (annualised; may be negative to tolerate a small loss)
 * @param minHoldoutSharpe the annualised Sharpe ratio on the sealed holdout must be at least this
 * @param holdoutFraction the share of the most recent dates sealed as the holdout, in (0, 0.5]
 * @param requireHorizonMatch whether the declared horizon must be where the IC peaks (within one step
 *     of the decay horizons)
 */
public record VerdictThresholds(
        double minDeflatedSharpe,
        double minIcMean,
        double maxCorrelation,
        double minMarginalSharpe,
        double minHoldoutSharpe,
        double holdoutFraction,
        boolean requireHorizonMatch) {

    /** Checks ranges; errors name the field, the rule and the value. */
    public VerdictThresholds {
        inRange("minDeflatedSharpe", minDeflatedSharpe, 0, 1);
        inRange("maxCorrelation", maxCorrelation, 0, 1);
        finite("minIcMean", minIcMean);
        finite("minMarginalSharpe", minMarginalSharpe);
        finite("minHoldoutSharpe", minHoldoutSharpe);
        if (!(holdoutFraction > 0 && holdoutFraction <= 0.5)) {
            throw new IllegalArgumentException("holdoutFraction must be in (0, 0.5], was " + holdoutFraction);
        }
    }

    /**
     * The defaults: DSR ≥ 0.5, IC ≥ 0.005, correlation ≤ 0.9, marginal Sharpe ≥ −0.05, holdout Sharpe ≥ 0,
     * the last 20% of dates sealed, horizon match reported but not required.
     *
     * @return the defaults
     */
    public static VerdictThresholds defaults() {
        return new VerdictThresholds(0.5, 0.005, 0.9, -0.05, 0.0, 0.2, false);
    }

    private static void inRange(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], was " + v);
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, was " + v);
        }
    }
}
