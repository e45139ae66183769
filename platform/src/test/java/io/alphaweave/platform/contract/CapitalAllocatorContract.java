package io.alphaweave.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.data.MarketData;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract every {@link CapitalAllocator} must keep, as JUnit 5 tests. An implementation's
 * test extends this class and supplies the instance with {@link #createAllocator()}.
 *
 * <p>The allocator runs on the kit's real panel on 12 rebalance days (from day 130, so 120-day
 * windows have data), long-only and long-short, gross leverage 0.5, 1 and 2, with a combined alpha
 * derived from the data up to the day (NaN for symbols without a bar and for a fifth of the
 * symbols). The kit's own context computes volatilities, covariances and signal history from bars
 * up to the day only. Checks: finite weights; Σ|w| ≤ gross leverage + 1e-9; no negative weight when
 * long-only; zero weight where the alpha is NaN; the same weights when the bars after the day are
 * cut or scrambled; same input → same output, also across instances; the combined alpha and the
 * data are not modified; describe()/configure as for every component.
 */
public abstract class CapitalAllocatorContract {
    private static final double[] GROSS = {0.5, 1.0, 2.0};

    /** @return a fresh, configured instance of the allocator under test; called several times */
    protected abstract CapitalAllocator createAllocator();

    /** @return the data the checks run on; by default the kit's 12 × 400 real panel */
    protected MarketData panel() {
        return KitData.panel();
    }

    private int[] days() {
        return KitData.spread(130, panel().dayCount(), 12);
    }

    private static double[] allocate(
            CapitalAllocator allocator, MarketView data, int day, boolean longOnly, double gross) {
        double[] w = new double[data.symbolCount()];
        allocator.allocate(new KitAllocationContext(data, day, KitData.combinedAlpha(data, day), longOnly, gross), w);
        return w;
    }

    /** describe() names an allocator with a valid id, horizon 0 and parameter defaults that resolve. */
    @Test
    public void describesItselfAsAnAllocator() {
        CapitalAllocator allocator = createAllocator();
        ComponentInfo info = allocator.describe();
        assertThat(info).as("describe()").isNotNull();
        assertThat(info.kind()).as("describe().kind()").isEqualTo(ComponentKind.ALLOCATOR);
        assertThat(allocator.id()).as("id()").isEqualTo(info.id());
        assertThat(info.resolve(Map.of()).values())
                .as("defaults")
                .hasSize(info.parameters().size());
    }

    /** configure({}) yields an allocator with the same id and the same weights. */
    @Test
    public void configuresWithNoParameters() {
        CapitalAllocator configured = createAllocator().configure(Map.of());
        assertThat(configured.id()).isEqualTo(createAllocator().id());
        MarketData data = panel();
        int day = days()[5];
        assertThat(allocate(configured, data, day, true, 1.0))
                .as("weights after configure({})")
                .containsExactly(allocate(createAllocator(), data, day, true, 1.0));
    }

    /** An unknown parameter name is an InvalidParameterException. */
    @Test
    public void rejectsAnUnknownParameter() {
        CapitalAllocator allocator = createAllocator();
        assertThatThrownBy(() -> allocator.configure(Map.of("no_such_parameter_x", 1)))
                .as("configure with an unknown parameter")
                .isInstanceOf(InvalidParameterException.class);
    }

    /** Finite weights, Σ|w| ≤ gross + 1e-9, w ≥ 0 when long-only, 0 where alpha is NaN; some weight somewhere. */
    @Test
    public void allocatesFiniteWeightsWithinTheConstraints() {
        MarketData data = panel();
        CapitalAllocator allocator = createAllocator();
        double invested = 0;
        for (int day : days()) {
            double[] alpha = KitData.combinedAlpha(data, day);
            for (boolean longOnly : new boolean[] {true, false}) {
                for (double gross : GROSS) {
                    double[] w = allocate(allocator, data, day, longOnly, gross);
                    String where = data.date(day) + (longOnly ? " long-only" : " long-short") + " gross " + gross;
                    double sum = 0;
                    for (int s = 0; s < w.length; s++) {
                        String cell = data.symbols().get(s) + " on " + where;
                        if (!Double.isFinite(w[s])) {
                            fail("weight of " + cell + " is " + w[s]);
                        }
                        if (longOnly && w[s] < 0) {
                            fail("weight of " + cell + " is " + w[s] + " < 0 although long-only");
                        }
                        if (Double.isNaN(alpha[s]) && w[s] != 0) {
                            fail("weight of " + cell + " is " + w[s] + " although its alpha is NaN (no view)");
                        }
                        sum += Math.abs(w[s]);
                    }
                    if (sum > gross + 1e-9) {
                        fail("Σ|w| = " + sum + " on " + where + " exceeds the gross leverage " + gross);
                    }
                    invested += sum;
                }
            }
        }
        assertThat(invested)
                .as("total gross weight over all checks (an allocator that never invests cannot be checked)")
                .isPositive();
    }

    /** The weights at day t are the same when the bars after t are cut off or scrambled. */
    @Test
    public void ignoresBarsAfterTheDecisionDay() {
        MarketData data = panel();
        CapitalAllocator allocator = createAllocator();
        for (int day : days()) {
            if (day == data.dayCount() - 1) {
                continue;
            }
            for (boolean longOnly : new boolean[] {true, false}) {
                double[] w = allocate(allocator, data, day, longOnly, 1.0);
                double[] cut = allocate(allocator, data.truncate(day), day, longOnly, 1.0);
                double[] scrambled = allocate(allocator, KitData.alterFuture(data, day, day), day, longOnly, 1.0);
                if (!Arrays.equals(w, cut) || !Arrays.equals(w, scrambled)) {
                    fail("lookahead: weights on " + data.date(day) + " are " + Arrays.toString(w)
                            + " on the full data, " + Arrays.toString(cut) + " on data ending that day and "
                            + Arrays.toString(scrambled) + " with later bars scrambled");
                }
            }
        }
    }

    /** Same input → same output, on one instance and across two. */
    @Test
    public void isDeterministicAcrossRunsAndInstances() {
        MarketData data = panel();
        CapitalAllocator allocator = createAllocator();
        for (int day : days()) {
            double[] first = allocate(allocator, data, day, false, 1.0);
            assertThat(allocate(allocator, data, day, false, 1.0))
                    .as("second run on " + data.date(day))
                    .containsExactly(first);
            assertThat(allocate(createAllocator(), data, day, false, 1.0))
                    .as("second instance on " + data.date(day))
                    .containsExactly(first);
        }
    }

    /** Neither the combined alpha nor the market data is written. */
    @Test
    public void doesNotModifyItsInputs() {
        MarketData data = panel();
        int before = KitData.fingerprint(data);
        CapitalAllocator allocator = createAllocator();
        for (int day : days()) {
            double[] alpha = KitData.combinedAlpha(data, day);
            double[] copy = alpha.clone();
            allocator.allocate(new KitAllocationContext(data, day, alpha, false, 1.0), new double[alpha.length]);
            assertThat(alpha)
                    .as("combined alpha on " + data.date(day) + " after allocate")
                    .containsExactly(copy);
        }
        assertThat(KitData.fingerprint(data))
                .as("market data fingerprint after allocate")
                .isEqualTo(before);
    }
}
