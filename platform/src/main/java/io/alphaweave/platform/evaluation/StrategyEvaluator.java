package io.alphaweave.platform.evaluation;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates a strategy (or any return series and alpha panel): every daily-return metric of
 * {@code METRICS.md}, the information coefficient per horizon and alpha decay (alphalens
 * conventions), the alpha-score distribution, confidence over time, the probabilistic Sharpe ratio
 * and a bootstrap confidence interval for the Sharpe ratio. Stateless and thread-safe; every method
 * is a pure function of its arguments.
 */
public final class StrategyEvaluator {
    /** The horizons of {@link #alphaDecay}: 1, 2, 5, 10 and 20 trading days. */
    public static final List<Integer> DECAY_HORIZONS = List.of(1, 2, 5, 10, 20);
    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 10_000;
    /** Default bootstrap seed, so reports are reproducible. */
    public static final long DEFAULT_SEED = 20_240_101L;
    /** Default number of histogram bins over [−1, 1]. */
    public static final int DEFAULT_BINS = 20;

    private StrategyEvaluator() {}

    /**
     * The daily-return metrics.
     *
     * @param returns a NaN-free series (guaranteed by {@link ReturnSeries})
     * @return the metrics
     */
    public static ReturnMetrics metrics(ReturnSeries returns) {
        return ReturnStatistics.metrics(raw(returns));
    }

    /**
     * The probabilistic Sharpe ratio against an annualised benchmark Sharpe ratio.
     *
     * @param returns the series, at least 3 returns for a defined probability
     * @param benchmarkAnnualSharpe SR* annualised (divided by √252 internally); 0 for "better than
     *     nothing"
     * @return PSR with its inputs
     */
    public static ProbabilisticSharpe probabilisticSharpe(ReturnSeries returns, double benchmarkAnnualSharpe) {
        if (!Double.isFinite(benchmarkAnnualSharpe)) {
            throw new IllegalArgumentException("benchmarkAnnualSharpe must be finite, was " + benchmarkAnnualSharpe);
        }
        return SharpeStatistics.probabilistic(
                raw(returns), benchmarkAnnualSharpe / Math.sqrt(ReturnMetrics.ANNUALISATION));
    }

    /**
     * A bootstrap confidence interval of the annualised Sharpe ratio (see {@link SharpeInterval} for
     * the resampling scheme).
     *
     * @param returns the series, at least 2 returns
     * @param resamples number of resamples, ≥ 1
     * @param level coverage in (0, 1), e.g. 0.95
     * @param blockLength block length in days, 1 for the i.i.d. bootstrap
     * @param seed random seed
     * @return the interval
     */
    public static SharpeInterval bootstrapSharpe(
            ReturnSeries returns, int resamples, double level, int blockLength, long seed) {
        if (returns.size() < 2) {
            throw new InvalidReturnsException(
                    "a Sharpe ratio needs at least 2 returns, the series has " + returns.size());
        }
        return SharpeStatistics.bootstrap(raw(returns), resamples, level, blockLength, seed);
    }

    /**
     * The information coefficient of an alpha panel at one horizon.
     *
     * @param data prices (closes are used); the alpha's shape
     * @param alpha alpha by [symbol][day], NaN for no view; not modified
     * @param horizon h ≥ 1 trading days
     * @return IC summary
     */
    public static InformationCoefficient informationCoefficient(MarketView data, double[][] alpha, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be ≥ 1, was " + horizon);
        }
        return RankCorrelation.summarise(horizon, RankCorrelation.dailyIc(data, alpha, horizon));
    }

    /**
     * The daily IC series at one horizon (NaN on days without an IC).
     *
     * @param data prices
     * @param alpha alpha by [symbol][day]
     * @param horizon h ≥ 1
     * @return one IC per calendar day of {@code data}
     */
    public static double[] dailyInformationCoefficient(MarketView data, double[][] alpha, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be ≥ 1, was " + horizon);
        }
        return RankCorrelation.dailyIc(data, alpha, horizon);
    }

    /**
     * Alpha decay: the IC at horizons 1, 2, 5, 10 and 20, each on its own available sample.
     *
     * @param data prices
     * @param alpha alpha by [symbol][day]
     * @return one IC per horizon of {@link #DECAY_HORIZONS}
     */
    public static List<InformationCoefficient> alphaDecay(MarketView data, double[][] alpha) {
        List<InformationCoefficient> out = new ArrayList<>();
        for (int h : DECAY_HORIZONS) {
            out.add(informationCoefficient(data, alpha, h));
        }
        return out;
    }

    /**
     * Alpha decay in a chosen {@link IcMode}: the IC at horizons 1, 2, 5, 10 and 20.
     *
     * @param data prices
     * @param alpha alpha by [symbol][day]
     * @param mode {@link IcMode#DEFAULT} (each horizon on its own sample) or {@link IcMode#ALPHALENS}
     *     (forward-filled closes, one joint sample for the five horizons)
     * @return one IC per horizon of {@link #DECAY_HORIZONS}
     */
    public static List<InformationCoefficient> alphaDecay(MarketView data, double[][] alpha, IcMode mode) {
        return informationCoefficients(data, alpha, DECAY_HORIZONS, mode);
    }

    /**
     * The IC at several horizons in a chosen {@link IcMode}. In {@link IcMode#ALPHALENS} the
     * horizons together define the joint sample, so the result at one horizon depends on the
     * others (as in alphalens, whose {@code periods} play this role).
     *
     * @param data prices
     * @param alpha alpha by [symbol][day], NaN for no view; not modified
     * @param horizons distinct horizons, each ≥ 1, in the order wanted
     * @param mode how gaps and horizons are treated
     * @return one IC per horizon, in the order given
     */
    public static List<InformationCoefficient> informationCoefficients(
            MarketView data, double[][] alpha, List<Integer> horizons, IcMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (horizons.isEmpty() || horizons.stream().distinct().count() != horizons.size()) {
            throw new IllegalArgumentException("horizons must be distinct and at least one, were " + horizons);
        }
        for (int h : horizons) {
            if (h < 1) {
                throw new IllegalArgumentException("horizon must be ≥ 1, was " + h);
            }
        }
        List<InformationCoefficient> out = new ArrayList<>();
        if (mode == IcMode.DEFAULT) {
            for (int h : horizons) {
                out.add(informationCoefficient(data, alpha, h));
            }
            return out;
        }
        int[] hs = horizons.stream().mapToInt(Integer::intValue).toArray();
        int[] undefined = new int[hs.length];
        double[][] daily = RankCorrelation.dailyIcJoint(data, alpha, hs, undefined);
        for (int j = 0; j < hs.length; j++) {
            InformationCoefficient ic = RankCorrelation.summarise(hs[j], daily[j]);
            // alphalens' ttest_1samp propagates a day without an IC into the t statistic
            out.add(
                    undefined[j] == 0
                            ? ic
                            : new InformationCoefficient(
                                    ic.horizon(), ic.days(), ic.mean(), ic.std(), ic.icir(), Double.NaN));
        }
        return out;
    }

    /**
     * The alpha-score histogram over [−1, 1].
     *
     * @param alpha the strategy's matrix
     * @param bins number of equal-width bins, ≥ 1
     * @return the histogram
     */
    public static AlphaHistogram alphaHistogram(AlphaMatrix alpha, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be ≥ 1, was " + bins);
        }
        long[] counts = new long[bins];
        long total = 0;
        double sum = 0, sumSq = 0;
        for (int s = 0; s < alpha.symbolCount(); s++) {
            for (double a : alpha.alpha(s)) {
                if (Double.isNaN(a)) {
                    continue;
                }
                int b = (int) Math.floor((a + 1.0) / 2.0 * bins);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
                total++;
                sum += a;
                sumSq += a * a;
            }
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = -1.0 + 2.0 * i / bins;
        }
        double mean = total == 0 ? Double.NaN : sum / total;
        double var = total < 2 ? Double.NaN : Math.max(0, (sumSq - total * mean * mean) / (total - 1));
        return new AlphaHistogram(edges, counts, total, mean, Math.sqrt(var));
    }

    /**
     * Confidence over time.
     *
     * @param data the calendar
     * @param alpha the strategy's matrix, of {@code data}'s shape
     * @return per-day mean confidence, mean |alpha| and number of symbols with a view
     */
    public static ConfidenceSeries confidenceOverTime(MarketView data, AlphaMatrix alpha) {
        int days = data.dayCount();
        if (alpha.dayCount() != days || alpha.symbolCount() != data.symbolCount()) {
            throw new IllegalArgumentException("alpha matrix must have the data's shape");
        }
        double[] conf = new double[days], abs = new double[days];
        int[] count = new int[days];
        for (int s = 0; s < alpha.symbolCount(); s++) {
            double[] a = alpha.alpha(s), c = alpha.confidence(s);
            for (int d = 0; d < days; d++) {
                if (!Double.isNaN(a[d])) {
                    conf[d] += c[d];
                    abs[d] += Math.abs(a[d]);
                    count[d]++;
                }
            }
        }
        LocalDate[] dates = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            dates[d] = data.date(d);
            conf[d] = count[d] == 0 ? Double.NaN : conf[d] / count[d];
            abs[d] = count[d] == 0 ? Double.NaN : abs[d] / count[d];
        }
        return new ConfidenceSeries(dates, conf, abs, count);
    }

    /**
     * The full report of one strategy, with the defaults: PSR against 0, a 95 % i.i.d. bootstrap
     * with {@link #DEFAULT_RESAMPLES} resamples and {@link #DEFAULT_SEED}, {@link #DEFAULT_BINS}
     * histogram bins.
     *
     * @param id the strategy id
     * @param returns the strategy's daily returns when traded alone
     * @param data the market data its alpha was computed on
     * @param alpha its alpha and confidence
     * @return the report
     */
    public static StrategyReport evaluate(String id, ReturnSeries returns, MarketView data, AlphaMatrix alpha) {
        Objects.requireNonNull(id, "id");
        double[][] rows = new double[alpha.symbolCount()][];
        for (int s = 0; s < rows.length; s++) {
            rows[s] = alpha.alpha(s);
        }
        return new StrategyReport(
                id,
                metrics(returns),
                probabilisticSharpe(returns, 0.0),
                returns.size() < 2 ? null : bootstrapSharpe(returns, DEFAULT_RESAMPLES, 0.95, 1, DEFAULT_SEED),
                alphaDecay(data, rows),
                alphaHistogram(alpha, DEFAULT_BINS),
                confidenceOverTime(data, alpha));
    }

    private static double[] raw(ReturnSeries returns) {
        return Objects.requireNonNull(returns, "returns").returns();
    }
}
