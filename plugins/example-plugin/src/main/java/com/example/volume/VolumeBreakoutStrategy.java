package com.example.volume;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.BarSeries;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * {@code volume_breakout}: a close that breaks out of the range of the previous {@code window}
 * bars on unusually high volume.
 *
 * <p>At a bar i of a symbol (its own bars, days without a bar skipped), with the previous {@code
 * window} bars giving {@code hi = max close}, {@code lo = min close} and {@code avgVol = mean volume},
 * and {@code ratio = volume[i] / avgVol}:
 *
 * <ul>
 *   <li>if {@code ratio ≥ volume_multiple} and {@code close > hi}: alpha = min(1, (close − hi) / (hi − lo))
 *       (1 when hi = lo);
 *   <li>if {@code ratio ≥ volume_multiple} and {@code close < lo}: alpha = −min(1, (lo − close) / (hi − lo));
 *   <li>otherwise alpha = 0;
 *   <li>confidence = min(1, ratio / (2 · volume_multiple)) in every case.
 * </ul>
 *
 * No view during the first {@code window} bars, on days without a bar, or when the average volume is
 * not positive. Uses bars up to and including the decision day only. Immutable and thread-safe.
 */
@Extension
public final class VolumeBreakoutStrategy implements Strategy {
    static final String ID = "volume_breakout";
    private static final int HORIZON_DAYS = 5;
    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofInt("window", 20, 2, 250, "bars in the reference range and volume average"),
            ParameterSpec.ofDouble(
                    "volume_multiple", 1.5, 1.0, 10.0, "volume / average volume needed to call a breakout"));

    private final int window;
    private final double volumeMultiple;

    /** With the default parameters; PF4J creates extensions through this constructor. */
    public VolumeBreakoutStrategy() {
        this(Parameters.resolve(PARAMETERS, Map.of()));
    }

    private VolumeBreakoutStrategy(Parameters p) {
        this.window = p.getInt("window");
        this.volumeMultiple = p.getDouble("volume_multiple");
    }

    @Override
    public ComponentInfo describe() {
        return new ComponentInfo(
                ID,
                ComponentKind.STRATEGY,
                "1.0.0",
                HORIZON_DAYS,
                "Range breakout confirmed by a volume surge (example plugin)",
                """
                Long when the close rises above the highest close of the previous `window` bars while volume
                is at least `volume_multiple` times its average over those bars; short on the mirror-image
                breakdown. Alpha grows with the size of the breakout relative to the range, confidence with
                the volume surge. Works on momentum-prone names after consolidation; fails in choppy,
                news-driven markets where breakouts reverse the next day.""",
                PARAMETERS);
    }

    @Override
    public Strategy configure(Map<String, ?> params) {
        return new VolumeBreakoutStrategy(Parameters.resolve(PARAMETERS, params));
    }

    @Override
    public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
        MarketView data = context.data();
        int s = data.indexOf(symbol);
        if (s < 0) {
            return Optional.empty();
        }
        BarSeries bars = data.bars(s);
        int i = Arrays.binarySearch(bars.days(), context.day());
        if (i < 0) {
            return Optional.empty(); // no bar on the decision day
        }
        double[] out = new double[5];
        if (!evaluate(bars, i, out)) {
            return Optional.empty();
        }
        return Optional.of(new StrategySignal(
                context.date(),
                symbol,
                out[0],
                out[1],
                HORIZON_DAYS,
                false,
                Map.of("range_high", out[2], "range_low", out[3], "volume_ratio", out[4])));
    }

    @Override
    public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
        double[] v = new double[5];
        for (int s = 0; s < data.symbolCount(); s++) {
            BarSeries bars = data.bars(s);
            int[] days = bars.days();
            for (int i = 0; i < bars.length(); i++) {
                if (evaluate(bars, i, v)) {
                    out.set(s, days[i], v[0], v[1]);
                }
            }
        }
    }

    /** Fills {alpha, confidence, hi, lo, ratio} for bar i; false when there is no view. */
    private boolean evaluate(BarSeries bars, int i, double[] out) {
        if (i < window) {
            return false;
        }
        double[] close = bars.close();
        double[] volume = bars.volume();
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double volumeSum = 0;
        for (int j = i - window; j < i; j++) {
            hi = Math.max(hi, close[j]);
            lo = Math.min(lo, close[j]);
            volumeSum += volume[j];
        }
        double avgVolume = volumeSum / window;
        if (!(avgVolume > 0) || !Double.isFinite(volume[i])) {
            return false; // no volume information: no view rather than a guess
        }
        double ratio = volume[i] / avgVolume;
        double range = hi - lo;
        double alpha = 0;
        if (ratio >= volumeMultiple && close[i] > hi) {
            alpha = range > 0 ? Math.min(1, (close[i] - hi) / range) : 1;
        } else if (ratio >= volumeMultiple && close[i] < lo) {
            alpha = range > 0 ? -Math.min(1, (lo - close[i]) / range) : -1;
        }
        out[0] = alpha;
        out[1] = Math.min(1, ratio / (2 * volumeMultiple));
        out[2] = hi;
        out[3] = lo;
        out[4] = ratio;
        return true;
    }
}
