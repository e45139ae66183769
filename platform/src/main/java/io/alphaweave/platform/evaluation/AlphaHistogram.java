package io.alphaweave.platform.evaluation;

import java.util.Arrays;

/**
 * The distribution of a strategy's alpha scores over every (symbol, day) with a view: equal-width
 * bins over [−1, 1], the last bin closed on the right. Immutable (arrays copied in and out).
 *
 * @param edges bin edges, {@code counts.length + 1} of them, from −1 to 1
 * @param counts number of scores per bin
 * @param total number of scores (cells with a view)
 * @param mean mean score, NaN when there is none
 * @param std standard deviation (ddof = 1), NaN below two scores
 */
public record AlphaHistogram(double[] edges, long[] counts, long total, double mean, double std) {

    /** Checks shapes and copies the arrays. */
    public AlphaHistogram {
        if (edges.length != counts.length + 1) {
            throw new IllegalArgumentException("edges must have counts.length + 1 entries");
        }
        edges = edges.clone();
        counts = counts.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlphaHistogram h
                && Arrays.equals(edges, h.edges)
                && Arrays.equals(counts, h.counts)
                && total == h.total
                && Double.compare(mean, h.mean) == 0
                && Double.compare(std, h.std) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "AlphaHistogram[edges=" + Arrays.toString(edges) + ", counts=" + Arrays.toString(counts) + ", total="
                + total + "]";
    }
}
