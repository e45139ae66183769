package io.alphaweave.platform.evaluation;

/**
 * The daily-return metrics of {@code METRICS.md} (empyrical conventions: A = 252, risk-free rate 0,
 * simple returns). A value is {@code NaN} (or ±∞ where the formula divides by zero, e.g. a profit
 * factor without losing days) when it is undefined for the series, e.g. a standard deviation of
 * fewer than two returns; JSON writers print such values as {@code null}. Immutable.
 *
 * @param days N, the number of returns
 * @param totalReturn ∏(1+rᵢ) − 1
 * @param cagr (∏(1+rᵢ))^(A/N) − 1
 * @param volatility std(r, ddof=1)·√A
 * @param sharpeRatio mean(r)/std(r, ddof=1)·√A
 * @param downsideRisk √((1/N)Σmin(rᵢ,0)²)·√A
 * @param sortinoRatio mean(r)·A/downsideRisk
 * @param maxDrawdown min over t of V_t/max_{s≤t}V_s − 1 with V₀ = 1 counted as a peak; ≤ 0
 * @param calmarRatio cagr/|maxDrawdown|, or {@code null} when there is no drawdown
 * @param var95 5th percentile of r, numpy linear interpolation at h = (N−1)·0.05; signed
 * @param cvar95 mean of the ⌊(N−1)·0.05⌋+1 smallest returns; signed
 * @param dailyWinRate #(r&gt;0)/#(r≠0)
 * @param dailyProfitFactor Σ_{r≥0}r/|Σ_{r&lt;0}r|
 * @param avgDailyWin mean of the positive returns
 * @param avgDailyLoss mean of the negative returns (negative)
 */
public record ReturnMetrics(
        int days,
        double totalReturn,
        double cagr,
        double volatility,
        double sharpeRatio,
        double downsideRisk,
        double sortinoRatio,
        double maxDrawdown,
        Double calmarRatio,
        double var95,
        double cvar95,
        double dailyWinRate,
        double dailyProfitFactor,
        double avgDailyWin,
        double avgDailyLoss) {

    /** Annualisation factor: trading days per year. */
    public static final int ANNUALISATION = 252;

    /** Checks the count. */
    public ReturnMetrics {
        if (days < 1) {
            throw new IllegalArgumentException("days must be ≥ 1, was " + days);
        }
    }
}
