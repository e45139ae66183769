package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code macd_rsi_confluence} — MACD histogram direction and RSI level combined: momentum m =
 * tanh(histogram as % of close / hist_scale), RSI room r = (50 − rsi) / 50; when they agree (m·r ≥
 * 0) alpha = (m + r)/2, when they disagree alpha = damping·(m + r)/2. Confidence = 1 − |m − r|/2
 * (1 when the two components are equal, 0 when they are opposite extremes).
 */
@Extension
public final class MacdRsiConfluenceStrategy extends PerSymbolStrategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "macd_rsi_confluence",
            ComponentKind.STRATEGY,
            "1.0.0",
            10,
            "MACD histogram direction confirmed by RSI level: agreement gives a strong alpha, disagreement damps it.",
            """
            Idea: a rising MACD histogram says momentum is turning up; an RSI below 50 says the move has
            room to run (and an oversold RSI says a bounce is due). When both point the same way the
            signal is strong; when they contradict each other it is damped.

            Alpha: m = tanh(100 * histogram / close / hist_scale) (the MACD(fast, slow, signal) histogram
            as a percentage of price, squashed to (-1, 1)); r = (50 - RSI(rsi_window)) / 50 in [-1, 1].
            If m * r >= 0: alpha = (m + r) / 2; otherwise alpha = damping * (m + r) / 2.
            Confidence = 1 - |m - r| / 2: high when the components agree in size and sign.
            Metadata: close, macd, macd_signal, macd_histogram, rsi, m, r and the parameters.

            Legacy signals (rules mode): BUY when alpha > legacy_threshold, SELL when
            alpha < -legacy_threshold.

            Parameters: fast (12), slow (26), signal (9), rsi_window (14), hist_scale (0.5, in percent of
            price), damping (0.25), legacy_threshold (0.3); fast < slow.

            Works on names that trend in swings (momentum with pull-backs). Fails in sideways chop
            (the histogram flips sign often) and on gaps, where both indicators lag.
            """,
            List.of(
                    ParameterSpec.ofInt("fast", 12, 1, 1000, "fast EMA window of MACD"),
                    ParameterSpec.ofInt("slow", 26, 2, 1000, "slow EMA window of MACD"),
                    ParameterSpec.ofInt("signal", 9, 1, 1000, "signal EMA window of MACD"),
                    ParameterSpec.ofInt("rsi_window", 14, 2, 1000, "RSI look-back in bars"),
                    ParameterSpec.ofDouble(
                            "hist_scale", 0.5, 1e-6, 100.0, "histogram size (% of price) mapped to tanh(1)"),
                    ParameterSpec.ofDouble("damping", 0.25, 0.0, 1.0, "multiplier applied when MACD and RSI disagree"),
                    ParameterSpec.ofDouble(
                            "legacy_threshold", 0.3, 0.0, 0.99, "|alpha| beyond which legacy signals trade")));

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public MacdRsiConfluenceStrategy() {
        this(defaults(INFO));
    }

    private MacdRsiConfluenceStrategy(Parameters params) {
        super(params);
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    PerSymbolStrategy with(Parameters p) {
        return new MacdRsiConfluenceStrategy(p);
    }

    @Override
    void checkParameters(Parameters p) {
        if (p.getInt("fast") >= p.getInt("slow")) {
            throw new InvalidParameterException(
                    "fast must be < slow (" + p.getInt("slow") + "), was " + p.getInt("fast"));
        }
    }

    @Override
    public double legacyThreshold() {
        return params.getDouble("legacy_threshold");
    }

    @Override
    void signalsInto(Indicators ind, BarSeries bars, double[] alpha, double[] conf) {
        // compute()'s alpha and confidence expressions without the metadata columns
        double[] close = bars.close();
        int n = close.length;
        double[] hist = scratch(2, n), rsi = scratch(3, n);
        ind.macdInto(
                close,
                params.getInt("fast"),
                params.getInt("slow"),
                params.getInt("signal"),
                scratch(0, n),
                scratch(1, n),
                hist);
        ind.rsiInto(close, params.getInt("rsi_window"), rsi);
        double scale = params.getDouble("hist_scale"), damping = params.getDouble("damping");
        for (int i = 0; i < n; i++) {
            double m = Math.tanh(100 * hist[i] / close[i] / scale);
            double r = (50 - rsi[i]) / 50;
            double mean = (m + r) / 2;
            double a = m * r >= 0 ? mean : damping * mean;
            alpha[i] = Double.isNaN(m) || Double.isNaN(r) ? Double.NaN : clamp(a);
            conf[i] = Math.max(0, Math.min(1, 1 - Math.abs(m - r) / 2));
        }
    }

    @Override
    Columns compute(Indicators ind, BarSeries bars) {
        double[] close = bars.close();
        Indicators.Macd macd = ind.macd(close, params.getInt("fast"), params.getInt("slow"), params.getInt("signal"));
        double[] rsi = ind.rsi(close, params.getInt("rsi_window"));
        double scale = params.getDouble("hist_scale"), damping = params.getDouble("damping");
        int n = close.length;
        double[] alpha = new double[n], conf = new double[n], mm = new double[n], rr = new double[n];
        double[] hist = macd.histogram();
        for (int i = 0; i < n; i++) {
            double m = Math.tanh(100 * hist[i] / close[i] / scale);
            double r = (50 - rsi[i]) / 50;
            double mean = (m + r) / 2;
            double a = m * r >= 0 ? mean : damping * mean; // NaN in either: NaN
            mm[i] = m;
            rr[i] = r;
            alpha[i] = Double.isNaN(m) || Double.isNaN(r) ? Double.NaN : clamp(a);
            conf[i] = Math.max(0, Math.min(1, 1 - Math.abs(m - r) / 2));
        }
        return new Columns(
                close,
                Map.of(
                        "macd",
                        macd.line(),
                        "macd_signal",
                        macd.signal(),
                        "macd_histogram",
                        hist,
                        "rsi",
                        rsi,
                        "m",
                        mm,
                        "r",
                        rr),
                alpha,
                conf);
    }
}
