package io.alphaweave.platform.indicators;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/** The indicator names {@link IndicatorKernels#byName} understands: native kernels, then ta4j. */
final class NamedIndicators {
    private NamedIndicators() {}

    private static final ParameterSpec SOURCE =
            ParameterSpec.ofString("source", "close", "price field: close, open, high, low or volume");

    private record Native(List<ParameterSpec> specs, BiFunction<Parameters, BarSeries, double[]> fn) {}

    private static final Map<String, Native> NATIVE = Map.ofEntries(
            Map.entry("sma", windowed(20, (p, b) -> k().sma(source(p, b), p.getInt("window")))),
            Map.entry("ema", windowed(20, (p, b) -> k().ema(source(p, b), p.getInt("window")))),
            Map.entry("rsi", windowed(14, (p, b) -> k().rsi(source(p, b), p.getInt("window")))),
            Map.entry("roc", windowed(10, (p, b) -> k().roc(source(p, b), p.getInt("window")))),
            Map.entry("zscore", windowed(20, 2, (p, b) -> k().zScore(source(p, b), p.getInt("window")))),
            Map.entry("atr", new Native(List.of(window(14, 1)), (p, b) -> k().atr(
                            b.high(), b.low(), b.close(), p.getInt("window")))),
            Map.entry(
                    "std",
                    new Native(
                            List.of(
                                    SOURCE,
                                    window(20, 2),
                                    ParameterSpec.ofInt("ddof", 0, 0, 1, "0 population, 1 sample")),
                            (p, b) -> k().rollingStd(source(p, b), p.getInt("window"), p.getInt("ddof")))),
            Map.entry("bollinger_middle", bands((p, b) -> bollinger(p, b).middle())),
            Map.entry("bollinger_upper", bands((p, b) -> bollinger(p, b).upper())),
            Map.entry("bollinger_lower", bands((p, b) -> bollinger(p, b).lower())),
            Map.entry("macd", macd((p, b) -> macdOf(p, b).line())),
            Map.entry("macd_signal", macd((p, b) -> macdOf(p, b).signal())),
            Map.entry("macd_histogram", macd((p, b) -> macdOf(p, b).histogram())));

    /** @return the native names, sorted */
    static List<String> nativeNames() {
        return NATIVE.keySet().stream().sorted().toList();
    }

    static double[] compute(IndicatorKernels kernels, String name, Map<String, ?> params, BarSeries bars) {
        Objects.requireNonNull(bars, "bars must not be null");
        if (name == null || name.isBlank()) {
            throw new InvalidParameterException("indicator name must not be blank");
        }
        Native n = NATIVE.get(name);
        if (n != null) {
            try {
                // never null: Parameters.resolve cannot take null when specs are declared (SPI bug, reported)
                return n.fn().apply(Parameters.resolve(n.specs(), params == null ? Map.of() : params), bars);
            } catch (InvalidParameterException e) {
                throw new InvalidParameterException("indicator " + name + ": " + e.getMessage());
            }
        }
        return Ta4jBridge.compute(name, params == null ? Map.of() : params, bars);
    }

    private static IndicatorKernels k() {
        return IndicatorKernels.INSTANCE;
    }

    private static ParameterSpec window(int def, int min) {
        return ParameterSpec.ofInt("window", def, min, 100_000, "look-back in bars");
    }

    private static Native windowed(int def, BiFunction<Parameters, BarSeries, double[]> fn) {
        return windowed(def, 1, fn);
    }

    private static Native windowed(int def, int min, BiFunction<Parameters, BarSeries, double[]> fn) {
        return new Native(List.of(SOURCE, window(def, min)), fn);
    }

    private static Native bands(BiFunction<Parameters, BarSeries, double[]> fn) {
        return new Native(
                List.of(SOURCE, window(20, 2), ParameterSpec.ofDouble("k", 2.0, 0.0, 100.0, "band width in σ")), fn);
    }

    private static Native macd(BiFunction<Parameters, BarSeries, double[]> fn) {
        return new Native(
                List.of(
                        SOURCE,
                        ParameterSpec.ofInt("fast", 12, 1, 100_000, "fast EMA window"),
                        ParameterSpec.ofInt("slow", 26, 2, 100_000, "slow EMA window"),
                        ParameterSpec.ofInt("signal", 9, 1, 100_000, "signal EMA window")),
                fn);
    }

    private static io.alphaweave.api.Indicators.Bands bollinger(Parameters p, BarSeries b) {
        return k().bollinger(source(p, b), p.getInt("window"), p.getDouble("k"));
    }

    private static io.alphaweave.api.Indicators.Macd macdOf(Parameters p, BarSeries b) {
        return k().macd(source(p, b), p.getInt("fast"), p.getInt("slow"), p.getInt("signal"));
    }

    static double[] source(Parameters p, BarSeries b) {
        return field(p.getString("source"), b);
    }

    static double[] field(String source, BarSeries b) {
        return switch (source) {
            case "close" -> b.close();
            case "open" -> b.open();
            case "high" -> b.high();
            case "low" -> b.low();
            case "volume" -> b.volume();
            default ->
                throw new InvalidParameterException(
                        "source must be one of close, open, high, low, volume, was \"" + source + "\"");
        };
    }
}
