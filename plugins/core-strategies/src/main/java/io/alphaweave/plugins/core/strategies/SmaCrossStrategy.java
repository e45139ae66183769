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
 * {@code sma_cross} — the reference moving-average cross of DESIGN §4: SMA(10) vs SMA(30); BUY on an
 * up-cross, SELL on a down-cross, where a cross is a change of sign of fast − slow against the last
 * <em>non-zero</em> difference (touching is not crossing); the first defined difference only sets
 * the reference sign, so there is no entry if fast is already above slow at the start. Alpha: the
 * trend spread clamp((fast − slow) / slow / band, −1, 1); confidence = |alpha|.
 */
@Extension
public final class SmaCrossStrategy extends PerSymbolStrategy {
    static final ComponentInfo INFO = new ComponentInfo(
            "sma_cross",
            ComponentKind.STRATEGY,
            "1.0.0",
            20,
            "SMA(10)/SMA(30) cross: buy on an up-cross, sell on a down-cross (reference rule strategy).",
            """
            Idea: when a short moving average of the close crosses above a long one, a trend has likely
            started; when it crosses back below, it has likely ended.

            Rules (exact, used by rules mode): diff = SMA(fast) - SMA(slow) over the symbol's own closes.
            A cross is a change of sign of diff against the last non-zero diff: BUY when the last non-zero
            diff was negative and diff is now positive, SELL for the reverse. diff = 0 (a touch) is no
            cross and does not reset the reference sign, so -, 0, - is nothing and -, 0, + is an up-cross
            on the + bar. The first defined diff only sets the reference: if fast is already above slow at
            the start, there is no entry until a down-cross and a later up-cross.

            Alpha: clamp((fast - slow) / slow / band, -1, 1) - positive while the fast average is above
            the slow one, full conviction at a spread of `band`; confidence = |alpha|.

            Parameters: fast (10), slow (30), band (0.05); fast < slow.

            Works in trending markets. Fails in choppy, sideways markets (whipsaws: many small losing
            round trips) and reacts late to reversals.
            """,
            List.of(
                    ParameterSpec.ofInt("fast", 10, 1, 1000, "fast SMA window"),
                    ParameterSpec.ofInt("slow", 30, 2, 1000, "slow SMA window"),
                    ParameterSpec.ofDouble("band", 0.05, 1e-6, 1.0, "relative spread for full alpha")));

    /** The strategy with its default parameters (PF4J instantiates extensions this way). */
    public SmaCrossStrategy() {
        this(defaults(INFO));
    }

    private SmaCrossStrategy(Parameters params) {
        super(params);
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    PerSymbolStrategy with(Parameters p) {
        return new SmaCrossStrategy(p);
    }

    @Override
    void checkParameters(Parameters p) {
        if (p.getInt("fast") >= p.getInt("slow")) {
            throw new InvalidParameterException(
                    "fast must be < slow (" + p.getInt("slow") + "), was " + p.getInt("fast"));
        }
    }

    @Override
    Columns compute(Indicators ind, BarSeries bars) {
        double[] fast = ind.sma(bars.close(), params.getInt("fast"));
        double[] slow = ind.sma(bars.close(), params.getInt("slow"));
        double band = params.getDouble("band");
        int n = fast.length;
        double[] alpha = new double[n], conf = new double[n];
        for (int i = 0; i < n; i++) {
            double a = clamp((fast[i] - slow[i]) / slow[i] / band); // NaN stays NaN
            alpha[i] = a;
            conf[i] = Math.abs(a);
        }
        return new Columns(bars.close(), Map.of("sma_fast", fast, "sma_slow", slow), alpha, conf);
    }

    @Override
    TradeSignal[] barSignals(Columns c) {
        double[] fast = c.values().get("sma_fast"), slow = c.values().get("sma_slow");
        TradeSignal[] out = new TradeSignal[fast.length];
        int lastSign = 0; // sign of the last non-zero difference; 0 before the first one
        for (int i = 0; i < fast.length; i++) {
            out[i] = TradeSignal.HOLD;
            double d = fast[i] - slow[i];
            if (Double.isNaN(d) || d == 0) {
                continue;
            }
            int sign = d > 0 ? 1 : -1;
            if (lastSign == -1 && sign == 1) {
                out[i] = TradeSignal.BUY;
            } else if (lastSign == 1 && sign == -1) {
                out[i] = TradeSignal.SELL;
            }
            lastSign = sign;
        }
        return out;
    }
}
