package io.alphaweave.platform.app;

import io.alphaweave.platform.evaluation.ReturnMetrics;

/**
 * The daily-return metrics of METRICS.md for one run (in its order) plus the final equity. Ratios are
 * plain fractions (0.12 = 12 %); a metric that is undefined for the series is NaN (written as JSON
 * null). Immutable.
 *
 * @param days number of daily returns, ≥ 1
 * @param totalReturn compounded return over the period
 * @param cagr compound annual growth rate (252 days a year)
 * @param volatility annualised standard deviation (ddof = 1)
 * @param sharpeRatio annualised Sharpe ratio (risk-free 0)
 * @param downsideRisk annualised downside deviation
 * @param sortinoRatio annualised Sortino ratio
 * @param maxDrawdown worst peak-to-trough loss, ≤ 0
 * @param calmarRatio CAGR / |max drawdown|; null when there was no drawdown
 * @param var95 one-day historical value at risk at 95 %
 * @param cvar95 one-day expected shortfall at 95 %
 * @param dailyWinRate share of days with a positive return
 * @param dailyProfitFactor Σ gains / Σ |losses| over days
 * @param avgDailyWin mean positive daily return
 * @param avgDailyLoss mean negative daily return
 * @param finalEquity account value at the last close, in the config's currency; NaN when not known
 */
public record RunMetrics(
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
        double avgDailyLoss,
        double finalEquity) {

    /** Checks the day count. */
    public RunMetrics {
        if (days < 1) {
            throw new IllegalArgumentException("days must be ≥ 1, was " + days);
        }
    }

    /**
     * @param m the return metrics
     * @param finalEquity the account value at the last close
     * @return the metrics with the final equity
     */
    public static RunMetrics of(ReturnMetrics m, double finalEquity) {
        return new RunMetrics(
                m.days(),
                m.totalReturn(),
                m.cagr(),
                m.volatility(),
                m.sharpeRatio(),
                m.downsideRisk(),
                m.sortinoRatio(),
                m.maxDrawdown(),
                m.calmarRatio(),
                m.var95(),
                m.cvar95(),
                m.dailyWinRate(),
                m.dailyProfitFactor(),
                m.avgDailyWin(),
                m.avgDailyLoss(),
                finalEquity);
    }

    /** @return the metrics without the final equity */
    public ReturnMetrics returnMetrics() {
        return new ReturnMetrics(
                days,
                totalReturn,
                cagr,
                volatility,
                sharpeRatio,
                downsideRisk,
                sortinoRatio,
                maxDrawdown,
                calmarRatio,
                var95,
                cvar95,
                dailyWinRate,
                dailyProfitFactor,
                avgDailyWin,
                avgDailyLoss);
    }
}
