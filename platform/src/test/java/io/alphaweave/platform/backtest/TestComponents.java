package io.alphaweave.platform.backtest;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small, fully specified components for engine tests (the real ones live in plugins). */
public final class TestComponents {
    private TestComponents() {}

    /** alpha = clamp(10 · (close[t]/close[t−lookback] − 1)) on the symbol's calendar, confidence 1. */
    public record Momentum(String id, int lookback) implements Strategy {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.STRATEGY, "1", 5, "test momentum", "", List.of());
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            double[] c = context.data().close(context.data().indexOf(symbol));
            int t = context.day();
            if (t < lookback || Double.isNaN(c[t]) || Double.isNaN(c[t - lookback])) {
                return Optional.empty();
            }
            double a = Math.max(-1, Math.min(1, 10 * (c[t] / c[t - lookback] - 1)));
            return Optional.of(StrategySignal.of(context.date(), symbol, a, 1.0, 5));
        }

        @Override
        public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
            for (int s = 0; s < data.symbolCount(); s++) {
                double[] c = data.close(s), a = out.alpha(s), conf = out.confidence(s);
                for (int t = lookback; t < data.dayCount(); t++) {
                    if (!Double.isNaN(c[t]) && !Double.isNaN(c[t - lookback])) {
                        a[t] = Math.max(-1, Math.min(1, 10 * (c[t] / c[t - lookback] - 1)));
                        conf[t] = 1.0;
                    }
                }
            }
        }
    }

    /** A constant alpha on every bar. */
    public record Constant(String id, double alpha) implements Strategy {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.STRATEGY, "1", 1, "constant", "", List.of());
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            double c = context.data().close(context.data().indexOf(symbol))[context.day()];
            return Double.isNaN(c)
                    ? Optional.empty()
                    : Optional.of(StrategySignal.of(context.date(), symbol, alpha, 1, 1));
        }
    }

    /** 0.1 everywhere, but alpha 1.5 on one symbol and day. */
    public record OneBadCell(String id, int symbol, int day) implements Strategy {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.STRATEGY, "1", 1, "one bad cell", "", List.of());
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            return Optional.empty();
        }

        @Override
        public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
            for (int s = 0; s < data.symbolCount(); s++) {
                for (int d = 0; d < data.dayCount(); d++) {
                    out.set(s, d, s == symbol && d == day ? 1.5 : 0.1, 0.5);
                }
            }
        }
    }

    /** Never has a view. */
    public record Silent(String id) implements Strategy {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.STRATEGY, "1", 1, "silent", "", List.of());
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            return Optional.empty();
        }
    }

    /** Σ w·a / Σ w over the strategies with a view; contributions w·a / Σ w. */
    public record WeightedAverage(String id) implements SignalCombiner {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.COMBINER, "1", 0, "weighted average", "", List.of());
        }

        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void combine(CombinerInput in, CombinerOutput out) {
            for (int s = 0; s < in.symbolCount(); s++) {
                double wsum = 0;
                for (int k = 0; k < in.strategyCount(); k++) {
                    if (!Double.isNaN(in.alpha()[k][s])) {
                        wsum += in.weights()[k];
                    }
                }
                if (wsum == 0) {
                    continue;
                }
                double c = 0;
                for (int k = 0; k < in.strategyCount(); k++) {
                    double a = in.alpha()[k][s];
                    if (!Double.isNaN(a)) {
                        double x = in.weights()[k] * a / wsum;
                        out.contribution(k)[s] = x;
                        c += x;
                    }
                }
                out.combined()[s] = c;
            }
        }
    }

    /** The strongest absolute alpha wins. */
    public record Strongest(String id) implements SignalCombiner {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.COMBINER, "1", 0, "strongest", "", List.of());
        }

        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void combine(CombinerInput in, CombinerOutput out) {
            for (int s = 0; s < in.symbolCount(); s++) {
                int best = -1;
                for (int k = 0; k < in.strategyCount(); k++) {
                    double a = in.alpha()[k][s];
                    if (!Double.isNaN(a) && (best < 0 || Math.abs(a) > Math.abs(in.alpha()[best][s]))) {
                        best = k;
                    }
                }
                if (best >= 0) {
                    out.combined()[s] = in.alpha()[best][s];
                    out.contribution(best)[s] = in.alpha()[best][s];
                }
            }
        }
    }

    /** Weights proportional to alpha (positive part when long-only), scaled to the gross leverage. */
    public record Proportional(String id) implements CapitalAllocator {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo(id, ComponentKind.ALLOCATOR, "1", 0, "proportional", "", List.of());
        }

        @Override
        public CapitalAllocator configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public void allocate(AllocationContext context, double[] weights) {
            double[] a = context.combinedAlpha();
            double sum = 0;
            for (int s = 0; s < a.length; s++) {
                double x = Double.isNaN(a[s]) ? 0 : context.longOnly() ? Math.max(0, a[s]) : a[s];
                weights[s] = x;
                sum += Math.abs(x);
            }
            for (int s = 0; s < a.length; s++) {
                weights[s] = sum == 0 ? 0 : weights[s] / sum * context.grossLeverage();
            }
        }
    }
}
