package io.alphaweave.platform.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;

/** Inference on the Sharpe ratio: PSR and the block bootstrap (see the result records). */
final class SharpeStatistics {
    private SharpeStatistics() {}

    static ProbabilisticSharpe probabilistic(double[] r, double benchmarkDaily) {
        int n = r.length;
        double mean = ReturnStatistics.mean(r);
        double std = ReturnStatistics.std(r, mean);
        double m2 = 0, m3 = 0, m4 = 0;
        for (double x : r) {
            double d = x - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skew = m3 / Math.pow(m2, 1.5);
        double kurt = m4 / (m2 * m2);
        double sr = mean / std;
        double p = Double.NaN;
        if (n >= 3 && std > 0) {
            double denom = 1.0 - skew * sr + (kurt - 1.0) / 4.0 * sr * sr;
            if (denom > 0) {
                double z = (sr - benchmarkDaily) * Math.sqrt(n - 1.0) / Math.sqrt(denom);
                p = new NormalDistribution(0, 1).cumulativeProbability(z);
            }
        }
        return new ProbabilisticSharpe(n, sr, benchmarkDaily, skew, kurt, p);
    }

    static SharpeInterval bootstrap(double[] r, int resamples, double level, int blockLength, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be ≥ 1, was " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        int n = r.length;
        if (blockLength < 1 || blockLength > n) {
            throw new IllegalArgumentException("blockLength must be in [1, " + n + "], was " + blockLength);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] sharpes = new double[resamples];
        int kept = 0;
        double sqrtA = Math.sqrt(ReturnStatistics.A);
        for (int b = 0; b < resamples; b++) {
            // Welford over the resample without materialising it
            double mean = 0, m2 = 0;
            int count = 0;
            while (count < n) {
                int start = rnd.nextInt(n);
                for (int j = 0; j < blockLength && count < n; j++) {
                    double x = r[(start + j) % n];
                    count++;
                    double d = x - mean;
                    mean += d / count;
                    m2 += d * (x - mean);
                }
            }
            double std = Math.sqrt(m2 / (n - 1));
            if (std > 0) {
                sharpes[kept++] = mean / std * sqrtA;
            }
        }
        double[] s = Arrays.copyOf(sharpes, kept);
        Arrays.sort(s);
        double alpha = (1 - level) / 2;
        return new SharpeInterval(
                ReturnStatistics.sharpe(r),
                percentile(s, alpha),
                percentile(s, 1 - alpha),
                level,
                kept,
                blockLength,
                seed);
    }

    /** numpy's default (linear) percentile of sorted values, q in [0, 1]. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int k = (int) Math.floor(h);
        return k + 1 < sorted.length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
    }
}
