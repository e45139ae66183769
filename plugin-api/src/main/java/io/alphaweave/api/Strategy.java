package io.alphaweave.api;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A source of alpha signals. Implement {@link #generateAlphaSignal} (the easy path, one symbol at
 * one day) and, for speed, override {@link #generateAlphaSignals} (the bulk path, the whole panel at
 * once). Instances are immutable after {@link #configure}; the host may call them from several
 * threads at once.
 *
 * <p><b>Point in time:</b> a signal at day t may use bars up to and including t only. Orders it
 * causes fill at the next bar's open. The host verifies this when it loads a strategy.
 */
public interface Strategy extends ExtensionPoint {

    /** @return the unique id, equal to {@code describe().id()} */
    default String id() {
        return describe().id();
    }

    /** @return id, version, horizon, parameters and README text */
    ComponentInfo describe();

    /**
     * Returns a strategy with the given parameters; the receiver is not changed.
     *
     * @param params raw parameter values by name; unknown names and bad values are errors
     * @return a configured strategy (may be {@code this} when {@code params} is empty)
     * @throws InvalidParameterException naming the parameter, the rule and the value
     */
    Strategy configure(Map<String, ?> params);

    /**
     * The easy path: the signal for one symbol at the context's day.
     *
     * @param context the data and the decision day
     * @param symbol a symbol of {@code context.data()}
     * @return the signal, or empty when the strategy has no view (warm-up, no bar that day)
     */
    Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol);

    /**
     * The fast path: fills alpha and confidence for every symbol and day of {@code data}. The
     * default loops over {@link #generateAlphaSignal}; the result must equal it cell for cell.
     *
     * @param data the whole panel
     * @param out a matrix of {@code data}'s shape, initially {@code NaN}
     */
    default void generateAlphaSignals(MarketView data, AlphaMatrix out) {
        for (int d = 0; d < data.dayCount(); d++) {
            SignalContext context = new SignalContext(data, d);
            for (int s = 0; s < data.symbolCount(); s++) {
                int row = s;
                int day = d;
                generateAlphaSignal(context, data.symbols().get(s))
                        .ifPresent(sig -> out.set(row, day, sig.alphaScore(), sig.confidence()));
            }
        }
    }

    /**
     * The legacy binary path used by rules mode: one decision per calendar day for one symbol,
     * evaluated at that day's close. The default derives it from alpha: BUY when alpha &gt;
     * {@link #legacyThreshold()}, SELL when alpha &lt; −threshold, else HOLD (and HOLD without a
     * view). Reference rule strategies override it with their exact rules.
     *
     * @param data the whole panel
     * @param symbol column index
     * @return one signal per calendar day, never null
     */
    default TradeSignal[] generateSignals(MarketView data, int symbol) {
        AlphaMatrix m = new AlphaMatrix(data.symbolCount(), data.dayCount());
        generateAlphaSignals(data, m);
        double threshold = legacyThreshold();
        double[] a = m.alpha(symbol);
        TradeSignal[] out = new TradeSignal[data.dayCount()];
        Arrays.fill(out, TradeSignal.HOLD);
        for (int d = 0; d < a.length; d++) {
            if (a[d] > threshold) {
                out[d] = TradeSignal.BUY;
            } else if (a[d] < -threshold) {
                out[d] = TradeSignal.SELL;
            }
        }
        return out;
    }

    /** @return the |alpha| above which the default {@link #generateSignals} says BUY or SELL; ≥ 0 */
    default double legacyThreshold() {
        return 0.0;
    }
}
