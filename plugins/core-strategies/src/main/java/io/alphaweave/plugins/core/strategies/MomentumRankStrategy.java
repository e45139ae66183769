package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.pf4j.Extension;

/**
 * {@code momentum_rank} — cross-sectional momentum: on each day, each symbol that has a bar and a
 * trailing {@code lookback}-bar return (close over the close {@code lookback} of its own bars
 * earlier, minus 1) is ranked against all others that day; rank r ∈ [0, m − 1] (ties get their mean
 * rank) maps to alpha = 2r/(m − 1) − 1, so the best performer gets +1 and the worst −1. With fewer
 * than {@code min_symbols} ranked symbols there is no view. Confidence = |alpha|. Immutable;
 * thread-safe.
 */
@Extension
public final class MomentumRankStrategy implements Strategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "momentum_rank",
            ComponentKind.STRATEGY,
            "1.0.0",
            21,
            "Cross-sectional momentum: rank of each symbol's trailing return across the universe, mapped to [-1, 1].",
            """
            Idea: over months, recent winners tend to keep outperforming recent losers (the momentum
            anomaly). The strategy is cross-sectional: it says which symbols to prefer over others on
            a day, not whether the market will rise.

            Alpha: on day t, for every symbol with a bar on t, the trailing return
            close[t] / close[lookback bars earlier] - 1 over its own bars (days without a bar skipped).
            The m symbols with a return are ranked ascending (ties share their mean rank r) and
            alpha = 2 r / (m - 1) - 1: +1 for the best, -1 for the worst, 0 for the median.
            No view with fewer than min_symbols ranked symbols. Confidence = |alpha|.
            Metadata: trailing_return, rank, universe_size and the parameters.

            Legacy signals (rules mode): BUY when alpha > legacy_threshold, SELL when
            alpha < -legacy_threshold.

            Parameters: lookback (126 bars, about six months), min_symbols (5), legacy_threshold (0.6).

            Works over months in broad equity universes. Fails in sharp market reversals (momentum
            crashes, e.g. after bear-market bottoms) and in small universes where ranks are noisy.
            """,
            java.util.List.of(
                    ParameterSpec.ofInt("lookback", 126, 1, 5000, "trailing return horizon in bars"),
                    ParameterSpec.ofInt("min_symbols", 5, 2, 100_000, "fewest ranked symbols for a view"),
                    ParameterSpec.ofDouble(
                            "legacy_threshold", 0.6, 0.0, 0.99, "|alpha| beyond which legacy signals trade")));

    private final Parameters params;

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public MomentumRankStrategy() {
        this(INFO.resolve(Map.of()));
    }

    private MomentumRankStrategy(Parameters params) {
        this.params = params;
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public Strategy configure(Map<String, ?> raw) {
        return raw == null || raw.isEmpty() ? this : new MomentumRankStrategy(INFO.resolve(raw));
    }

    /** @return the resolved parameter values */
    public Parameters parameters() {
        return params;
    }

    @Override
    public double legacyThreshold() {
        return params.getDouble("legacy_threshold");
    }

    @Override
    public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
        MarketView data = context.data();
        int target = data.indexOf(symbol);
        if (target < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the data");
        }
        int day = context.day(), lookback = params.getInt("lookback");
        double[] ret = new double[data.symbolCount()];
        for (int s = 0; s < ret.length; s++) {
            ret[s] = trailingReturn(data.close(s), day, lookback);
        }
        double[] alpha = new double[ret.length], rank = new double[ret.length];
        int m = rankDay(ret, alpha, rank, params.getInt("min_symbols"));
        double a = alpha[target];
        if (Double.isNaN(a)) {
            return Optional.empty();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("trailing_return", ret[target]);
        meta.put("rank", rank[target]);
        meta.put("universe_size", m);
        meta.putAll(params.values());
        return Optional.of(new StrategySignal(context.date(), symbol, a, Math.abs(a), INFO.horizonDays(), false, meta));
    }

    @Override
    public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
        int n = data.symbolCount(), days = data.dayCount(), lookback = params.getInt("lookback");
        int minSymbols = params.getInt("min_symbols");
        // a symbol with a bar every day has its returns computed from its closes while they are
        // ranked (no returns matrix); only a gapped symbol's returns are mapped to the calendar first
        double[][] gapped = new double[n][];
        double[][] close = new double[n][];
        IntStream.range(0, n).parallel().forEach(s -> {
            var bars = data.bars(s);
            if (bars.length() == days) {
                close[s] = bars.close();
                return;
            }
            double[] c = bars.close();
            double[] r = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                r[i] = i >= lookback ? c[i] / c[i - lookback] - 1 : Double.NaN;
            }
            gapped[s] = bars.toCalendar(r, days);
        });
        // days are ranked independently: tasks of 8 blocks run in parallel, each writing only its own
        // days of every row (distinct array elements, published by the stream's join)
        int block = 64, span = 8 * block;
        IntStream.range(0, (days + span - 1) / span)
                .parallel()
                .forEach(t -> rankDays(
                        close, gapped, lookback, out, t * span, Math.min(days, (t + 1) * span), block, minSymbols));
    }

    /**
     * Ranks days [from, to) in day-major blocks and writes their alphas and confidences. A symbol's
     * returns come from {@code close[s]} (a bar every day) or, where that is null, from {@code
     * gapped[s]} (calendar returns).
     */
    private static void rankDays(
            double[][] close,
            double[][] gapped,
            int lookback,
            AlphaMatrix out,
            int from,
            int to,
            int block,
            int minSymbols) {
        int n = close.length;
        // day-major blocks: each symbol's returns are read (and its alphas written) 64 days at a time
        // instead of one strided access per symbol and day
        double[] colT = new double[block * n], alphaT = new double[block * n];
        double[] col = new double[n], alpha = new double[n], rank = new double[n];
        RankScratch scratch = new RankScratch(n);
        for (int d0 = from; d0 < to; d0 += block) {
            int len = Math.min(block, to - d0);
            for (int s = 0; s < n; s++) {
                double[] c = close[s];
                if (c == null) {
                    double[] r = gapped[s];
                    for (int i = 0, at = s; i < len; i++, at += n) {
                        colT[at] = r[d0 + i];
                    }
                    continue;
                }
                for (int i = 0, at = s; i < len; i++, at += n) {
                    int d = d0 + i;
                    colT[at] = d >= lookback ? c[d] / c[d - lookback] - 1 : Double.NaN;
                }
            }
            for (int i = 0; i < len; i++) {
                System.arraycopy(colT, i * n, col, 0, n);
                rankDay(col, alpha, rank, minSymbols, scratch);
                System.arraycopy(alpha, 0, alphaT, i * n, n);
            }
            for (int s = 0; s < n; s++) {
                double[] a = out.alpha(s), c = out.confidence(s);
                for (int i = 0, at = s; i < len; i++, at += n) {
                    double x = alphaT[at];
                    if (!Double.isNaN(x)) {
                        a[d0 + i] = x;
                        c[d0 + i] = Math.abs(x);
                    }
                }
            }
        }
    }

    /** close[day] over the close {@code lookback} bars earlier − 1, walking back over missing days. */
    static double trailingReturn(double[] close, int day, int lookback) {
        if (Double.isNaN(close[day])) {
            return Double.NaN;
        }
        int seen = 0;
        for (int d = day - 1; d >= 0; d--) {
            if (!Double.isNaN(close[d]) && ++seen == lookback) {
                return close[day] / close[d] - 1;
            }
        }
        return Double.NaN;
    }

    /**
     * Ranks one day's values (NaN = not ranked), ties sharing their mean rank; fills alpha and the
     * 0-based rank (NaN where not ranked or when fewer than {@code minSymbols} are ranked).
     *
     * @return the number of ranked symbols
     */
    static int rankDay(double[] values, double[] alpha, double[] rank, int minSymbols) {
        return rankDay(values, alpha, rank, minSymbols, new RankScratch(values.length));
    }

    /** Reusable buffers of {@link #rankDay}: one per thread, sized for the universe. */
    static final class RankScratch {
        final long[] keys;
        final long[] keysTmp;
        final int[] order;
        final int[] orderTmp;
        final int[] counts = new int[DIGITS * RADIX];

        RankScratch(int n) {
            keys = new long[n];
            keysTmp = new long[n];
            order = new int[n];
            orderTmp = new int[n];
        }
    }

    private static final int RADIX = 256, DIGITS = 8;

    /**
     * {@link #rankDay(double[], double[], double[], int)} in O(n): the ranked values become unsigned
     * 64-bit keys in the order of {@link Double#compare} (−0.0 folded into 0.0, so the two tie, as
     * {@code ==} says), a stable LSD radix sort orders them with their symbol indexes, and each run of
     * equal keys gets its mean 0-based rank — no comparisons and no per-symbol search.
     */
    static int rankDay(double[] values, double[] alpha, double[] rank, int minSymbols, RankScratch scratch) {
        int n = values.length, m = 0;
        long[] keys = scratch.keys;
        int[] order = scratch.order;
        int[] counts = scratch.counts;
        Arrays.fill(counts, 0);
        for (int s = 0; s < n; s++) {
            double v = values[s];
            if (!Double.isNaN(v)) {
                long bits = Double.doubleToRawLongBits(v == 0.0 ? 0.0 : v);
                // flip all bits of negatives (larger magnitude sorts lower), only the sign of positives
                long key = bits ^ ((bits >> 63) | Long.MIN_VALUE);
                keys[m] = key;
                order[m++] = s;
                for (int d = 0; d < DIGITS; d++) {
                    counts[d * RADIX + (int) ((key >>> (8 * d)) & 0xFF)]++;
                }
            }
        }
        Arrays.fill(alpha, Double.NaN);
        Arrays.fill(rank, Double.NaN);
        if (m < minSymbols) {
            return m;
        }
        long[] tmpKeys = scratch.keysTmp;
        int[] tmpOrder = scratch.orderTmp;
        for (int d = 0; d < DIGITS; d++) {
            int base = d * RADIX, shift = 8 * d;
            int first = (int) ((keys[0] >>> shift) & 0xFF);
            if (counts[base + first] == m) {
                continue; // every key has this digit: the pass would not move anything
            }
            for (int b = 0, at = 0; b < RADIX; b++) {
                int c = counts[base + b];
                counts[base + b] = at;
                at += c;
            }
            for (int i = 0; i < m; i++) {
                long key = keys[i];
                int to = counts[base + (int) ((key >>> shift) & 0xFF)]++;
                tmpKeys[to] = key;
                tmpOrder[to] = order[i];
            }
            long[] k = keys;
            keys = tmpKeys;
            tmpKeys = k;
            int[] o = order;
            order = tmpOrder;
            tmpOrder = o;
        }
        for (int i = 0; i < m; ) {
            int j = i;
            while (j + 1 < m && keys[j + 1] == keys[i]) {
                j++;
            }
            double r = (i + j) / 2.0;
            double a = m == 1 ? 0.0 : 2 * r / (m - 1) - 1;
            for (int q = i; q <= j; q++) {
                rank[order[q]] = r;
                alpha[order[q]] = a;
            }
            i = j + 1;
        }
        return m;
    }
}
