package io.alphaweave.platform.dsl;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.graalvm.polyglot.Value;

/**
 * A strategy defined by a file. Indicators are computed in Java over each symbol's own bars; the
 * script sees them (and the bars) as whole arrays and is called once per symbol, its per-bar
 * function running inside the script. Every bulk call gets a fresh sandbox, so nothing survives
 * from one call — or one strategy — to the next. Immutable and thread-safe.
 */
final class ScriptedStrategy implements Strategy {
    private static final List<String> FIELDS = List.of("open", "high", "low", "close", "volume");

    private final Definition def;
    private final Parameters params;
    private final ScriptRuntime runtime;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(MarketView view, AlphaMatrix matrix) {}

    ScriptedStrategy(Definition def, Parameters params, ScriptRuntime runtime) {
        this.def = def;
        this.params = params;
        this.runtime = runtime;
    }

    @Override
    public ComponentInfo describe() {
        return def.info();
    }

    Definition definition() {
        return def;
    }

    @Override
    public Strategy configure(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return this;
        }
        Map<String, Object> merged = new LinkedHashMap<>(params.values());
        merged.putAll(raw);
        return new ScriptedStrategy(def, def.info().resolve(merged), runtime);
    }

    @Override
    public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
        MarketView view = context.data();
        Cached c = cache.get();
        if (c == null || c.view() != view) {
            AlphaMatrix m = new AlphaMatrix(view.symbolCount(), view.dayCount());
            generateAlphaSignals(view, m);
            c = new Cached(view, m);
            cache.set(c);
        }
        int s = view.indexOf(symbol);
        if (s < 0) {
            return Optional.empty();
        }
        double a = c.matrix().alpha(s)[context.day()];
        double conf = c.matrix().confidence(s)[context.day()];
        if (Double.isNaN(a)) {
            return Optional.empty();
        }
        return Optional.of(new StrategySignal(
                context.date(), symbol, a, conf, def.info().horizonDays(), false, Map.of("source", def.source())));
    }

    @Override
    public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
        boolean normalized = def.normalize() != null;
        boolean defaultConfidence = true;
        try (Sandbox sb = runtime.open(def.file())) {
            List<String> names = seriesNames();
            Map<String, Value> fns = ScriptCode.bind(def, sb, names);
            Value alphaFn = fns.get("alpha");
            if (alphaFn == null) {
                throw new ScriptException(
                        def.file(), 0, 0, "defines no alpha function; export function alpha(i, series, params)");
            }
            Value confFn = fns.get("confidence");
            boolean hasConfidence = confFn != null;
            defaultConfidence = !hasConfidence;
            Value driver = sb.eval("<driver>", ScriptCode.STRATEGY_DRIVER, false);
            String[] pnames = params.values().keySet().toArray(String[]::new);
            Object[] pvalues = Arrays.stream(pnames).map(params.values()::get).toArray();
            for (int s = 0; s < data.symbolCount(); s++) {
                BarSeries bars = data.bars(s);
                int n = bars.length();
                if (n == 0) {
                    continue;
                }
                Map<String, double[]> series = series(data.indicators(), bars);
                boolean[] ready = ready(series, n);
                double[] a = new double[n], conf = new double[n];
                Arrays.fill(a, Double.NaN);
                Arrays.fill(conf, Double.NaN);
                String[] sn = series.keySet().toArray(String[]::new);
                double[][] sa = series.values().toArray(double[][]::new);
                Value bad = sb.guard(() -> driver.execute(
                        alphaFn, confFn == null ? null : confFn, n, sn, sa, pnames, pvalues, a, conf, ready));
                String symbol = data.symbols().get(s);
                if (!sb.guard(bad::isNull)) {
                    String role = sb.guard(() -> bad.getArrayElement(0).asString());
                    int i = sb.guard(() -> bad.getArrayElement(1).asInt());
                    String text = sb.guard(() -> bad.getArrayElement(2).asString());
                    throw new ScriptException(
                            def.file(),
                            0,
                            0,
                            role + " for " + symbol + " on " + data.date(bars.days()[i]) + " was " + text
                                    + "; return a finite number (alpha in [-1, 1], confidence in [0, 1]), or null for no"
                                    + " view");
                }
                double[] rowA = out.alpha(s), rowC = out.confidence(s);
                for (int i = 0; i < n; i++) {
                    if (!Double.isNaN(a[i])) {
                        if (!normalized && !(a[i] >= -1.0 && a[i] <= 1.0)) {
                            throw rangeError("alpha", a[i], "[-1, 1]", symbol, data, bars.days()[i]);
                        }
                        if (!hasConfidence) {
                            conf[i] = Math.abs(a[i]);
                        } else if (!(conf[i] >= 0.0 && conf[i] <= 1.0)) {
                            throw rangeError("confidence", conf[i], "[0, 1]", symbol, data, bars.days()[i]);
                        }
                        rowA[bars.days()[i]] = a[i];
                        rowC[bars.days()[i]] = conf[i];
                    }
                }
            }
        }
        if (normalized) {
            normalizeCrossSection(data, out, defaultConfidence);
        }
        cache.set(null);
    }

    private ScriptException rangeError(String role, double v, String range, String symbol, MarketView data, int day) {
        return new ScriptException(
                def.file(),
                0,
                0,
                role + " for " + symbol + " on " + data.date(day) + " was " + v + ", outside " + range
                        + (role.equals("alpha")
                                ? "; clamp it (clamp(x, -1, 1)) or set normalize: rank"
                                : "; clamp it"));
    }

    private void normalizeCrossSection(MarketView data, AlphaMatrix out, boolean defaultConfidence) {
        int symbols = data.symbolCount();
        Object min = def.normalize().minSymbols();
        int minSymbols = min == null
                ? 1
                : min instanceof String ref ? params.getInt(ref.substring(1)) : ((Number) min).intValue();
        double[] raw = new double[symbols];
        for (int d = 0; d < data.dayCount(); d++) {
            int m = 0;
            for (int s = 0; s < symbols; s++) {
                raw[s] = out.alpha(s)[d];
                if (!Double.isNaN(raw[s])) {
                    m++;
                }
            }
            double[] norm = m >= minSymbols ? def.normalize().method().apply(raw) : null;
            for (int s = 0; s < symbols; s++) {
                double a = norm == null ? Double.NaN : norm[s];
                out.alpha(s)[d] = a;
                if (Double.isNaN(a)) {
                    out.confidence(s)[d] = Double.NaN;
                } else if (defaultConfidence) {
                    out.confidence(s)[d] = Math.abs(a);
                }
            }
        }
    }

    /** The |alpha| beyond which the derived legacy signals trade: the {@code legacy_threshold} parameter, if declared. */
    @Override
    public double legacyThreshold() {
        Object t = params.values().get("legacy_threshold");
        return t instanceof Number n ? n.doubleValue() : 0.0;
    }

    @Override
    public TradeSignal[] generateSignals(MarketView data, int symbol) {
        Definition.Code code = def.code();
        boolean hasRules =
                switch (code) {
                    case Definition.Expressions x ->
                        x.roles().containsKey("buy") || x.roles().containsKey("sell");
                    case Definition.Module m -> true;
                };
        TradeSignal[] out = new TradeSignal[data.dayCount()];
        Arrays.fill(out, TradeSignal.HOLD);
        if (!hasRules) {
            return Strategy.super.generateSignals(data, symbol);
        }
        try (Sandbox sb = runtime.open(def.file())) {
            List<String> names = seriesNames();
            Map<String, Value> fns = ScriptCode.bind(def, sb, names);
            Value buy = fns.get("buy"), sell = fns.get("sell");
            if (buy == null && sell == null) {
                return Strategy.super.generateSignals(data, symbol);
            }
            BarSeries bars = data.bars(symbol);
            int n = bars.length();
            if (n == 0) {
                return out;
            }
            Map<String, double[]> series = series(data.indicators(), bars);
            boolean[] ready = ready(series, n);
            double[] rules = new double[n];
            String[] pnames = params.values().keySet().toArray(String[]::new);
            Object[] pvalues = Arrays.stream(pnames).map(params.values()::get).toArray();
            Value driver = sb.eval("<driver>", ScriptCode.RULES_DRIVER, false);
            String[] sn = series.keySet().toArray(String[]::new);
            double[][] sa = series.values().toArray(double[][]::new);
            Value bad = sb.guard(() -> driver.execute(buy, sell, n, sn, sa, pnames, pvalues, rules, ready));
            if (!sb.guard(bad::isNull)) {
                String role = sb.guard(() -> bad.getArrayElement(0).asString());
                int i = sb.guard(() -> bad.getArrayElement(1).asInt());
                String text = sb.guard(() -> bad.getArrayElement(2).asString());
                throw new ScriptException(
                        def.file(),
                        0,
                        0,
                        role + " for " + data.symbols().get(symbol) + " on " + data.date(bars.days()[i]) + " was "
                                + text + "; a rule must return true or false");
            }
            for (int i = 0; i < n; i++) {
                out[bars.days()[i]] =
                        rules[i] > 0 ? TradeSignal.BUY : rules[i] < 0 ? TradeSignal.SELL : TradeSignal.HOLD;
            }
            return out;
        }
    }

    /** @return the names the expressions may use: bar fields and indicator outputs */
    List<String> seriesNames() {
        List<String> names = new ArrayList<>(FIELDS);
        for (Definition.IndicatorSpec spec : def.indicators()) {
            names.addAll(IndicatorSeries.outputNames(spec));
        }
        return names;
    }

    private Map<String, double[]> series(Indicators kernels, BarSeries bars) {
        Map<String, double[]> series = new LinkedHashMap<>();
        // copies: the script may write into what it is given, never into the host's data
        series.put("open", bars.open().clone());
        series.put("high", bars.high().clone());
        series.put("low", bars.low().clone());
        series.put("close", bars.close().clone());
        series.put("volume", bars.volume().clone());
        for (Definition.IndicatorSpec spec : def.indicators()) {
            series.putAll(IndicatorSeries.compute(spec, kernels, bars, params, def.file()));
        }
        return series;
    }

    private boolean[] ready(Map<String, double[]> series, int n) {
        boolean[] ready = new boolean[n];
        Arrays.fill(ready, true);
        int k = 0;
        for (double[] values : series.values()) {
            if (k++ < FIELDS.size()) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(values[i])) {
                    ready[i] = false;
                }
            }
        }
        return ready;
    }
}
