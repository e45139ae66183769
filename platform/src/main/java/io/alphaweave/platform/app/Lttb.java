package io.alphaweave.platform.app;

/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson 2013): keeps the first and the last point
 * and, from each of {@code threshold − 2} equal buckets in between, the point that forms the largest
 * triangle with the point kept before it and the mean of the next bucket. A drawn line keeps its
 * peaks and troughs with a fraction of the points. Points are (index, value): the series is assumed
 * evenly spaced, as trading days are for drawing.
 */
public final class Lttb {
    private Lttb() {}

    /**
     * @param values the series; NaN values count as 0 for the choice (they stay NaN in the output)
     * @param threshold how many points to keep, ≥ 3
     * @return the indices kept, ascending; every index when the series has no more than {@code threshold}
     *     points
     * @throws IllegalArgumentException when threshold is below 3
     */
    public static int[] indices(double[] values, int threshold) {
        if (threshold < 3) {
            throw new IllegalArgumentException("threshold must be ≥ 3, was " + threshold);
        }
        int n = values.length;
        if (n <= threshold) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[threshold];
        double every = (double) (n - 2) / (threshold - 2);
        int a = 0;
        out[0] = 0;
        for (int i = 0; i < threshold - 2; i++) {
            int nextFrom = (int) Math.floor((i + 1) * every) + 1;
            int nextTo = Math.min(n, (int) Math.floor((i + 2) * every) + 1);
            double avgX = 0, avgY = 0;
            int count = Math.max(1, nextTo - nextFrom);
            for (int j = nextFrom; j < nextTo; j++) {
                avgX += j;
                avgY += value(values, j);
            }
            avgX /= count;
            avgY /= count;
            int from = (int) Math.floor(i * every) + 1;
            int to = (int) Math.floor((i + 1) * every) + 1;
            double ax = a, ay = value(values, a);
            double best = -1;
            int chosen = from;
            for (int j = from; j < to; j++) {
                double area = Math.abs((ax - avgX) * (value(values, j) - ay) - (ax - j) * (avgY - ay));
                if (area > best) {
                    best = area;
                    chosen = j;
                }
            }
            out[i + 1] = chosen;
            a = chosen;
        }
        out[threshold - 1] = n - 1;
        return out;
    }

    private static double value(double[] values, int i) {
        double v = values[i];
        return Double.isNaN(v) ? 0 : v;
    }
}
