package io.alphaweave.platform.evaluation;

/**
 * The information coefficient of an alpha at one horizon (alphalens convention): per day t, the
 * Spearman rank correlation (average ranks for ties) across the symbols that have both an alpha at t
 * and a forward return close[t+h]/close[t] − 1 (h trading rows later); days with fewer than two such
 * symbols or with a constant alpha or return are left out. Immutable.
 *
 * @param horizon h in trading days, ≥ 1
 * @param days number of days with an IC
 * @param mean mean IC over those days
 * @param std standard deviation of the daily IC (ddof = 1)
 * @param icir mean / std (alphalens' "risk-adjusted IC")
 * @param tStat mean / (std / √days), the one-sample t statistic against 0
 */
public record InformationCoefficient(int horizon, int days, double mean, double std, double icir, double tStat) {

    /** Checks the horizon. */
    public InformationCoefficient {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be ≥ 1, was " + horizon);
        }
    }
}
