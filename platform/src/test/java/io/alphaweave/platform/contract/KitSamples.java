package io.alphaweave.platform.contract;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small well-behaved components the kit's own tests run the kit against (and break on purpose). */
final class KitSamples {
    private KitSamples() {}

    /** alpha = tanh(5 · (close[t] / close[t − window] − 1)), confidence = |alpha|. */
    static class MomentumStrategy implements Strategy {
        final int window;

        MomentumStrategy() {
            this(10);
        }

        MomentumStrategy(int window) {
            this.window = window;
        }

        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(
                    "kit_momentum",
                    ComponentKind.STRATEGY,
                    "1.0.0",
                    5,
                    "tanh of the scaled window return",
                    "",
                    List.of(ParameterSpec.ofInt("window", 10, 2, 100, "look-back in calendar days")));
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            Parameters p = describe().resolve(params);
            return new MomentumStrategy(p.getInt("window"));
        }

        double alpha(MarketView data, int s, int d) {
            return Math.tanh(5 * KitData.ret(data, s, d, window));
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            double a = alpha(context.data(), context.data().indexOf(symbol), context.day());
            return Double.isNaN(a)
                    ? Optional.empty()
                    : Optional.of(StrategySignal.of(context.date(), symbol, a, Math.abs(a), 5));
        }

        @Override
        public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
            for (int s = 0; s < data.symbolCount(); s++) {
                for (int d = 0; d < data.dayCount(); d++) {
                    double a = alpha(data, s, d);
                    if (!Double.isNaN(a)) {
                        out.set(s, d, a, Math.abs(a));
                    }
                }
            }
        }
    }

    /** combined = Σ w·c·a / Σ w·c over strategies with a view (0 when Σ w·c = 0). */
    static class WeightedCombiner implements SignalCombiner {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo("kit_weighted", ComponentKind.COMBINER, "1.0.0", 0, "weighted", "", List.of());
        }

        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            describe().resolve(params);
            return new WeightedCombiner();
        }

        @Override
        public void combine(CombinerInput in, CombinerOutput out) {
            for (int s = 0; s < in.symbolCount(); s++) {
                double norm = 0;
                boolean view = false;
                for (int k = 0; k < in.strategyCount(); k++) {
                    if (!Double.isNaN(in.alpha()[k][s])) {
                        view = true;
                        norm += in.weights()[k] * in.confidence()[k][s];
                    }
                }
                if (!view) {
                    continue;
                }
                double sum = 0;
                for (int k = 0; k < in.strategyCount(); k++) {
                    double a = in.alpha()[k][s];
                    double c = Double.isNaN(a) || norm == 0 ? 0.0 : in.weights()[k] * in.confidence()[k][s] * a / norm;
                    out.contribution(k)[s] = c;
                    sum += c;
                }
                out.combined()[s] = sum;
            }
        }
    }

    /** w = gross · alpha / Σ|alpha| over symbols with a (long-only: positive) alpha. */
    static class ProportionalAllocator implements CapitalAllocator {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(
                    "kit_proportional", ComponentKind.ALLOCATOR, "1.0.0", 0, "proportional", "", List.of());
        }

        @Override
        public CapitalAllocator configure(Map<String, ?> params) {
            describe().resolve(params);
            return new ProportionalAllocator();
        }

        boolean usable(AllocationContext ctx, double a) {
            return !Double.isNaN(a) && (!ctx.longOnly() || a > 0);
        }

        @Override
        public void allocate(AllocationContext ctx, double[] weights) {
            double[] alpha = ctx.combinedAlpha();
            double sum = 0;
            for (double a : alpha) {
                if (usable(ctx, a)) {
                    sum += Math.abs(a);
                }
            }
            for (int s = 0; s < alpha.length; s++) {
                weights[s] = sum == 0 || !usable(ctx, alpha[s]) ? 0.0 : ctx.grossLeverage() * alpha[s] / sum;
            }
        }
    }
}
