package io.alphaweave.platform.contract;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.data.MarketData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contract kit's real data and the deterministic signals it derives from it. The panel is 12
 * symbols × 400 trading days (2015-06-01 … 2016-12-30) cut from {@code data/sample} with
 * <pre>gzip -dc data/sample/sp500_sample.csv.gz | awk -F, 'NR==1 || (symbol in {AAPL MSFT JPM XOM DHR O
 * FTV KO T SPG NEE ECL} &amp;&amp; "2015-06-01" &lt;= $1 &lt;= "2016-12-30")' | gzip -n</pre>
 * It keeps real defects: DHR and O have repaired bars and DHR a missing day; FTV starts on
 * 2016-07-01 (no bars before).
 */
final class KitData {
    private static final String RESOURCE = "panel.csv.gz";
    private static volatile MarketData panel;

    private KitData() {}

    /** @return the shared kit panel (immutable) */
    static MarketData panel() {
        MarketData p = panel;
        if (p == null) {
            try (InputStream in = KitData.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("contract kit resource " + RESOURCE + " is missing");
                }
                p = MarketData.load(in, "contract/" + RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            panel = p;
        }
        return p;
    }

    /** Evenly spread days from {@code from} to the last day, the last included. */
    static int[] spread(int from, int dayCount, int count) {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = from + (int) ((long) (dayCount - 1 - from) * i / (count - 1));
        }
        return out;
    }

    /** The simple return over {@code lag} calendar days ending at {@code day}, NaN without both closes. */
    static double ret(MarketView data, int symbol, int day, int lag) {
        if (day - lag < 0) {
            return Double.NaN;
        }
        double[] c = data.close(symbol);
        return c[day] / c[day - lag] - 1;
    }

    /** Strategy ids of {@link #signals}. */
    static final List<String> STRATEGIES = List.of("momentum_20", "reversal_5", "cross_rank_60", "sparse_view");

    /** Weights of {@link #signals}, one per strategy. */
    static final double[] WEIGHTS = {1.0, 0.5, 2.0, 1.0};

    /**
     * Four strategies' signals for one day, computed from bars up to {@code day} only: NaN where a
     * strategy lacks history or the symbol has no bar; confidences in [0.05, 1].
     */
    static CombinerInput signals(MarketView data, int day) {
        int n = data.symbolCount();
        double[][] alpha = new double[4][n], conf = new double[4][n];
        double[] r60 = new double[n];
        for (int s = 0; s < n; s++) {
            double m = ret(data, s, day, 20), r = ret(data, s, day, 5);
            alpha[0][s] = Math.tanh(10 * m);
            conf[0][s] = Double.isNaN(m) ? Double.NaN : 0.5 + 0.5 * Math.abs(alpha[0][s]);
            alpha[1][s] = -Math.tanh(20 * r);
            conf[1][s] = Double.isNaN(r) ? Double.NaN : 0.8;
            r60[s] = ret(data, s, day, 60);
            boolean sparse = (s + day) % 3 == 0 && !Double.isNaN(data.close(s)[day]);
            alpha[3][s] = sparse ? (ret(data, s, day, 1) > 0 ? 0.5 : -0.5) : Double.NaN;
            conf[3][s] = sparse ? 1.0 : Double.NaN;
            if (Double.isNaN(alpha[3][s])) {
                conf[3][s] = Double.NaN;
            }
        }
        double[] rank = io.alphaweave.api.AlphaNormalizer.RANK.apply(r60);
        for (int s = 0; s < n; s++) {
            alpha[2][s] = rank[s];
            conf[2][s] = Double.isNaN(rank[s]) ? Double.NaN : 0.05 + 0.25 * Math.abs(rank[s]);
            for (int k = 0; k < 4; k++) {
                if (Double.isNaN(alpha[k][s])) {
                    conf[k][s] = Double.NaN;
                }
            }
        }
        return new CombinerInput(data.date(day), data.symbols(), STRATEGIES, WEIGHTS.clone(), alpha, conf);
    }

    /**
     * A combined alpha for one day from bars up to {@code day} only: tanh of 10 × the 20-day return,
     * NaN without history or bar, and NaN for every fifth symbol on odd days (symbols without a view).
     */
    static double[] combinedAlpha(MarketView data, int day) {
        int n = data.symbolCount();
        double[] out = new double[n];
        for (int s = 0; s < n; s++) {
            double m = ret(data, s, day, 20);
            out[s] = (s % 5 == day % 2) ? Double.NaN : Math.tanh(10 * m);
        }
        return out;
    }

    /** A copy of the panel whose bars after {@code day} are scrambled (prices scaled by random factors). */
    static MarketData alterFuture(MarketData data, int day, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = data.symbolCount(), days = data.dayCount();
        double[][] o = new double[n][],
                h = new double[n][],
                l = new double[n][],
                c = new double[n][],
                v = new double[n][];
        String[] sectors = new String[n];
        for (int s = 0; s < n; s++) {
            o[s] = data.open(s).clone();
            h[s] = data.high(s).clone();
            l[s] = data.low(s).clone();
            c[s] = data.close(s).clone();
            v[s] = data.volume(s).clone();
            sectors[s] = data.sector(s);
            for (int d = day + 1; d < days; d++) {
                double f = 0.5 + rnd.nextDouble();
                o[s][d] *= f;
                h[s][d] *= f * 1.01;
                l[s][d] *= f * 0.99;
                c[s][d] *= f;
                v[s][d] *= 2;
            }
        }
        return new MarketData(data.calendar(), data.symbols(), o, h, l, c, v, sectors);
    }

    /** A fingerprint of every value of the panel, to detect writes by a component. */
    static int fingerprint(MarketView data) {
        int hash = 1;
        for (int s = 0; s < data.symbolCount(); s++) {
            hash = 31 * hash + Arrays.hashCode(data.open(s));
            hash = 31 * hash + Arrays.hashCode(data.high(s));
            hash = 31 * hash + Arrays.hashCode(data.low(s));
            hash = 31 * hash + Arrays.hashCode(data.close(s));
            hash = 31 * hash + Arrays.hashCode(data.volume(s));
        }
        return hash;
    }

    /** Whether two doubles are the same value (NaN equals NaN) or within {@code tol}. */
    static boolean same(double a, double b, double tol) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return a == b || Math.abs(a - b) <= tol;
    }
}
