package io.alphaweave.platform.evaluation;

/**
 * The probabilistic Sharpe ratio of Bailey &amp; López de Prado (2012): the probability that the
 * true Sharpe ratio exceeds a benchmark, given the sample's length, skewness and kurtosis:
 * PSR = Φ((SR − SR*)·√(n−1) / √(1 − γ₃·SR + (γ₄−1)/4·SR²)), with SR and SR* per period (daily,
 * not annualised), SR = mean/std(ddof=1), γ₃ the sample skewness and γ₄ the sample (non-excess)
 * kurtosis, both with population moments (scipy's default, bias=True). Immutable.
 *
 * @param observations n, the number of returns
 * @param sharpeRatio the daily Sharpe ratio SR
 * @param benchmarkSharpe the daily benchmark SR*
 * @param skewness γ₃
 * @param kurtosis γ₄ (3 for a normal distribution)
 * @param probability PSR in [0, 1]; NaN when undefined (fewer than 3 returns, zero variance)
 */
public record ProbabilisticSharpe(
        int observations,
        double sharpeRatio,
        double benchmarkSharpe,
        double skewness,
        double kurtosis,
        double probability) {}
