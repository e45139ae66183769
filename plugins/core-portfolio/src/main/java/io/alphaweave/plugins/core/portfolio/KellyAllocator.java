package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code kelly}: fractional Kelly sizing per symbol from the book's own realised signal outcomes
 * on it, strictly before the decision day ({@link AllocationContext#realisedSignalReturns}). Of the
 * non-zero outcomes, p = wins / (wins + losses) and the odds b = mean win / mean |loss|; the Kelly
 * fraction is f = p − (1 − p) / b (f = p when there were no losses). A symbol gets
 * |w| = min(fraction · f, cap) in the direction of today's alpha sign when f &gt; 0 and it has at
 * least {@code min_history} non-zero outcomes; otherwise 0 (as are short signals when long-only and
 * zero alphas). If Σ|w| exceeds the gross leverage, all weights are scaled down to it; otherwise the
 * rest stays in cash. Immutable and thread-safe.
 */
@Extension
public final class KellyAllocator implements CapitalAllocator {
    static final ComponentInfo INFO = new ComponentInfo(
            "kelly",
            ComponentKind.ALLOCATOR,
            "1.0.0",
            0,
            "Fractional Kelly from each symbol's realised signal outcomes before the decision day",
            """
            From the book's past signals on a symbol (outcome = sign(alpha)·forward return, only those
            that completed by the decision day): p = share of winning outcomes, b = mean win / mean loss,
            Kelly f = p − (1−p)/b. Weight = sign(alpha today)·min(fraction·f, cap) when f > 0 and at least
            min_history non-zero outcomes exist, else 0. Σ|w| above the gross leverage is scaled down.
            Full Kelly is aggressive and estimation error is large: fractions of 0.25–0.5 are usual.
            """,
            List.of(
                    ParameterSpec.ofDouble("fraction", 0.5, 0.0, 1.0, "multiple of the Kelly fraction, in (0, 1]"),
                    ParameterSpec.ofDouble("cap", 0.1, 0.0, 1.0, "largest |weight| per symbol, in (0, 1]"),
                    ParameterSpec.ofInt(
                            "min_history", 20, 1, 100_000, "fewest non-zero realised outcomes to size a symbol")));

    private final double fraction;
    private final double cap;
    private final int minHistory;

    /** The default configuration (half Kelly, cap 0.1, 20 outcomes); PF4J instantiates this. */
    public KellyAllocator() {
        this(0.5, 0.1, 20);
    }

    private KellyAllocator(double fraction, double cap, int minHistory) {
        this.fraction = fraction;
        this.cap = cap;
        this.minHistory = minHistory;
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public KellyAllocator configure(Map<String, ?> params) {
        Parameters p = INFO.resolve(params);
        double fraction = p.getDouble("fraction");
        double cap = p.getDouble("cap");
        if (!(fraction > 0)) {
            throw new InvalidParameterException("fraction must be > 0, was " + fraction);
        }
        if (!(cap > 0)) {
            throw new InvalidParameterException("cap must be > 0, was " + cap);
        }
        return new KellyAllocator(fraction, cap, p.getInt("min_history"));
    }

    /**
     * The Kelly fraction of a series of outcomes, or NaN with fewer than {@code minHistory} non-zero
     * outcomes.
     */
    static double kellyFraction(double[] outcomes, int minHistory) {
        int wins = 0, losses = 0;
        double won = 0, lost = 0;
        for (double r : outcomes) {
            if (r > 0) {
                wins++;
                won += r;
            } else if (r < 0) {
                losses++;
                lost -= r;
            }
        }
        if (wins + losses < minHistory || wins + losses == 0) {
            return Double.NaN;
        }
        double p = (double) wins / (wins + losses);
        if (losses == 0) {
            return p;
        }
        if (wins == 0) {
            return -1.0; // never a winner: no edge, whatever the odds
        }
        double b = (won / wins) / (lost / losses);
        return p - (1 - p) / b;
    }

    @Override
    public void allocate(AllocationContext context, double[] weights) {
        double[] alpha = context.combinedAlpha();
        boolean longOnly = context.longOnly();
        double gross = 0;
        for (int i = 0; i < alpha.length; i++) {
            double a = alpha[i];
            if (Double.isNaN(a) || a == 0.0 || (longOnly && a < 0)) {
                continue;
            }
            double f = kellyFraction(context.realisedSignalReturns(i), minHistory);
            if (f > 0) {
                weights[i] = Math.signum(a) * Math.min(fraction * f, cap);
                gross += Math.abs(weights[i]);
            }
        }
        if (gross > context.grossLeverage()) {
            double scale = context.grossLeverage() / gross;
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= scale;
            }
        }
    }
}
