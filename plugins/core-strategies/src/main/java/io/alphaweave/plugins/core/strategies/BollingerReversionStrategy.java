package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.TradeSignal;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code bollinger_reversion} — the reference Bollinger rule of DESIGN §4: middle = SMA(20), bands =
 * middle ± 2σ with the population σ; BUY when close &lt; lower, SELL when close &gt; middle (strict).
 * Alpha: below the lower band min(1, (middle − close)/(2kσ)) (0.5 at the band, 1 at 2k σ below the
 * middle); above the middle −min(1, (close − middle)/(2kσ)); else 0. Confidence = |alpha|.
 */
@Extension
public final class BollingerReversionStrategy extends PerSymbolStrategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "bollinger_reversion",
            ComponentKind.STRATEGY,
            "1.0.0",
            5,
            "Bollinger reversion: buy below the lower band, sell above the middle (reference rule strategy).",
            """
            Idea: a close far below its recent average (under the lower Bollinger band) is stretched and
            tends to revert towards the average; the trade is closed once the price is back above it.

            Rules (exact, used by rules mode): middle = SMA(window) of the symbol's own closes; sigma =
            population standard deviation of the same window (divide by N); lower/upper = middle -/+ k *
            sigma. BUY when close < lower, SELL when close > middle (strict: a touch does nothing).

            Alpha: below the lower band min(1, (middle - close) / (2 k sigma)) - 0.5 just under the band,
            1 at 2k sigma under the middle; above the middle -min(1, (close - middle) / (2 k sigma));
            0 in between. Confidence = |alpha|.

            Parameters: window (20), k (2.0).

            Works on mean-reverting, range-bound names. Fails in persistent down-trends (the price rides
            the lower band) and on structural breaks such as earnings gaps.
            """,
            List.of(
                    ParameterSpec.ofInt("window", 20, 2, 1000, "SMA and sigma look-back in bars"),
                    ParameterSpec.ofDouble("k", 2.0, 0.0, 10.0, "band width in population sigmas")));

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public BollingerReversionStrategy() {
        this(defaults(INFO));
    }

    private BollingerReversionStrategy(Parameters params) {
        super(params);
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    PerSymbolStrategy with(Parameters p) {
        return new BollingerReversionStrategy(p);
    }

    @Override
    Columns compute(Indicators ind, BarSeries bars) {
        double k = params.getDouble("k");
        Indicators.Bands b = ind.bollinger(bars.close(), params.getInt("window"), k);
        double[] close = bars.close(), mid = b.middle(), lower = b.lower(), upper = b.upper();
        int n = close.length;
        double[] alpha = new double[n], conf = new double[n];
        for (int i = 0; i < n; i++) {
            double m = mid[i], c = close[i], width = 2 * (upper[i] - m); // 2kσ
            double a;
            if (Double.isNaN(m) || Double.isNaN(upper[i])) {
                a = Double.NaN;
            } else if (c < lower[i]) {
                a = width > 0 ? Math.min(1, (m - c) / width) : 1.0;
            } else if (c > m) {
                a = width > 0 ? -Math.min(1, (c - m) / width) : -1.0;
            } else {
                a = 0.0;
            }
            alpha[i] = a;
            conf[i] = Math.abs(a);
        }
        return new Columns(close, Map.of("middle", mid, "upper", upper, "lower", lower), alpha, conf);
    }

    @Override
    TradeSignal[] barSignals(Columns c) {
        double[] mid = c.values().get("middle"), lower = c.values().get("lower");
        double[] close = c.closes();
        TradeSignal[] out = new TradeSignal[mid.length];
        for (int i = 0; i < mid.length; i++) {
            out[i] = close[i] < lower[i]
                    ? TradeSignal.BUY
                    : close[i] > mid[i] ? TradeSignal.SELL : TradeSignal.HOLD; // NaN compares false: HOLD
        }
        return out;
    }
}
