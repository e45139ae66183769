package io.alphaweave.platform.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Each kit check fails for a component that breaks exactly the rule it guards. */
class ContractKitCatchesBrokenComponentsTest {

    private static StrategyContract kit(Supplier<Strategy> strategy) {
        return new StrategyContract() {
            @Override
            protected Strategy createStrategy() {
                return strategy.get();
            }
        };
    }

    private static SignalCombinerContract kitFor(Supplier<SignalCombiner> combiner) {
        return new SignalCombinerContract() {
            @Override
            protected SignalCombiner createCombiner() {
                return combiner.get();
            }
        };
    }

    private static CapitalAllocatorContract kitOf(Supplier<CapitalAllocator> allocator) {
        return new CapitalAllocatorContract() {
            @Override
            protected CapitalAllocator createAllocator() {
                return allocator.get();
            }
        };
    }

    /** Emits alpha 2.0 on the bulk path wherever the momentum strategy has a view. */
    static final class AlphaTwoStrategy extends KitSamples.MomentumStrategy {
        @Override
        public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
            super.generateAlphaSignals(data, out);
            for (int s = 0; s < data.symbolCount(); s++) {
                double[] a = out.alpha(s);
                for (int d = 0; d < a.length; d++) {
                    if (!Double.isNaN(a[d])) {
                        a[d] = 2.0;
                    }
                }
            }
        }
    }

    @Test
    void rejectsAStrategyEmittingAlphaTwo() {
        assertThatThrownBy(kit(AlphaTwoStrategy::new)::emitsAlphaAndConfidenceInRange)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("alpha=2.0")
                .hasMessageContaining("outside [-1, 1]");
    }

    @Test
    void rejectsAStrategyWithAlphaButNoConfidence() {
        Strategy broken = new KitSamples.MomentumStrategy() {
            @Override
            public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
                super.generateAlphaSignals(data, out);
                out.confidence(0)[100] = Double.NaN;
                out.alpha(0)[100] = 0.3;
            }
        };
        assertThatThrownBy(kit(() -> broken)::emitsAlphaAndConfidenceInRange)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NaN alpha iff NaN confidence");
    }

    @Test
    void rejectsAStrategyWithAViewOnADayWithoutABar() {
        // FTV has no bars before 2016-07-01 in the kit panel
        Strategy broken = new KitSamples.MomentumStrategy() {
            @Override
            public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
                super.generateAlphaSignals(data, out);
                out.set(data.indexOf("FTV"), 0, 0.1, 0.5);
            }
        };
        assertThatThrownBy(kit(() -> broken)::emitsAlphaAndConfidenceInRange)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("FTV 2015-06-01")
                .hasMessageContaining("without a bar");
    }

    @Test
    void rejectsAStrategyThatReadsTomorrowsClose() {
        Strategy peeking = new KitSamples.MomentumStrategy() {
            @Override
            double alpha(MarketView data, int s, int d) {
                return d + 1 < data.dayCount() ? Math.tanh(5 * KitData.ret(data, s, d + 1, 1)) : Double.NaN;
            }
        };
        assertThatThrownBy(kit(() -> peeking)::usesNoBarAfterTheDecisionDay)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lookahead");
    }

    @Test
    void rejectsABulkPathThatDiffersFromTheEasyPath() {
        Strategy halved = new KitSamples.MomentumStrategy() {
            @Override
            public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
                super.generateAlphaSignals(data, out);
                for (int s = 0; s < data.symbolCount(); s++) {
                    for (int d = 0; d < data.dayCount(); d++) {
                        out.alpha(s)[d] *= 0.5;
                    }
                }
            }
        };
        assertThatThrownBy(kit(() -> halved)::bulkPathEqualsEasyPath)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("easy path alpha=");
    }

    @Test
    void rejectsAStrategyThatAcceptsUnknownParameters() {
        Strategy lax = new KitSamples.MomentumStrategy() {
            @Override
            public Strategy configure(Map<String, ?> params) {
                return this;
            }
        };
        assertThatThrownBy(kit(() -> lax)::rejectsAnUnknownParameter).isInstanceOf(AssertionError.class);
    }

    @Test
    void rejectsANonDeterministicStrategy() {
        AtomicLong calls = new AtomicLong();
        Strategy drifting = new KitSamples.MomentumStrategy() {
            @Override
            double alpha(MarketView data, int s, int d) {
                double a = super.alpha(data, s, d);
                return Double.isNaN(a) ? a : a * (1 - 1e-9 * (calls.incrementAndGet() % 7));
            }
        };
        assertThatThrownBy(kit(() -> drifting)::isDeterministicAcrossRunsAndInstances)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("differs");
    }

    @Test
    void rejectsAStrategyThatWritesToTheData() {
        Strategy vandal = new KitSamples.MomentumStrategy() {
            @Override
            public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
                return super.generateAlphaSignal(context, symbol);
            }

            @Override
            public void generateAlphaSignals(MarketView data, AlphaMatrix out) {
                super.generateAlphaSignals(data, out);
                data.volume(0)[0] = data.volume(0)[0] + 1; // the one forbidden write
            }
        };
        StrategyContract contract = new StrategyContract() {
            private final io.alphaweave.platform.data.MarketData own = KitData.alterFuture(KitData.panel(), 399, 1);

            @Override
            protected Strategy createStrategy() {
                return vandal;
            }

            @Override
            protected io.alphaweave.platform.data.MarketData panel() {
                return own; // a private copy: the shared kit panel must stay intact for other tests
            }
        };
        assertThatThrownBy(contract::doesNotModifyTheData)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fingerprint");
    }

    /** combined = Σ w·a (not normalised): leaves [-1, 1]. */
    static final class SummingCombiner extends KitSamples.WeightedCombiner {
        @Override
        public void combine(CombinerInput in, CombinerOutput out) {
            for (int s = 0; s < in.symbolCount(); s++) {
                for (int k = 0; k < in.strategyCount(); k++) {
                    double a = in.alpha()[k][s];
                    if (!Double.isNaN(a)) {
                        double c = in.weights()[k] * Math.signum(a);
                        out.contribution(k)[s] = c;
                        out.combined()[s] = (Double.isNaN(out.combined()[s]) ? 0 : out.combined()[s]) + c;
                    }
                }
            }
        }
    }

    /** Weighs alphas by confidence, yet declares that it reads none. */
    static final class UntruthfulCombiner extends KitSamples.WeightedCombiner {
        @Override
        public SignalCombiner configure(Map<String, ?> params) {
            return new UntruthfulCombiner();
        }

        @Override
        public boolean readsConfidence() {
            return false;
        }
    }

    @Test
    void rejectsACombinerThatReadsTheConfidencesItSaysItDoesNotRead() {
        assertThatThrownBy(kitFor(UntruthfulCombiner::new)::keepsItsDeclarationAboutConfidence)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("declares it reads no confidence");
    }

    @Test
    void rejectsACombinerWhoseDeclarationAboutConfidenceIsLostByConfigure() {
        SignalCombiner forgetful = new KitSamples.WeightedCombiner() {
            @Override
            public boolean readsConfidence() {
                return false;
            }
        };
        assertThatThrownBy(kitFor(() -> forgetful)::keepsItsDeclarationAboutConfidence)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("readsConfidence() after configure({})");
    }

    @Test
    void rejectsACombinerLeavingTheRange() {
        assertThatThrownBy(kitFor(SummingCombiner::new)::combinesIntoRangeAndIsNaNOnlyWithoutAnyView)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("outside [-1, 1]");
    }

    @Test
    void rejectsACombinerWhoseContributionsDoNotAddUp() {
        SignalCombiner sloppy = new KitSamples.WeightedCombiner() {
            @Override
            public void combine(CombinerInput in, CombinerOutput out) {
                super.combine(in, out);
                for (int s = 0; s < in.symbolCount(); s++) {
                    out.contribution(0)[s] *= 0.9;
                    if (Double.isNaN(in.alpha()[0][s])) {
                        out.contribution(0)[s] = 0.0;
                    }
                }
            }
        };
        assertThatThrownBy(kitFor(() -> sloppy)::contributionsSumToTheCombinedAlpha)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("sum to");
    }

    @Test
    void rejectsACombinerThatDependsOnStrategyOrder() {
        SignalCombiner firstWins = new KitSamples.WeightedCombiner() {
            @Override
            public void combine(CombinerInput in, CombinerOutput out) {
                for (int s = 0; s < in.symbolCount(); s++) {
                    for (int k = 0; k < in.strategyCount(); k++) {
                        double a = in.alpha()[k][s];
                        if (!Double.isNaN(a)) {
                            out.combined()[s] = a;
                            out.contribution(k)[s] = a;
                            break;
                        }
                    }
                }
            }
        };
        assertThatThrownBy(kitFor(() -> firstWins)::doesNotDependOnTheOrderOfStrategies)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("strategy order");
    }

    @Test
    void rejectsACombinerWithAViewWhereNoStrategyHasOne() {
        SignalCombiner inventive = new KitSamples.WeightedCombiner() {
            @Override
            public void combine(CombinerInput in, CombinerOutput out) {
                super.combine(in, out);
                for (int s = 0; s < in.symbolCount(); s++) {
                    if (Double.isNaN(out.combined()[s])) {
                        out.combined()[s] = 0.0;
                    }
                }
            }
        };
        assertThatThrownBy(kitFor(() -> inventive)::combinesIntoRangeAndIsNaNOnlyWithoutAnyView)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no strategy has a view");
    }

    @Test
    void rejectsAnAllocatorExceedingGrossLeverage() {
        CapitalAllocator levered = new KitSamples.ProportionalAllocator() {
            @Override
            public void allocate(AllocationContext ctx, double[] weights) {
                super.allocate(ctx, weights);
                for (int s = 0; s < weights.length; s++) {
                    weights[s] *= 1.5;
                }
            }
        };
        assertThatThrownBy(kitOf(() -> levered)::allocatesFiniteWeightsWithinTheConstraints)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("exceeds the gross leverage");
    }

    @Test
    void rejectsAnAllocatorThatShortsWhenLongOnly() {
        CapitalAllocator shorting = new KitSamples.ProportionalAllocator() {
            @Override
            boolean usable(AllocationContext ctx, double a) {
                return !Double.isNaN(a);
            }
        };
        assertThatThrownBy(kitOf(() -> shorting)::allocatesFiniteWeightsWithinTheConstraints)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("although long-only");
    }

    @Test
    void rejectsAnAllocatorThatWeightsSymbolsWithoutAView() {
        CapitalAllocator equal = new KitSamples.ProportionalAllocator() {
            @Override
            public void allocate(AllocationContext ctx, double[] weights) {
                java.util.Arrays.fill(weights, ctx.grossLeverage() / weights.length);
            }
        };
        assertThatThrownBy(kitOf(() -> equal)::allocatesFiniteWeightsWithinTheConstraints)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("alpha is NaN");
    }

    @Test
    void rejectsAnAllocatorThatReadsTomorrowsBars() {
        CapitalAllocator peeking = new KitSamples.ProportionalAllocator() {
            @Override
            public void allocate(AllocationContext ctx, double[] weights) {
                super.allocate(ctx, weights);
                MarketView data = ctx.data();
                int next = ctx.day() + 1;
                for (int s = 0; s < weights.length; s++) {
                    if (next < data.dayCount() && data.close(s)[next] < data.close(s)[ctx.day()]) {
                        weights[s] = 0.0; // skip tomorrow's losers
                    }
                }
            }
        };
        assertThatThrownBy(kitOf(() -> peeking)::ignoresBarsAfterTheDecisionDay)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("lookahead");
    }
}
