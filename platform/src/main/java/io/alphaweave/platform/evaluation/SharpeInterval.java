package io.alphaweave.platform.evaluation;

/**
 * A bootstrap confidence interval for the annualised Sharpe ratio. Resampling: a circular block
 * bootstrap — each resample of length n is built from blocks of {@code blockLength} consecutive
 * returns (wrapping around the end) starting at uniformly drawn indexes, drawn with a
 * {@link java.util.SplittableRandom} seeded with {@code seed}; {@code blockLength} 1 is the plain
 * i.i.d. bootstrap. The bounds are the (1−level)/2 and (1+level)/2 percentiles (numpy linear
 * interpolation) of the resampled Sharpe ratios; resamples with zero variance are left out.
 * Immutable.
 *
 * @param estimate the Sharpe ratio of the original series (annualised)
 * @param lower lower bound (annualised)
 * @param upper upper bound (annualised)
 * @param level coverage, e.g. 0.95
 * @param resamples number of resamples used
 * @param blockLength block length in days, ≥ 1
 * @param seed the random seed
 */
public record SharpeInterval(
        double estimate, double lower, double upper, double level, int resamples, int blockLength, long seed) {}
