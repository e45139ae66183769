package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.api.TradeSignal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A strategy that looks at one symbol at a time, over its own bars (gaps removed). One function
 * ({@link #compute}) turns a symbol's bars into per-bar columns (indicator values, alpha,
 * confidence); the easy path evaluates it on the bars up to the decision day and reads the last bar,
 * the bulk path evaluates it once on all bars and spreads it onto the calendar — so the two agree
 * cell for cell (the kernels are causal). The bulk path computes symbols in parallel (common
 * fork-join pool). Immutable; thread-safe.
 */
abstract class PerSymbolStrategy implements Strategy {
    /** Per-bar output of {@link #compute}: the closes, named indicator columns, alpha and confidence. */
    record Columns(double[] closes, Map<String, double[]> values, double[] alpha, double[] confidence) {}

    final Parameters params;

    PerSymbolStrategy(Parameters params) {
        this.params = params;
    }

    /**
     * Computes the columns over one symbol's bars.
     *
     * @param ind the host kernels
     * @param bars compact bars
     * @return per-bar columns; alpha {@code NaN} where the strategy has no view
     */
    abstract Columns compute(Indicators ind, BarSeries bars);

    /**
     * The bulk path's alpha and confidence of every bar, written into {@code alpha} and {@code conf}
     * (each at least one entry per bar): by default copied from {@link #compute}; a strategy may
     * override it to compute them in place without its metadata columns, but must give the same
     * alpha and confidence.
     */
    void signalsInto(Indicators ind, BarSeries bars, double[] alpha, double[] conf) {
        Columns c = compute(ind, bars);
        System.arraycopy(c.alpha(), 0, alpha, 0, bars.length());
        System.arraycopy(c.confidence(), 0, conf, 0, bars.length());
    }

    /** @return a strategy of the same class with these (validated) parameters */
    abstract PerSymbolStrategy with(Parameters params);

    /** Checks rules between parameters (e.g. fast &lt; slow); throws InvalidParameterException. */
    void checkParameters(Parameters p) {}

    /**
     * The legacy decision on each bar; by default the SPI's rule (alpha beyond ±{@link
     * #legacyThreshold()}). Rule strategies override it with their exact rules.
     */
    TradeSignal[] barSignals(Columns c) {
        double t = legacyThreshold();
        double[] a = c.alpha();
        TradeSignal[] out = new TradeSignal[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] > t ? TradeSignal.BUY : a[i] < -t ? TradeSignal.SELL : TradeSignal.HOLD;
        }
        return out;
    }

    @Override
    public final Strategy configure(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return this;
        }
        Parameters p = describe().resolve(raw);
        checkParameters(p);
        return with(p);
    }

    /** @return the resolved parameter values */
    public final Parameters parameters() {
        return params;
    }

    @Override
    public final Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
        MarketView data = context.data();
        int s = data.indexOf(symbol);
        if (s < 0) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the data");
        }
        int day = context.day();
        if (Double.isNaN(data.close(s)[day])) {
            return Optional.empty();
        }
        BarSeries bars = prefix(data.bars(s), day);
        Columns c = compute(data.indicators(), bars);
        int i = bars.length() - 1;
        double a = c.alpha()[i];
        if (Double.isNaN(a)) {
            return Optional.empty();
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("close", bars.close()[i]);
        c.values().forEach((name, column) -> {
            if (!Double.isNaN(column[i])) {
                meta.put(name, column[i]);
            }
        });
        meta.putAll(params.values());
        return Optional.of(new StrategySignal(
                context.date(), symbol, a, c.confidence()[i], describe().horizonDays(), false, meta));
    }

    @Override
    public final void generateAlphaSignals(MarketView data, AlphaMatrix out) {
        Indicators ind = data.indicators();
        // symbols are independent and AlphaMatrix rows may be written concurrently: both cores share them
        IntStream.range(0, data.symbolCount()).parallel().forEach(s -> fillRow(ind, data.bars(s), out, s));
    }

    private void fillRow(Indicators ind, BarSeries bars, AlphaMatrix out, int s) {
        int[] days = bars.days();
        double[] rowA = out.alpha(s), rowC = out.confidence(s);
        if (days.length == rowA.length) {
            // a bar on every day (bar i is day i): the signals go straight into the matrix row
            signalsInto(ind, bars, rowA, rowC);
            for (int i = 0; i < rowA.length; i++) {
                if (Double.isNaN(rowA[i])) {
                    rowA[i] = Double.NaN; // no view: both NaN, as in a row with gaps
                    rowC[i] = Double.NaN;
                }
            }
            return;
        }
        double[] a = new double[days.length], conf = new double[days.length];
        signalsInto(ind, bars, a, conf);
        for (int i = 0; i < days.length; i++) {
            if (!Double.isNaN(a[i])) {
                rowA[days[i]] = a[i];
                rowC[days[i]] = conf[i];
            }
        }
    }

    @Override
    public final TradeSignal[] generateSignals(MarketView data, int symbol) {
        BarSeries bars = data.bars(symbol);
        TradeSignal[] perBar = barSignals(compute(data.indicators(), bars));
        TradeSignal[] out = new TradeSignal[data.dayCount()];
        Arrays.fill(out, TradeSignal.HOLD);
        int[] days = bars.days();
        for (int i = 0; i < days.length; i++) {
            out[days[i]] = perBar[i];
        }
        return out;
    }

    /** The bars with calendar day ≤ {@code day}: what was known at that day's close. */
    static BarSeries prefix(BarSeries bars, int day) {
        int n = Arrays.binarySearch(bars.days(), day);
        n = n >= 0 ? n + 1 : -n - 1;
        if (n == bars.length()) {
            return bars;
        }
        return new BarSeries(
                Arrays.copyOf(bars.days(), n),
                Arrays.copyOf(bars.open(), n),
                Arrays.copyOf(bars.high(), n),
                Arrays.copyOf(bars.low(), n),
                Arrays.copyOf(bars.close(), n),
                Arrays.copyOf(bars.volume(), n));
    }

    /** Per-thread work arrays of the bulk path, whose per-symbol tasks run on pool threads. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][0]);

    /**
     * This thread's work array {@code slot} (0–3), at least {@code n} long, with stale contents: the
     * bulk path's indicator outputs go here instead of into fresh arrays for every symbol.
     */
    static double[] scratch(int slot, int n) {
        double[][] s = SCRATCH.get();
        if (s[slot].length < n) {
            s[slot] = new double[n];
        }
        return s[slot];
    }

    static double clamp(double x) {
        return x > 1 ? 1 : x < -1 ? -1 : x;
    }

    /** A NaN-filled array of length n. */
    static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    static Parameters defaults(ComponentInfo info) {
        return info.resolve(Map.of());
    }
}
