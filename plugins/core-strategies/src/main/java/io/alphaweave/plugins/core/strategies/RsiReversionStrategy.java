package io.alphaweave.plugins.core.strategies;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.TradeSignal;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code rsi_reversion} — the reference RSI rule of DESIGN §4: RSI(14) with Wilder smoothing seeded
 * with the mean of the first 14 moves (first value at bar 15); BUY when RSI &lt; 30, SELL when RSI
 * &gt; 70 (strict). Alpha: (oversold − rsi)/oversold below the oversold level, (overbought −
 * rsi)/(100 − overbought) above the overbought level, else 0 — with the defaults (30 − rsi)/30 and
 * (70 − rsi)/30; confidence = |alpha|.
 */
@Extension
public final class RsiReversionStrategy extends PerSymbolStrategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "rsi_reversion",
            ComponentKind.STRATEGY,
            "1.0.0",
            5,
            "RSI(14) mean reversion: buy below 30, sell above 70 (reference rule strategy).",
            """
            Idea: after a run of losses the relative strength index (RSI) falls below an oversold level
            and prices tend to bounce; after a run of gains it rises above an overbought level and they
            tend to stall.

            Rules (exact, used by rules mode): RSI over the symbol's own closes with Wilder smoothing
            (alpha = 1/window) seeded with the simple mean of the first `window` up/down moves, first
            value at bar window + 1; an average loss of 0 gives RSI 100, no moves at all give 50.
            BUY when RSI < oversold, SELL when RSI > overbought (strict: touching the level does nothing).

            Alpha: (oversold - rsi) / oversold below oversold (up to +1 at RSI 0), (overbought - rsi) /
            (100 - overbought) above overbought (down to -1 at RSI 100), 0 in between; confidence = |alpha|.

            Parameters: window (14), oversold (30), overbought (70); oversold < overbought.

            Works in range-bound, mean-reverting markets and liquid large caps. Fails in strong trends
            (RSI stays overbought while prices keep rising; oversold names keep falling) and around
            news-driven gaps.
            """,
            List.of(
                    ParameterSpec.ofInt("window", 14, 2, 1000, "RSI look-back in bars"),
                    ParameterSpec.ofDouble("oversold", 30.0, 0.0, 100.0, "BUY when RSI is strictly below"),
                    ParameterSpec.ofDouble("overbought", 70.0, 0.0, 100.0, "SELL when RSI is strictly above")));

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public RsiReversionStrategy() {
        this(defaults(INFO));
    }

    private RsiReversionStrategy(Parameters params) {
        super(params);
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    PerSymbolStrategy with(Parameters p) {
        return new RsiReversionStrategy(p);
    }

    @Override
    void checkParameters(Parameters p) {
        if (!(p.getDouble("oversold") < p.getDouble("overbought"))) {
            throw new InvalidParameterException("oversold must be < overbought (" + p.getDouble("overbought")
                    + "), was " + p.getDouble("oversold"));
        }
    }

    @Override
    Columns compute(Indicators ind, BarSeries bars) {
        double[] rsi = ind.rsi(bars.close(), params.getInt("window"));
        double lo = params.getDouble("oversold"), hi = params.getDouble("overbought");
        int n = rsi.length;
        double[] alpha = new double[n], conf = new double[n];
        for (int i = 0; i < n; i++) {
            double r = rsi[i];
            double a = Double.isNaN(r) ? Double.NaN : r < lo ? (lo - r) / lo : r > hi ? (hi - r) / (100 - hi) : 0.0;
            alpha[i] = a;
            conf[i] = Math.abs(a);
        }
        return new Columns(bars.close(), Map.of("rsi", rsi), alpha, conf);
    }

    @Override
    TradeSignal[] barSignals(Columns c) {
        double[] rsi = c.values().get("rsi");
        double lo = params.getDouble("oversold"), hi = params.getDouble("overbought");
        TradeSignal[] out = new TradeSignal[rsi.length];
        for (int i = 0; i < rsi.length; i++) {
            double r = rsi[i];
            out[i] = r < lo ? TradeSignal.BUY : r > hi ? TradeSignal.SELL : TradeSignal.HOLD; // NaN: HOLD
        }
        return out;
    }
}
