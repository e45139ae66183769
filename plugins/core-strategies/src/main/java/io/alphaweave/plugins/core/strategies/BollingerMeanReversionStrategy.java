package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code bollinger_mean_reversion} — alpha from where the close sits in its Bollinger bands: alpha =
 * clamp(−(close − middle) / (k·σ), −1, 1), i.e. +1 at or below the lower band, 0 at the middle, −1
 * at or above the upper band (population σ); 0 when σ = 0. Confidence = |alpha|. Legacy signals: BUY
 * when alpha &gt; {@code legacy_threshold}, SELL when alpha &lt; −{@code legacy_threshold}.
 */
@Extension
public final class BollingerMeanReversionStrategy extends PerSymbolStrategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "bollinger_mean_reversion",
            ComponentKind.STRATEGY,
            "1.0.0",
            5,
            "Mean reversion inside Bollinger bands: long below the middle, short above, scaled by band position.",
            """
            Idea: prices oscillate around a moving average; the further the close sits from it, measured
            in band widths, the stronger the expected pull back.

            Alpha: middle = SMA(window), sigma = population standard deviation of the window, band
            half-width = k * sigma. alpha = clamp(-(close - middle) / (k * sigma), -1, 1): +1 at or below
            the lower band, 0 at the middle, -1 at or above the upper band; 0 when sigma = 0.
            Confidence = |alpha|. Metadata: close, middle, upper, lower, percent_b and the parameters.

            Legacy signals (rules mode): BUY when alpha > legacy_threshold, SELL when
            alpha < -legacy_threshold, HOLD otherwise.

            Parameters: window (20), k (2.0), legacy_threshold (0.5).

            Works on range-bound, liquid names with stable volatility. Fails when a trend starts (the
            price walks along a band for weeks) and after volatility regime changes, when the bands lag.
            """,
            List.of(
                    ParameterSpec.ofInt("window", 20, 2, 1000, "SMA and sigma look-back in bars"),
                    ParameterSpec.ofDouble("k", 2.0, 0.1, 10.0, "band half-width in population sigmas"),
                    ParameterSpec.ofDouble(
                            "legacy_threshold", 0.5, 0.0, 0.99, "|alpha| beyond which legacy signals trade")));

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public BollingerMeanReversionStrategy() {
        this(defaults(INFO));
    }

    private BollingerMeanReversionStrategy(Parameters params) {
        super(params);
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    PerSymbolStrategy with(Parameters p) {
        return new BollingerMeanReversionStrategy(p);
    }

    @Override
    public double legacyThreshold() {
        return params.getDouble("legacy_threshold");
    }

    @Override
    void signalsInto(Indicators ind, BarSeries bars, double[] alpha, double[] conf) {
        // compute()'s alpha and confidence without the metadata columns
        double[] close = bars.close();
        int n = close.length;
        double[] mid = scratch(0, n), upper = scratch(1, n), lower = scratch(2, n);
        ind.bollingerInto(close, params.getInt("window"), params.getDouble("k"), mid, upper, lower);
        for (int i = 0; i < n; i++) {
            double half = upper[i] - mid[i];
            double a = Double.isNaN(half) || Double.isNaN(mid[i])
                    ? Double.NaN
                    : half > 0 ? clamp(-(close[i] - mid[i]) / half) : 0.0;
            alpha[i] = a;
            conf[i] = Math.abs(a);
        }
    }

    @Override
    Columns compute(Indicators ind, BarSeries bars) {
        Indicators.Bands b = ind.bollinger(bars.close(), params.getInt("window"), params.getDouble("k"));
        double[] close = bars.close(), mid = b.middle(), upper = b.upper(), lower = b.lower();
        int n = close.length;
        double[] alpha = new double[n], conf = new double[n], percentB = new double[n];
        for (int i = 0; i < n; i++) {
            double half = upper[i] - mid[i];
            double a;
            if (Double.isNaN(half) || Double.isNaN(mid[i])) {
                a = Double.NaN;
                percentB[i] = Double.NaN;
            } else if (half > 0) {
                a = clamp(-(close[i] - mid[i]) / half);
                percentB[i] = (close[i] - lower[i]) / (upper[i] - lower[i]);
            } else {
                a = 0.0;
                percentB[i] = Double.NaN;
            }
            alpha[i] = a;
            conf[i] = Math.abs(a);
        }
        return new Columns(
                close, Map.of("middle", mid, "upper", upper, "lower", lower, "percent_b", percentB), alpha, conf);
    }
}
