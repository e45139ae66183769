package io.alphaweave.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.platform.data.MarketData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract every {@link SignalCombiner} must keep, as JUnit 5 tests. An implementation's
 * test extends this class and supplies the instance with {@link #createCombiner()}.
 *
 * <p>Inputs are four strategies' signals derived from the kit's real panel (momentum, reversal,
 * cross-sectional rank and a sparse strategy; weights 1, 0.5, 2, 1; confidences in [0.05, 1]; NaN
 * where a strategy has no view, including symbols no strategy has a view on) on 20 days. Checks:
 * combined alpha in [-1, 1], NaN iff no strategy has a view; the contributions sum to the combined
 * alpha (1e-12) and a strategy without a view contributes 0; the result does not depend on the order
 * of the strategies; same input → same output, also across instances; the input is not modified;
 * a combiner that declares it reads no confidence does not depend on them;
 * describe()/configure as for every component.
 */
public abstract class SignalCombinerContract {
    /** Tolerance of the sum of contributions and of order independence. */
    protected static final double TOLERANCE = 1e-12;

    /** @return a fresh, configured instance of the combiner under test; called several times */
    protected abstract SignalCombiner createCombiner();

    /** @return the data the inputs are derived from; by default the kit's 12 × 400 real panel */
    protected MarketData panel() {
        return KitData.panel();
    }

    private List<CombinerInput> inputs() {
        MarketData data = panel();
        List<CombinerInput> out = new ArrayList<>();
        for (int d : KitData.spread(3, data.dayCount(), 20)) {
            out.add(KitData.signals(data, d));
        }
        return out;
    }

    private static CombinerOutput run(SignalCombiner combiner, CombinerInput in) {
        CombinerOutput out = new CombinerOutput(in.strategyCount(), in.symbolCount());
        combiner.combine(in, out);
        return out;
    }

    /** describe() names a combiner with a valid id, horizon 0 and parameter defaults that resolve. */
    @Test
    public void describesItselfAsACombiner() {
        SignalCombiner combiner = createCombiner();
        ComponentInfo info = combiner.describe();
        assertThat(info).as("describe()").isNotNull();
        assertThat(info.kind()).as("describe().kind()").isEqualTo(ComponentKind.COMBINER);
        assertThat(combiner.id()).as("id()").isEqualTo(info.id());
        assertThat(info.resolve(Map.of()).values())
                .as("defaults")
                .hasSize(info.parameters().size());
    }

    /** configure({}) yields a combiner with the same id and the same results. */
    @Test
    public void configuresWithNoParameters() {
        SignalCombiner configured = createCombiner().configure(Map.of());
        assertThat(configured.id()).isEqualTo(createCombiner().id());
        for (CombinerInput in : inputs()) {
            assertSameOutput(run(configured, in), run(createCombiner(), in), 0.0, "configure({}) changed the result");
        }
    }

    /** An unknown parameter name is an InvalidParameterException. */
    @Test
    public void rejectsAnUnknownParameter() {
        SignalCombiner combiner = createCombiner();
        assertThatThrownBy(() -> combiner.configure(Map.of("no_such_parameter_x", 1)))
                .as("configure with an unknown parameter")
                .isInstanceOf(InvalidParameterException.class);
    }

    /** Combined alpha in [-1, 1]; NaN exactly where no strategy has a view. */
    @Test
    public void combinesIntoRangeAndIsNaNOnlyWithoutAnyView() {
        SignalCombiner combiner = createCombiner();
        long views = 0;
        for (CombinerInput in : inputs()) {
            CombinerOutput out = run(combiner, in);
            for (int s = 0; s < in.symbolCount(); s++) {
                boolean anyView = false;
                for (int k = 0; k < in.strategyCount(); k++) {
                    anyView |= !Double.isNaN(in.alpha()[k][s]);
                }
                double x = out.combined()[s];
                String where = in.symbols().get(s) + " " + in.date();
                if (Double.isNaN(x) == anyView) {
                    fail("combined alpha=" + x + " at " + where + " although "
                            + (anyView ? "some strategy has a view" : "no strategy has a view"));
                }
                if (!Double.isNaN(x)) {
                    views++;
                    if (!(x >= -1 && x <= 1)) {
                        fail("combined alpha=" + x + " at " + where + " is outside [-1, 1]");
                    }
                }
            }
        }
        assertThat(views).as("symbols with a combined view").isPositive();
    }

    /** Σ contributions = combined alpha (1e-12); a strategy without a view contributes 0. */
    @Test
    public void contributionsSumToTheCombinedAlpha() {
        SignalCombiner combiner = createCombiner();
        for (CombinerInput in : inputs()) {
            CombinerOutput out = run(combiner, in);
            for (int s = 0; s < in.symbolCount(); s++) {
                double sum = 0;
                String where = in.symbols().get(s) + " " + in.date();
                for (int k = 0; k < in.strategyCount(); k++) {
                    double c = out.contribution(k)[s];
                    if (!Double.isFinite(c)) {
                        fail("contribution of " + in.strategyIds().get(k) + " at " + where + " is " + c);
                    }
                    if (Double.isNaN(in.alpha()[k][s]) && c != 0.0) {
                        fail(in.strategyIds().get(k) + " has no view at " + where + " but contributes " + c);
                    }
                    sum += c;
                }
                double x = out.combined()[s];
                if (!Double.isNaN(x) && Math.abs(sum - x) > TOLERANCE) {
                    fail("contributions at " + where + " sum to " + sum + ", combined alpha is " + x);
                }
            }
        }
    }

    /** Reversing or rotating the strategies leaves every result (and each strategy's contribution) unchanged. */
    @Test
    public void doesNotDependOnTheOrderOfStrategies() {
        SignalCombiner combiner = createCombiner();
        for (CombinerInput in : inputs()) {
            CombinerOutput base = run(combiner, in);
            int k = in.strategyCount();
            for (int[] order : new int[][] {{3, 2, 1, 0}, {1, 2, 3, 0}, {2, 0, 3, 1}}) {
                CombinerInput permuted = permute(in, order);
                CombinerOutput out = run(combiner, permuted);
                for (int s = 0; s < in.symbolCount(); s++) {
                    if (!KitData.same(base.combined()[s], out.combined()[s], TOLERANCE)) {
                        fail("strategy order " + permuted.strategyIds() + " changes the combined alpha of "
                                + in.symbols().get(s) + " " + in.date() + ": " + base.combined()[s] + " -> "
                                + out.combined()[s]);
                    }
                    for (int j = 0; j < k; j++) {
                        if (!KitData.same(base.contribution(order[j])[s], out.contribution(j)[s], TOLERANCE)) {
                            fail("strategy order " + permuted.strategyIds() + " changes the contribution of "
                                    + permuted.strategyIds().get(j) + " to "
                                    + in.symbols().get(s) + " " + in.date());
                        }
                    }
                }
            }
        }
    }

    /** Same input → same output, on one instance and across two. */
    @Test
    public void isDeterministicAcrossRunsAndInstances() {
        SignalCombiner combiner = createCombiner();
        for (CombinerInput in : inputs()) {
            CombinerOutput first = run(combiner, in);
            assertSameOutput(first, run(combiner, in), 0.0, "second run of the same instance differs");
            assertSameOutput(first, run(createCombiner(), in), 0.0, "a second instance differs");
        }
    }

    /** The input arrays are left untouched. */
    @Test
    public void doesNotModifyItsInput() {
        SignalCombiner combiner = createCombiner();
        for (CombinerInput in : inputs()) {
            String before = Arrays.deepToString(in.alpha())
                    + Arrays.deepToString(in.confidence())
                    + Arrays.toString(in.weights());
            run(combiner, in);
            String after = Arrays.deepToString(in.alpha())
                    + Arrays.deepToString(in.confidence())
                    + Arrays.toString(in.weights());
            assertThat(after).as("input on " + in.date() + " after combine").isEqualTo(before);
        }
    }

    /**
     * A combiner that declares it reads no confidence gives the same output, bit for bit, when every
     * confidence is NaN or replaced by 1 − c; the declaration survives configure({}).
     */
    @Test
    public void keepsItsDeclarationAboutConfidence() {
        SignalCombiner combiner = createCombiner();
        assertThat(combiner.configure(Map.of()).readsConfidence())
                .as("readsConfidence() after configure({})")
                .isEqualTo(combiner.readsConfidence());
        if (combiner.readsConfidence()) {
            return; // it may read them: nothing more is promised
        }
        for (CombinerInput in : inputs()) {
            CombinerOutput base = run(combiner, in);
            assertSameOutput(
                    base,
                    run(combiner, withConfidence(in, c -> Double.NaN)),
                    0.0,
                    "declares it reads no confidence, but its output changes when every confidence is NaN");
            assertSameOutput(
                    base,
                    run(combiner, withConfidence(in, c -> Double.isNaN(c) ? c : 1 - c)),
                    0.0,
                    "declares it reads no confidence, but its output changes when confidences c become 1 − c");
        }
    }

    private static CombinerInput withConfidence(CombinerInput in, DoubleUnaryOperator f) {
        double[][] c = new double[in.strategyCount()][in.symbolCount()];
        for (int k = 0; k < c.length; k++) {
            for (int s = 0; s < c[k].length; s++) {
                c[k][s] = f.applyAsDouble(in.confidence()[k][s]);
            }
        }
        return new CombinerInput(in.date(), in.symbols(), in.strategyIds(), in.weights(), in.alpha(), c);
    }

    private static CombinerInput permute(CombinerInput in, int[] order) {
        int k = order.length;
        List<String> ids = new ArrayList<>();
        double[] w = new double[k];
        double[][] a = new double[k][], c = new double[k][];
        for (int j = 0; j < k; j++) {
            ids.add(in.strategyIds().get(order[j]));
            w[j] = in.weights()[order[j]];
            a[j] = in.alpha()[order[j]].clone();
            c[j] = in.confidence()[order[j]].clone();
        }
        return new CombinerInput(in.date(), in.symbols(), ids, w, a, c);
    }

    private static void assertSameOutput(CombinerOutput a, CombinerOutput b, double tol, String message) {
        for (int s = 0; s < a.combined().length; s++) {
            if (!KitData.same(a.combined()[s], b.combined()[s], tol)) {
                fail(message + ": combined alpha of symbol #" + s + " " + a.combined()[s] + " vs " + b.combined()[s]);
            }
            for (int k = 0; k < a.strategyCount(); k++) {
                if (!KitData.same(a.contribution(k)[s], b.contribution(k)[s], tol)) {
                    fail(message + ": contribution of strategy #" + k + " to symbol #" + s);
                }
            }
        }
    }
}
