package io.alphaweave.api;

import java.util.Arrays;

/**
 * Cross-sectional maps from raw scores (any real numbers) to alpha scores in [-1, 1]. {@code NaN}
 * inputs stay {@code NaN} and are ignored by the statistics; each function returns a new array.
 */
public enum AlphaNormalizer {
    /** (x − mean) / σ (population), divided by 3 and clipped: ±3σ and beyond map to ±1; σ = 0 gives 0. */
    Z_SCORE {
        @Override
        public double[] apply(double[] raw) {
            double sum = 0;
            int n = 0;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    sum += x;
                    n++;
                }
            }
            double mean = n == 0 ? 0 : sum / n, ss = 0;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    ss += (x - mean) * (x - mean);
                }
            }
            double sd = n == 0 ? 0 : Math.sqrt(ss / n);
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                double x = raw[i];
                out[i] = Double.isNaN(x) ? Double.NaN : sd == 0 ? 0.0 : clip((x - mean) / sd / 3.0);
            }
            return out;
        }
    },
    /** 2 · (x − min) / (max − min) − 1; all equal gives 0. */
    MIN_MAX {
        @Override
        public double[] apply(double[] raw) {
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                }
            }
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                double x = raw[i];
                out[i] = Double.isNaN(x) ? Double.NaN : max == min ? 0.0 : clip(2.0 * (x - min) / (max - min) - 1.0);
            }
            return out;
        }
    },
    /** Average rank r ∈ [1, n] (ties share their mean rank) mapped to 2·(r − 1)/(n − 1) − 1; n = 1 gives 0. */
    RANK {
        @Override
        public double[] apply(double[] raw) {
            int n = 0;
            for (double x : raw) {
                if (!Double.isNaN(x)) {
                    n++;
                }
            }
            int[] idx = new int[n];
            for (int i = 0, j = 0; i < raw.length; i++) {
                if (!Double.isNaN(raw[i])) {
                    idx[j++] = i;
                }
            }
            Integer[] order = Arrays.stream(idx).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(raw[a], raw[b]));
            double[] out = new double[raw.length];
            Arrays.fill(out, Double.NaN);
            for (int i = 0; i < n; ) {
                int j = i;
                while (j + 1 < n && raw[order[j + 1]] == raw[order[i]]) {
                    j++;
                }
                double rank = (i + j) / 2.0 + 1.0;
                for (int k = i; k <= j; k++) {
                    out[order[k]] = n == 1 ? 0.0 : 2.0 * (rank - 1.0) / (n - 1.0) - 1.0;
                }
                i = j + 1;
            }
            return out;
        }
    },
    /** tanh(x): smooth, keeps sign and order, saturates for |x| ≫ 1. */
    TANH {
        @Override
        public double[] apply(double[] raw) {
            double[] out = new double[raw.length];
            for (int i = 0; i < raw.length; i++) {
                out[i] = Math.tanh(raw[i]);
            }
            return out;
        }
    };

    /**
     * Normalises one cross-section.
     *
     * @param raw raw scores; not modified
     * @return alpha scores in [-1, 1], {@code NaN} where the input is {@code NaN}
     */
    public abstract double[] apply(double[] raw);

    private static double clip(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }
}
