package io.alphaweave.platform.indicators;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.InvalidParameterException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.OpenPriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Any ta4j-core indicator by class name, over a {@link BarSeries} rebuilt as a ta4j {@code
 * DoubleNum} series (one daily bar per compact bar).
 *
 * <p>Names: a simple class name such as {@code CCIIndicator}, looked up in {@code
 * org.ta4j.core.indicators} and its sub-packages only (no other class can be reached). Parameters:
 *
 * <ul>
 *   <li>{@code window} — shorthand for {@code args: [window]};
 *   <li>{@code args} — the numeric constructor arguments after the first, in order (ints, doubles or
 *       ta4j {@code Num}s, converted from numbers);
 *   <li>{@code source} — {@code close} (default), {@code open}, {@code high}, {@code low} or {@code
 *       volume}: the price indicator handed to an {@code Indicator<Num>}-first constructor.
 * </ul>
 *
 * <p>Supported constructor shapes: {@code (BarSeries, n…)} and {@code (Indicator<Num>, n…)} where
 * each {@code n} is {@code int}, {@code double} or {@code Num} — e.g. {@code (BarSeries)}, {@code
 * (BarSeries, int)}, {@code (BarSeries, int, int)}, {@code (Indicator<Num>, int)}, {@code
 * (Indicator<Num>, int, double)}. Without {@code source} the {@code BarSeries} shape is preferred
 * and the {@code Indicator} shape over close is the fallback; with {@code source} only the
 * {@code Indicator} shape is used. Values before the indicator's own unstable period ({@code
 * getCountOfUnstableBars()}) are {@code NaN}.
 */
final class Ta4jBridge {
    private Ta4jBridge() {}

    private static final List<String> PACKAGES = List.of(
            "org.ta4j.core.indicators",
            "org.ta4j.core.indicators.averages",
            "org.ta4j.core.indicators.adx",
            "org.ta4j.core.indicators.aroon",
            "org.ta4j.core.indicators.bollinger",
            "org.ta4j.core.indicators.candles",
            "org.ta4j.core.indicators.donchian",
            "org.ta4j.core.indicators.helpers",
            "org.ta4j.core.indicators.ichimoku",
            "org.ta4j.core.indicators.keltner",
            "org.ta4j.core.indicators.statistics",
            "org.ta4j.core.indicators.supertrend",
            "org.ta4j.core.indicators.trend",
            "org.ta4j.core.indicators.volume");

    private static final Set<String> KEYS = Set.of("window", "args", "source");

    static double[] compute(String name, Map<String, ?> params, BarSeries bars) {
        Class<?> type = find(name);
        for (String key : params.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidParameterException(
                        "indicator " + name + ": unknown parameter " + key + "; known: [window, args, source]");
            }
        }
        List<Number> args = args(name, params);
        org.ta4j.core.BarSeries series = toSeries(bars);
        Object sourceParam = params.get("source");
        if (sourceParam != null && !(sourceParam instanceof String)) {
            throw new InvalidParameterException("indicator " + name + ": source must be a string, was " + sourceParam);
        }
        Indicator<?> indicator = null;
        if (sourceParam == null) {
            indicator = construct(type, series, series, args);
        }
        if (indicator == null) {
            Indicator<Num> source = source(sourceParam == null ? "close" : (String) sourceParam, series);
            indicator = construct(type, source, series, args);
        }
        if (indicator == null) {
            throw new InvalidParameterException("indicator " + name + ": no constructor ("
                    + (sourceParam == null ? "BarSeries or Indicator<Num>" : "Indicator<Num>") + " followed by "
                    + args.size() + " number(s)) matches args " + args
                    + "; pass window or args matching one of its constructors");
        }
        int n = bars.length();
        double[] out = IndicatorKernels.nans(n);
        int unstable = indicator.getCountOfUnstableBars();
        for (int i = Math.max(0, unstable); i < n; i++) {
            Object v = indicator.getValue(i);
            if (!(v instanceof Num num)) {
                throw new InvalidParameterException("indicator " + name + " yields "
                        + (v == null ? "null" : v.getClass().getSimpleName()) + ", not a number");
            }
            out[i] = num.isNaN() ? Double.NaN : num.doubleValue();
        }
        return out;
    }

    /**
     * Rebuilds compact bars as a ta4j series with {@code DoubleNum} values.
     *
     * @param bars one symbol's bars
     * @return a daily ta4j series, one bar per entry
     */
    static org.ta4j.core.BarSeries toSeries(BarSeries bars) {
        org.ta4j.core.BarSeries series = new BaseBarSeriesBuilder()
                .withName("bars")
                .withNumFactory(DoubleNumFactory.getInstance())
                .build();
        Duration day = Duration.ofDays(1);
        int[] days = bars.days();
        for (int i = 0; i < bars.length(); i++) {
            series.barBuilder()
                    .timePeriod(day)
                    .endTime(Instant.EPOCH.plus(day.multipliedBy(days[i] + 1L)))
                    .openPrice(bars.open()[i])
                    .highPrice(bars.high()[i])
                    .lowPrice(bars.low()[i])
                    .closePrice(bars.close()[i])
                    .volume(bars.volume()[i])
                    .add();
        }
        return series;
    }

    /** @return whether {@code name} is a ta4j indicator class {@link #compute} can find */
    static boolean exists(String name) {
        try {
            find(name);
            return true;
        } catch (InvalidParameterException e) {
            return false;
        }
    }

    private static Class<?> find(String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw unknown(name);
        }
        for (String pkg : PACKAGES) {
            try {
                Class<?> c = Class.forName(pkg + "." + name, false, Ta4jBridge.class.getClassLoader());
                if (Indicator.class.isAssignableFrom(c)
                        && Modifier.isPublic(c.getModifiers())
                        && !Modifier.isAbstract(c.getModifiers())) {
                    return c;
                }
            } catch (ClassNotFoundException e) {
                // not in this package: try the next one
            }
        }
        throw unknown(name);
    }

    private static InvalidParameterException unknown(String name) {
        return new InvalidParameterException("unknown indicator \"" + name + "\": use one of "
                + NamedIndicators.nativeNames()
                + " or a ta4j indicator class name such as CCIIndicator or WilliamsRIndicator");
    }

    private static List<Number> args(String name, Map<String, ?> params) {
        Object window = params.get("window");
        Object raw = params.get("args");
        if (window != null && raw != null) {
            throw new InvalidParameterException("indicator " + name + ": give window or args, not both");
        }
        List<Number> out = new ArrayList<>();
        if (window != null) {
            out.add(number(name, "window", window));
        } else if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.add(number(name, "args[" + i + "]", list.get(i)));
            }
        } else if (raw != null) {
            throw new InvalidParameterException("indicator " + name + ": args must be a list of numbers, was " + raw);
        }
        return out;
    }

    private static Number number(String name, String field, Object v) {
        if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n;
        }
        throw new InvalidParameterException("indicator " + name + ": " + field + " must be a finite number, was " + v);
    }

    private static Indicator<Num> source(String source, org.ta4j.core.BarSeries s) {
        return switch (source) {
            case "close" -> new ClosePriceIndicator(s);
            case "open" -> new OpenPriceIndicator(s);
            case "high" -> new HighPriceIndicator(s);
            case "low" -> new LowPriceIndicator(s);
            case "volume" -> new VolumeIndicator(s);
            default ->
                throw new InvalidParameterException(
                        "source must be one of close, open, high, low, volume, was \"" + source + "\"");
        };
    }

    private static Indicator<?> construct(
            Class<?> type, Object first, org.ta4j.core.BarSeries series, List<Number> args) {
        for (Constructor<?> c : type.getConstructors()) {
            Class<?>[] p = c.getParameterTypes();
            if (p.length != args.size() + 1 || !p[0].isInstance(first)) {
                continue;
            }
            Object[] values = new Object[p.length];
            values[0] = first;
            boolean ok = true;
            for (int i = 0; i < args.size() && ok; i++) {
                Number a = args.get(i);
                Class<?> t = p[i + 1];
                if (t == int.class || t == Integer.class) {
                    double d = a.doubleValue();
                    ok = d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE;
                    values[i + 1] = (int) d;
                } else if (t == double.class || t == Double.class) {
                    values[i + 1] = a.doubleValue();
                } else if (t == Num.class) {
                    values[i + 1] = series.numFactory().numOf(a);
                } else {
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            try {
                return (Indicator<?>) c.newInstance(values);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new InvalidParameterException("indicator " + type.getSimpleName() + " rejected args " + args
                        + ": " + (cause == null ? e : cause.getMessage()));
            } catch (ReflectiveOperationException e) {
                throw new InvalidParameterException(
                        "indicator " + type.getSimpleName() + " cannot be constructed: " + e.getMessage());
            }
        }
        return null;
    }
}
