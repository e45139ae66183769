package io.alphaweave.platform.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.data.MarketData;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SPI contract every {@link Strategy} must keep, as JUnit 5 tests. An implementation's test
 * extends this class and supplies the instance:
 *
 * <pre>{@code
 * class RsiReversionStrategyTest extends StrategyContract {
 *     protected Strategy createStrategy() { return new RsiReversionStrategy(); }
 * }
 * }</pre>
 *
 * The tests run the strategy on a real panel (12 S&amp;P 500 symbols × 400 days with gaps, repaired
 * bars and a late listing; override {@link #panel()} for other data) and check: {@code describe()}
 * is valid; {@code configure({})} works and an unknown parameter is rejected; alpha in [-1, 1],
 * confidence in [0, 1], NaN alpha iff NaN confidence, no view on a day without a bar; the same input
 * gives the same output, also across two instances; the bulk path equals the easy path cell for
 * cell on sample days; signals up to day t do not change when the data is cut at t; the data is not
 * written; the legacy path gives a decision per day. Test methods are public so a kit can also be
 * run programmatically.
 */
public abstract class StrategyContract {

    /** @return a fresh, configured instance of the strategy under test; called several times */
    protected abstract Strategy createStrategy();

    /** @return the data the checks run on; by default the kit's 12 × 400 real panel */
    protected MarketData panel() {
        return KitData.panel();
    }

    /** @return the largest difference tolerated between the easy and the bulk path (default 1e-12) */
    protected double easyPathTolerance() {
        return 1e-12;
    }

    private AlphaMatrix bulk(Strategy strategy, MarketData data) {
        AlphaMatrix m = new AlphaMatrix(data.symbolCount(), data.dayCount());
        strategy.generateAlphaSignals(data, m);
        return m;
    }

    /** describe() names a strategy with a valid id, a horizon ≥ 1 and parameter defaults that resolve. */
    @Test
    public void describesItselfAsAStrategy() {
        Strategy strategy = createStrategy();
        ComponentInfo info = strategy.describe();
        assertThat(info).as("describe()").isNotNull();
        assertThat(info.kind()).as("describe().kind()").isEqualTo(ComponentKind.STRATEGY);
        assertThat(strategy.id()).as("id()").isEqualTo(info.id());
        assertThat(info.horizonDays()).as("describe().horizonDays()").isGreaterThanOrEqualTo(1);
        assertThat(info.resolve(Map.of()).values())
                .as("defaults")
                .hasSize(info.parameters().size());
    }

    /** configure({}) yields a working strategy with the same id. */
    @Test
    public void configuresWithNoParameters() {
        Strategy configured = createStrategy().configure(Map.of());
        assertThat(configured).isNotNull();
        assertThat(configured.id()).isEqualTo(createStrategy().id());
        AlphaMatrix a = bulk(configured, panel()), b = bulk(createStrategy(), panel());
        assertSameMatrix(a, b, 0.0, "configure({}) changed the signals");
    }

    /** An unknown parameter name is an InvalidParameterException. */
    @Test
    public void rejectsAnUnknownParameter() {
        Strategy strategy = createStrategy();
        assertThatThrownBy(() -> strategy.configure(Map.of("no_such_parameter_x", 1)))
                .as("configure with an unknown parameter")
                .isInstanceOf(InvalidParameterException.class);
    }

    /** Alpha in [-1, 1], confidence in [0, 1], both NaN or neither, no view without a bar, some view. */
    @Test
    public void emitsAlphaAndConfidenceInRange() {
        MarketData data = panel();
        AlphaMatrix m = bulk(createStrategy(), data);
        long views = 0;
        for (int s = 0; s < data.symbolCount(); s++) {
            double[] a = m.alpha(s), c = m.confidence(s), close = data.close(s);
            for (int d = 0; d < data.dayCount(); d++) {
                String where = data.symbols().get(s) + " " + data.date(d);
                if (Double.isNaN(a[d]) != Double.isNaN(c[d])) {
                    fail("alpha=" + a[d] + " confidence=" + c[d] + " at " + where + ": NaN alpha iff NaN confidence");
                }
                if (Double.isNaN(a[d])) {
                    continue;
                }
                views++;
                if (!(a[d] >= -1 && a[d] <= 1)) {
                    fail("alpha=" + a[d] + " at " + where + " is outside [-1, 1]");
                }
                if (!(c[d] >= 0 && c[d] <= 1)) {
                    fail("confidence=" + c[d] + " at " + where + " is outside [0, 1]");
                }
                if (Double.isNaN(close[d])) {
                    fail("a view (alpha=" + a[d] + ") at " + where + ", a day without a bar");
                }
            }
        }
        assertThat(views)
                .as("number of views on the kit panel (a silent strategy cannot be checked)")
                .isPositive();
    }

    /** Two runs, and a second instance, give bit-identical matrices. */
    @Test
    public void isDeterministicAcrossRunsAndInstances() {
        MarketData data = panel();
        Strategy strategy = createStrategy();
        AlphaMatrix first = bulk(strategy, data);
        assertSameMatrix(first, bulk(strategy, data), 0.0, "second run of the same instance differs");
        assertSameMatrix(first, bulk(createStrategy(), data), 0.0, "a second instance differs");
    }

    /** generateAlphaSignal (easy path) equals generateAlphaSignals (bulk path) on sample days. */
    @Test
    public void bulkPathEqualsEasyPath() {
        MarketData data = panel();
        Strategy strategy = createStrategy();
        AlphaMatrix m = bulk(strategy, data);
        double tol = easyPathTolerance();
        for (int d : KitData.spread(0, data.dayCount(), 16)) {
            SignalContext context = new SignalContext(data, d);
            for (int s = 0; s < data.symbolCount(); s++) {
                String symbol = data.symbols().get(s);
                Optional<StrategySignal> easy = strategy.generateAlphaSignal(context, symbol);
                assertThat(easy)
                        .as("easy path result for %s %s", symbol, data.date(d))
                        .isNotNull();
                double a = m.alpha(s)[d], c = m.confidence(s)[d];
                if (easy.isEmpty()) {
                    if (!Double.isNaN(a)) {
                        fail("easy path has no view on " + symbol + " " + data.date(d) + " but bulk has alpha=" + a);
                    }
                    continue;
                }
                StrategySignal sig = easy.get();
                assertThat(sig.symbol()).as("signal symbol").isEqualTo(symbol);
                assertThat(sig.timestamp()).as("signal timestamp of %s", symbol).isEqualTo(data.date(d));
                if (!KitData.same(sig.alphaScore(), a, tol) || !KitData.same(sig.confidence(), c, tol)) {
                    fail("on " + symbol + " " + data.date(d) + " easy path alpha=" + sig.alphaScore() + " confidence="
                            + sig.confidence() + ", bulk path alpha=" + a + " confidence=" + c);
                }
            }
        }
    }

    /** Signals up to day t are the same when the data ends at t (no lookahead). */
    @Test
    public void usesNoBarAfterTheDecisionDay() {
        MarketData data = panel();
        Strategy strategy = createStrategy();
        AlphaMatrix full = bulk(strategy, data);
        for (int t : new int[] {data.dayCount() / 3, 2 * data.dayCount() / 3}) {
            MarketData cut = data.truncate(t);
            AlphaMatrix part = bulk(strategy, cut);
            for (int s = 0; s < data.symbolCount(); s++) {
                for (int d = 0; d <= t; d++) {
                    if (!KitData.same(full.alpha(s)[d], part.alpha(s)[d], 0.0)
                            || !KitData.same(full.confidence(s)[d], part.confidence(s)[d], 0.0)) {
                        fail("lookahead: " + data.symbols().get(s) + " " + data.date(d) + " has alpha="
                                + full.alpha(s)[d] + " on the full data but " + part.alpha(s)[d]
                                + " on data ending " + data.date(t));
                    }
                }
            }
        }
    }

    /** Neither path writes to the market data. */
    @Test
    public void doesNotModifyTheData() {
        MarketData data = panel();
        int before = KitData.fingerprint(data);
        Strategy strategy = createStrategy();
        bulk(strategy, data);
        for (int d : KitData.spread(0, data.dayCount(), 4)) {
            for (String symbol : data.symbols()) {
                strategy.generateAlphaSignal(new SignalContext(data, d), symbol);
            }
        }
        assertThat(KitData.fingerprint(data))
                .as("market data fingerprint after the strategy ran")
                .isEqualTo(before);
    }

    /** The legacy binary path gives one non-null decision per calendar day. */
    @Test
    public void derivesALegacyDecisionForEveryDay() {
        MarketData data = panel();
        TradeSignal[] signals = createStrategy().generateSignals(data, 0);
        assertThat(signals).as("generateSignals").hasSize(data.dayCount()).doesNotContainNull();
    }

    private static void assertSameMatrix(AlphaMatrix a, AlphaMatrix b, double tol, String message) {
        for (int s = 0; s < a.symbolCount(); s++) {
            for (int d = 0; d < a.dayCount(); d++) {
                if (!KitData.same(a.alpha(s)[d], b.alpha(s)[d], tol)
                        || !KitData.same(a.confidence(s)[d], b.confidence(s)[d], tol)) {
                    fail(message + ": symbol #" + s + " day #" + d + " alpha " + a.alpha(s)[d] + " vs " + b.alpha(s)[d]
                            + ", confidence " + a.confidence(s)[d] + " vs " + b.confidence(s)[d]);
                }
            }
        }
    }
}
