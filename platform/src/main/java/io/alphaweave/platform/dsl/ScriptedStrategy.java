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
 * script sees them (and the bars) as whole arrays, its per-bar function looping inside the script
 * over a batch of symbols per guest call. The instance's warm
 * sandboxes are pooled (compiled code stays hot); their globals are frozen and every call gets
 * fresh arguments, so a YAML expression keeps no state between calls, and nothing is shared with
 * another strategy. Immutable and thread-safe.
 */
final class ScriptedStrategy implements Strategy {
    private static final List<String> FIELDS = List.of("open", "high", "low", "close", "volume");
    /** Bars per guest call: big enough to keep the loop hot, small enough for per-call limits. */
    private static final long BATCH_BARS = 100_000;

    private final Definition def;
    private final Parameters params;
    private final ScriptRuntime runtime;
    private final AtomicReference<Cached> cache = new AtomicReference<>();
    private final SandboxPool pool;
    private final List<String> passed;

    private record Cached(MarketView view, AlphaMatrix matrix) {}

    ScriptedStrategy(Definition def, Parameters params, ScriptRuntime runtime) {
        this.def = def;
        this.params = params;
        this.runtime = runtime;
        this.passed = passedSeries(def, seriesNames());
        this.pool = new SandboxPool(
                def,
                runtime,
                seriesNames(),
                Map.of("alpha", ScriptCode.STRATEGY_DRIVER, "rules", ScriptCode.RULES_DRIVER));
    }

    /**
     * The series a YAML definition's code can reach — those it names, or all when it indexes {@code
     * series[...]} by a computed key; a module gets them all. Fewer copies per call.
     */
    private static List<String> passedSeries(Definition def, List<String> all) {
        if (!(def.code() instanceof Definition.Expressions x)) {
            return all;
        }
        String code = x.roles().values().stream().map(Definition.Expr::code).reduce("", (a, b) -> a + "\n" + b);
        if (code.contains("series[")) {
            return all;
        }
        return all.stream()
                .filter(n -> java.util.regex.Pattern.compile("\\b" + n + "\\b")
                        .matcher(code)
                        .find())
                .toList();
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
        return new ScriptedStrategy(def, def.reconfigure(params, raw), runtime);
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
        String[] pnames = params.values().keySet().toArray(String[]::new);
        Object[] pvalues = Arrays.stream(pnames).map(params.values()::get).toArray();
        String[] sn = passed.toArray(String[]::new);
        int symbols = data.symbolCount();
        boolean hasConfidence = true;
        for (int from = 0; from < symbols; ) {
            // a batch of whole symbols, about BATCH_BARS bars: one guest call, its budget scaled by its bars
            List<Integer> batch = new ArrayList<>();
            List<BarSeries> batchBars = new ArrayList<>();
            long bars = 0;
            for (; from < symbols && (batch.isEmpty() || bars < BATCH_BARS); from++) {
                BarSeries b1 = data.bars(from);
                if (b1.length() > 0) {
                    batch.add(from);
                    batchBars.add(b1);
                    bars += b1.length();
                }
            }
            if (!batch.isEmpty()) {
                hasConfidence = runBatch(data, out, batch, batchBars, bars, normalized, sn, pnames, pvalues);
            }
        }
        if (normalized) {
            normalizeCrossSection(data, out, !hasConfidence);
        }
        cache.set(null);
    }

    /** One guest call over a batch of symbols; returns whether the definition has a confidence function. */
    private boolean runBatch(
            MarketView data,
            AlphaMatrix out,
            List<Integer> batch,
            List<BarSeries> batchBars,
            long bars,
            boolean normalized,
            String[] sn,
            String[] pnames,
            Object[] pvalues) {
        int m = batch.size();
        int[] counts = new int[m];
        double[][][] sa = new double[m][][];
        boolean[][] ready = new boolean[m][];
        double[][] a = new double[m][], conf = new double[m][];
        for (int j = 0; j < m; j++) {
            BarSeries bs = batchBars.get(j);
            int n = bs.length();
            counts[j] = n;
            Map<String, double[]> indicators = indicators(data.indicators(), bs);
            ready[j] = ready(indicators, n);
            sa[j] = series(indicators, bs).values().toArray(double[][]::new);
            a[j] = new double[n];
            conf[j] = new double[n];
            Arrays.fill(a[j], Double.NaN);
            Arrays.fill(conf[j], Double.NaN);
        }
        return pool.with(bars, b -> {
            Value alphaFn = b.functions().get("alpha");
            if (alphaFn == null) {
                throw new ScriptException(
                        def.file(), 0, 0, "defines no alpha function; export function alpha(i, series, params)");
            }
            Value confFn = b.functions().get("confidence");
            boolean hasConfidence = confFn != null;
            Sandbox sb = b.sandbox();
            Value driver = b.drivers().get("alpha");
            Value bad =
                    sb.guard(() -> driver.execute(alphaFn, confFn, m, counts, sn, sa, pnames, pvalues, a, conf, ready));
            if (!sb.guard(bad::isNull)) {
                String role = sb.guard(() -> bad.getArrayElement(0).asString());
                int j = sb.guard(() -> bad.getArrayElement(1).asInt());
                int i = sb.guard(() -> bad.getArrayElement(2).asInt());
                String text = sb.guard(() -> bad.getArrayElement(3).asString());
                throw new ScriptException(
                        def.file(),
                        def.line(role),
                        0,
                        role + " for " + data.symbols().get(batch.get(j)) + " on "
                                + data.date(batchBars.get(j).days()[i]) + " was " + text
                                + "; return a finite number (alpha in [-1, 1], confidence in [0, 1]), or null for no"
                                + " view");
            }
            for (int j = 0; j < m; j++) {
                int s = batch.get(j);
                String symbol = data.symbols().get(s);
                double[] rowA = out.alpha(s), rowC = out.confidence(s), aj = a[j], cj = conf[j];
                int[] days = batchBars.get(j).days();
                for (int i = 0; i < counts[j]; i++) {
                    if (!Double.isNaN(aj[i])) {
                        if (!normalized && !(aj[i] >= -1.0 && aj[i] <= 1.0)) {
                            throw rangeError("alpha", aj[i], "[-1, 1]", symbol, data, days[i]);
                        }
                        if (!hasConfidence) {
                            cj[i] = Math.abs(aj[i]);
                        } else if (!(cj[i] >= 0.0 && cj[i] <= 1.0)) {
                            throw rangeError("confidence", cj[i], "[0, 1]", symbol, data, days[i]);
                        }
                        rowA[days[i]] = aj[i];
                        rowC[days[i]] = cj[i];
                    }
                }
            }
            return hasConfidence;
        });
    }

    private ScriptException rangeError(String role, double v, String range, String symbol, MarketView data, int day) {
        return new ScriptException(
                def.file(),
                def.line(role),
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
        BarSeries bars = data.bars(symbol);
        int n = bars.length();
        return pool.with(n, b -> {
            Value buy = b.functions().get("buy"), sell = b.functions().get("sell");
            if (buy == null && sell == null) {
                return Strategy.super.generateSignals(data, symbol);
            }
            if (n == 0) {
                return out;
            }
            Sandbox sb = b.sandbox();
            Map<String, double[]> indicators = indicators(data.indicators(), bars);
            boolean[] ready = ready(indicators, n);
            Map<String, double[]> series = series(indicators, bars);
            double[] rules = new double[n];
            String[] pnames = params.values().keySet().toArray(String[]::new);
            Object[] pvalues = Arrays.stream(pnames).map(params.values()::get).toArray();
            Value driver = b.drivers().get("rules");
            String[] sn = series.keySet().toArray(String[]::new);
            double[][] sa = series.values().toArray(double[][]::new);
            Value bad = sb.guard(() -> driver.execute(buy, sell, n, sn, sa, pnames, pvalues, rules, ready));
            if (!sb.guard(bad::isNull)) {
                String role = sb.guard(() -> bad.getArrayElement(0).asString());
                int i = sb.guard(() -> bad.getArrayElement(1).asInt());
                String text = sb.guard(() -> bad.getArrayElement(2).asString());
                throw new ScriptException(
                        def.file(),
                        def.line(role),
                        0,
                        role + " for " + data.symbols().get(symbol) + " on " + data.date(bars.days()[i]) + " was "
                                + text + "; a rule must return true or false");
            }
            for (int i = 0; i < n; i++) {
                out[bars.days()[i]] =
                        rules[i] > 0 ? TradeSignal.BUY : rules[i] < 0 ? TradeSignal.SELL : TradeSignal.HOLD;
            }
            return out;
        });
    }

    /** @return the names the expressions may use: bar fields and indicator outputs */
    List<String> seriesNames() {
        List<String> names = new ArrayList<>(FIELDS);
        for (Definition.IndicatorSpec spec : def.indicators()) {
            names.addAll(IndicatorSeries.outputNames(spec));
        }
        return names;
    }

    /** The indicator outputs over {@code bars} (fresh arrays from the kernels), in declaration order. */
    private Map<String, double[]> indicators(Indicators kernels, BarSeries bars) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Definition.IndicatorSpec spec : def.indicators()) {
            out.putAll(IndicatorSeries.compute(spec, kernels, bars, params, def.file()));
        }
        return out;
    }

    /** The series the script is handed: bar fields copied (never the host's arrays), indicators as computed. */
    private Map<String, double[]> series(Map<String, double[]> indicators, BarSeries bars) {
        Map<String, double[]> series = new LinkedHashMap<>();
        for (String name : passed) {
            double[] v =
                    switch (name) {
                        case "open" -> bars.open().clone();
                        case "high" -> bars.high().clone();
                        case "low" -> bars.low().clone();
                        case "close" -> bars.close().clone();
                        case "volume" -> bars.volume().clone();
                        default -> indicators.get(name);
                    };
            series.put(name, v);
        }
        return series;
    }

    /** Bars whose indicators are all warmed up (not NaN). */
    private static boolean[] ready(Map<String, double[]> indicators, int n) {
        boolean[] ready = new boolean[n];
        Arrays.fill(ready, true);
        for (double[] values : indicators.values()) {
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(values[i])) {
                    ready[i] = false;
                }
            }
        }
        return ready;
    }
}
