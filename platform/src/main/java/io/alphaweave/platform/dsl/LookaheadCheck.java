package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.registry.ComponentValidator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The point-in-time check of DESIGN §5 for any strategy, plugin or script: computes its signals on
 * the whole panel, then on the panel cut after each of several days t, and requires the signals of
 * every day up to t to be identical (alpha and confidence, bit for bit; both missing counts as
 * equal). A strategy that differs is rejected with the first offending day and symbol. A YAML
 * definition whose alpha and confidence expressions the code proof (PointInTimeProof) proves point-in-time
 * passes without the cut runs. Combiners and allocators pass unchecked. Thread-safe; usable as a
 * registry validator.
 */
public final class LookaheadCheck implements ComponentValidator {
    private final MarketData data;
    private final int[] cuts;

    /**
     * @param data the panel to test on (at least 10 days)
     * @param cuts the last day kept of each truncation, each in [0, dayCount − 2]
     */
    public LookaheadCheck(MarketData data, int[] cuts) {
        this.data = Objects.requireNonNull(data, "data must not be null");
        this.cuts = cuts.clone();
        for (int c : this.cuts) {
            if (c < 0 || c > data.dayCount() - 2) {
                throw new IllegalArgumentException("each cut must be in [0, " + (data.dayCount() - 2) + "], was " + c);
            }
        }
    }

    /**
     * A check on {@code data} cut at 40 %, 70 % and the day before the last.
     *
     * @param data the panel, at least 10 days
     * @return the check
     */
    public static LookaheadCheck on(MarketData data) {
        int n = data.dayCount();
        if (n < 10) {
            throw new IllegalArgumentException("the lookahead check needs at least 10 days, had " + n);
        }
        return new LookaheadCheck(data, new int[] {n * 4 / 10, n * 7 / 10, n - 2});
    }

    /**
     * A check on a deterministic synthetic panel (8 symbols × 250 days of random walks, some days
     * without a bar), so it needs no data file.
     *
     * @return the check
     */
    public static LookaheadCheck synthetic() {
        int symbols = 8, days = 250;
        SplittableRandom rnd = new SplittableRandom(20240601L);
        LocalDate[] cal = new LocalDate[days];
        LocalDate d = LocalDate.of(2015, 1, 5);
        for (int i = 0; i < days; i++) {
            while (d.getDayOfWeek().getValue() > 5) {
                d = d.plusDays(1);
            }
            cal[i] = d;
            d = d.plusDays(1);
        }
        List<String> names = new ArrayList<>();
        double[][] o = new double[symbols][days],
                h = new double[symbols][days],
                l = new double[symbols][days],
                c = new double[symbols][days],
                v = new double[symbols][days];
        for (int s = 0; s < symbols; s++) {
            names.add("SYN" + (char) ('A' + s));
            double price = 30 + 100 * rnd.nextDouble();
            for (int t = 0; t < days; t++) {
                double open = price * (1 + 0.004 * rnd.nextGaussian());
                double close = open * (1 + 0.015 * rnd.nextGaussian());
                boolean gap = rnd.nextDouble() < 0.01;
                o[s][t] = gap ? Double.NaN : open;
                c[s][t] = gap ? Double.NaN : close;
                h[s][t] = gap ? Double.NaN : Math.max(open, close) * (1 + 0.005 * rnd.nextDouble());
                l[s][t] = gap ? Double.NaN : Math.min(open, close) * (1 - 0.005 * rnd.nextDouble());
                v[s][t] = gap ? Double.NaN : 1e5 + rnd.nextInt(1_000_000);
                price = close;
            }
        }
        return on(new MarketData(cal, names, o, h, l, c, v, null));
    }

    /**
     * This check, remembering by content hash which definition files (YAML/JS sources) passed — in
     * memory and in {@code cacheFile} (one SHA-256 key per line; created when missing; ignored when
     * unreadable) — so unchanged files are not checked again by later processes. Plugin and Java
     * components are always checked.
     *
     * @param cacheFile the cache file, e.g. {@code ~/.alphaweave/lookahead-passed.txt}
     * @return the caching validator
     */
    public ComponentValidator cachedIn(java.nio.file.Path cacheFile) {
        return new CachedLookahead(this, Objects.requireNonNull(cacheFile, "cacheFile must not be null"));
    }

    @Override
    public void validate(Object component, ComponentInfo info, ComponentSource source) {
        if (info.kind() == ComponentKind.STRATEGY && component instanceof Strategy s) {
            check(s);
        }
    }

    /**
     * Runs the check.
     *
     * @param strategy the strategy
     * @throws LookaheadException at the first day (over all cuts) whose signal depends on later bars
     */
    public void check(Strategy strategy) {
        AlphaMatrix full = new AlphaMatrix(data.symbolCount(), data.dayCount());
        strategy.generateAlphaSignals(data, full);
        check(strategy, full);
    }

    /**
     * As {@link #check(Strategy)} with the strategy's signals on the whole panel already computed (saves
     * one run).
     *
     * @param strategy the strategy
     * @param full its signals on this check's whole panel
     * @throws LookaheadException at the first day (over all cuts) whose signal depends on later bars
     */
    public void check(Strategy strategy, AlphaMatrix full) {
        if (full.symbolCount() != data.symbolCount() || full.dayCount() != data.dayCount()) {
            throw new IllegalArgumentException("full must be " + data.symbolCount() + " × " + data.dayCount() + ", was "
                    + full.symbolCount() + " × " + full.dayCount());
        }
        if (strategy instanceof ScriptedStrategy s
                && PointInTimeProof.obstacle(s.definition(), s.seriesNames()) == null) {
            // proved for every day by reading the code, which is stronger than the cuts and needs no run
            return;
        }
        checkByRuns(strategy, full);
    }

    /** The cuts of {@link #check(Strategy, AlphaMatrix)}, whatever the code proves. */
    void checkByRuns(Strategy strategy, AlphaMatrix full) {
        int worstDay = Integer.MAX_VALUE, worstSymbol = -1, worstCut = -1;
        double fullValue = 0, cutValue = 0;
        String field = "alpha";
        for (int cut : cuts) {
            MarketData part = data.truncate(cut);
            AlphaMatrix m = new AlphaMatrix(part.symbolCount(), part.dayCount());
            strategy.generateAlphaSignals(part, m);
            for (int d = 0; d <= cut && d < worstDay; d++) {
                for (int s = 0; s < data.symbolCount(); s++) {
                    boolean alphaDiffers = differs(full.alpha(s)[d], m.alpha(s)[d]);
                    if (alphaDiffers || differs(full.confidence(s)[d], m.confidence(s)[d])) {
                        worstDay = d;
                        worstSymbol = s;
                        worstCut = cut;
                        field = alphaDiffers ? "alpha" : "confidence";
                        fullValue = alphaDiffers ? full.alpha(s)[d] : full.confidence(s)[d];
                        cutValue = alphaDiffers ? m.alpha(s)[d] : m.confidence(s)[d];
                        break;
                    }
                }
            }
        }
        if (worstSymbol >= 0) {
            LocalDate day = data.date(worstDay);
            String symbol = data.symbols().get(worstSymbol);
            throw new LookaheadException(
                    "strategy " + strategy.id() + " looks ahead: its " + field + " for " + symbol + " on " + day
                            + " is "
                            + fullValue + " with the full data but " + cutValue + " with the data cut after "
                            + data.date(worstCut)
                            + "; a signal on day t may use bars up to and including t only (no centred windows,"
                            + " no future bars, no full-sample statistics)",
                    day,
                    symbol);
        }
    }

    private static boolean differs(double a, double b) {
        return Double.isNaN(a) ? !Double.isNaN(b) : Double.doubleToLongBits(a) != Double.doubleToLongBits(b);
    }
}
