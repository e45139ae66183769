package io.alphaweave.platform.evaluation;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The deflated Sharpe ratio of Bailey &amp; López de Prado, "The Deflated Sharpe Ratio: Correcting for
 * Selection Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5), 2014,
 * pp. 94–107 (equations 1–2 there): the probabilistic Sharpe ratio (see {@link ProbabilisticSharpe})
 * against the Sharpe ratio that the best of N independent trials would reach by luck alone,
 *
 * <pre>
 * SR₀ = √V · ((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e)))
 * DSR = Φ((SR − SR₀)·√(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²))
 * </pre>
 *
 * with γ ≈ 0.5772 the Euler–Mascheroni constant, V the variance of the trials' Sharpe ratios, T the
 * number of returns, γ₃ the skewness and γ₄ the (non-excess) kurtosis; every Sharpe ratio per period
 * (daily, not annualised). With one trial (or a variance that is not yet defined) SR₀ = 0 and the DSR is
 * the PSR against 0. Immutable.
 *
 * @param sharpeRatio SR, daily
 * @param observations T
 * @param skewness γ₃
 * @param kurtosis γ₄
 * @param trials N ≥ 1
 * @param trialSharpeVariance V, the variance of the trials' daily Sharpe ratios (ddof = 1), ≥ 0
 * @param expectedMaxSharpe SR₀, daily
 * @param probabilisticSharpe the PSR against 0
 * @param deflatedSharpe the DSR, a probability in [0, 1]; NaN when undefined (T &lt; 3, zero variance of
 *     returns)
 */
public record DeflatedSharpe(
        double sharpeRatio,
        int observations,
        double skewness,
        double kurtosis,
        int trials,
        double trialSharpeVariance,
        double expectedMaxSharpe,
        double probabilisticSharpe,
        double deflatedSharpe) {

    /** The Euler–Mascheroni constant γ. */
    public static final double EULER_GAMMA = 0.5772156649015329;

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);

    /** Checks the counts. */
    public DeflatedSharpe {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be ≥ 1, was " + trials);
        }
        if (observations < 0) {
            throw new IllegalArgumentException("observations must be ≥ 0, was " + observations);
        }
    }

    /**
     * The expected maximum Sharpe ratio of N trials under the null of no skill (SR₀ above).
     *
     * @param trials N ≥ 1
     * @param variance V ≥ 0 (NaN counts as 0: not yet known)
     * @return SR₀ per period; 0 for N = 1
     */
    public static double expectedMaxSharpe(int trials, double variance) {
        if (trials < 1) {
            throw new IllegalArgumentException("trials must be ≥ 1, was " + trials);
        }
        if (trials == 1 || !(variance > 0)) {
            return 0.0;
        }
        double n = trials;
        return Math.sqrt(variance)
                * ((1 - EULER_GAMMA) * NORMAL.inverseCumulativeProbability(1 - 1 / n)
                        + EULER_GAMMA * NORMAL.inverseCumulativeProbability(1 - 1 / (n * Math.E)));
    }

    /**
     * The DSR from the moments of a return series and the ledger.
     *
     * @param sharpeRatio SR per period
     * @param observations T
     * @param skewness γ₃
     * @param kurtosis γ₄ (3 for normal returns)
     * @param trials N ≥ 1, the candidate included
     * @param trialSharpeVariance V of the trials' per-period Sharpe ratios
     * @return the DSR with its inputs
     */
    public static DeflatedSharpe of(
            double sharpeRatio,
            int observations,
            double skewness,
            double kurtosis,
            int trials,
            double trialSharpeVariance) {
        double sr0 = expectedMaxSharpe(trials, trialSharpeVariance);
        return new DeflatedSharpe(
                sharpeRatio,
                observations,
                skewness,
                kurtosis,
                trials,
                trialSharpeVariance,
                sr0,
                psr(sharpeRatio, 0.0, observations, skewness, kurtosis),
                psr(sharpeRatio, sr0, observations, skewness, kurtosis));
    }

    /**
     * The DSR of a return series.
     *
     * @param returns the daily returns
     * @param trials N ≥ 1, the candidate included
     * @param trialSharpeVariance V of the trials' daily Sharpe ratios
     * @return the DSR
     */
    public static DeflatedSharpe of(ReturnSeries returns, int trials, double trialSharpeVariance) {
        ProbabilisticSharpe p = StrategyEvaluator.probabilisticSharpe(returns, 0.0);
        return of(p.sharpeRatio(), p.observations(), p.skewness(), p.kurtosis(), trials, trialSharpeVariance);
    }

    private static double psr(double sr, double benchmark, int n, double skew, double kurt) {
        if (n < 3 || !Double.isFinite(sr)) {
            return Double.NaN;
        }
        double denom = 1.0 - skew * sr + (kurt - 1.0) / 4.0 * sr * sr;
        if (!(denom > 0)) {
            return Double.NaN;
        }
        return NORMAL.cumulativeProbability((sr - benchmark) * Math.sqrt(n - 1.0) / Math.sqrt(denom));
    }
}
