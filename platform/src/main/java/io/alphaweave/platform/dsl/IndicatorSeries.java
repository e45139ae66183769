package io.alphaweave.platform.dsl;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Computes a definition's indicators in Java: the native kernels, or any indicator by name. */
final class IndicatorSeries {
    private IndicatorSeries() {}

    static List<String> outputNames(Definition.IndicatorSpec spec) {
        return switch (spec.fn()) {
            case "bollinger" -> List.of(spec.name() + "_middle", spec.name() + "_upper", spec.name() + "_lower");
            case "macd" -> List.of(spec.name() + "_line", spec.name() + "_signal", spec.name() + "_histogram");
            default -> List.of(spec.name());
        };
    }

    static Map<String, double[]> compute(
            Definition.IndicatorSpec spec, Indicators k, BarSeries bars, Parameters params, String file) {
        Map<String, Object> args = new LinkedHashMap<>();
        spec.args().forEach((name, v) -> args.put(name, resolve(v, params)));
        double[] x =
                switch (spec.input()) {
                    case "open" -> bars.open();
                    case "high" -> bars.high();
                    case "low" -> bars.low();
                    case "volume" -> bars.volume();
                    default -> bars.close();
                };
        Map<String, double[]> out = new LinkedHashMap<>();
        String n = spec.name();
        try {
            switch (spec.fn()) {
                case "sma" -> out.put(n, k.sma(x, integer(args, "window", spec)));
                case "ema" -> out.put(n, k.ema(x, integer(args, "window", spec)));
                case "rsi" -> out.put(n, k.rsi(x, integer(args, "window", spec)));
                case "roc" -> out.put(n, k.roc(x, integer(args, "window", spec)));
                case "zscore" -> out.put(n, k.zScore(x, integer(args, "window", spec)));
                case "rolling_std" ->
                    out.put(
                            n,
                            k.rollingStd(
                                    x,
                                    integer(args, "window", spec),
                                    args.containsKey("ddof") ? integer(args, "ddof", spec) : 0));
                case "atr" -> out.put(n, k.atr(bars.high(), bars.low(), bars.close(), integer(args, "window", spec)));
                case "bollinger" -> {
                    Indicators.Bands b = k.bollinger(x, integer(args, "window", spec), real(args, "k", spec));
                    out.put(n + "_middle", b.middle());
                    out.put(n + "_upper", b.upper());
                    out.put(n + "_lower", b.lower());
                }
                case "macd" -> {
                    Indicators.Macd m = k.macd(
                            x, integer(args, "fast", spec), integer(args, "slow", spec), integer(args, "signal", spec));
                    out.put(n + "_line", m.line());
                    out.put(n + "_signal", m.signal());
                    out.put(n + "_histogram", m.histogram());
                }
                default -> out.put(n, k.byName(spec.fn(), args, bars));
            }
        } catch (InvalidParameterException | IllegalArgumentException e) {
            throw new ScriptException(
                    file, spec.line(), 0, "indicator " + n + " (" + spec.fn() + "): " + e.getMessage());
        }
        return out;
    }

    private static Object resolve(Object v, Parameters params) {
        if (v instanceof String s && s.startsWith("$")) {
            return params.values().get(s.substring(1));
        }
        return v;
    }

    private static int integer(Map<String, Object> args, String key, Definition.IndicatorSpec spec) {
        Object v = args.get(key);
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            return num.intValue();
        }
        throw new InvalidParameterException(key + " must be a whole number, was " + v);
    }

    private static double real(Map<String, Object> args, String key, Definition.IndicatorSpec spec) {
        Object v = args.get(key);
        if (v instanceof Number num) {
            return num.doubleValue();
        }
        throw new InvalidParameterException(key + " must be a number, was " + v);
    }
}
