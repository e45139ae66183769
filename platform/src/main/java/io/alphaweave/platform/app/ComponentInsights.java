package io.alphaweave.platform.app;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.backtest.WeightedStrategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.AlphaHistogram;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.RunRepository;
import io.alphaweave.platform.store.StoredSignalSet;
import io.alphaweave.platform.store.StrategyPerformance;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the store and the sample data say about a component, for {@code GET /components/{id}}, the
 * pages and the MCP tools: the metrics of the newest complete run that used a strategy, and the
 * distribution of its alpha scores (from its newest stored signal set, else computed on the sample
 * data). Thread-safe; histograms computed on the sample are cached by the strategy's content hash.
 */
public final class ComponentInsights {
    /** Number of equal-width bins over [−1, 1]. */
    public static final int BINS = StrategyEvaluator.DEFAULT_BINS;

    /**
     * A strategy's metrics in the newest COMPLETE stored run that evaluated it.
     *
     * @param runId the run
     * @param runName its name
     * @param finishedAt when it completed (UTC)
     * @param sharpeRatio annualised Sharpe ratio (NaN when undefined)
     * @param totalReturn total return as a fraction
     * @param maxDrawdown maximum drawdown as a (negative) fraction
     */
    public record LatestMetrics(
            String runId,
            String runName,
            Instant finishedAt,
            double sharpeRatio,
            double totalReturn,
            double maxDrawdown) {
        /** Checks nulls. */
        public LatestMetrics {
            Objects.requireNonNull(runId, "runId must not be null");
        }

        static LatestMetrics of(StrategyPerformance p) {
            return new LatestMetrics(
                    p.runId(), p.runName(), p.finishedAt(), p.sharpeRatio(), p.totalReturn(), p.maxDrawdown());
        }
    }

    /** Where a histogram's scores came from. */
    public enum HistogramSource {
        /** The strategy's newest stored signal set. */
        STORED,
        /** Computed now on the sample dataset with the strategy's default parameters. */
        SAMPLE
    }

    /**
     * The alpha-score distribution of a strategy.
     *
     * @param source where the scores came from
     * @param signalSetId the stored set, null for {@link HistogramSource#SAMPLE}
     * @param edges the {@value #BINS} + 1 bin edges from −1 to 1
     * @param counts scores per bin (the last bin closed on the right)
     * @param total number of scores
     * @param mean mean score (NaN without scores)
     * @param std standard deviation, ddof 1 (NaN below two scores)
     */
    public record Histogram(
            HistogramSource source,
            Long signalSetId,
            List<Double> edges,
            List<Long> counts,
            long total,
            double mean,
            double std) {
        /** Checks the shape and copies the lists. */
        public Histogram {
            Objects.requireNonNull(source, "source must not be null");
            edges = List.copyOf(edges);
            counts = List.copyOf(counts);
            if (edges.size() != counts.size() + 1) {
                throw new IllegalArgumentException(
                        "edges must have counts + 1 entries, had " + edges.size() + " for " + counts.size());
            }
        }

        static Histogram of(HistogramSource source, Long setId, AlphaHistogram h) {
            return new Histogram(
                    source,
                    setId,
                    Arrays.stream(h.edges()).boxed().toList(),
                    Arrays.stream(h.counts()).boxed().toList(),
                    h.total(),
                    h.mean(),
                    h.std());
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ComponentInsights.class);

    private final ComponentRegistry registry;
    private final RunRepository runs; // null without a store
    private final Supplier<MarketData> sample;
    private final Map<String, Histogram> sampleCache = new ConcurrentHashMap<>();
    private volatile MarketData samplePanel;

    /**
     * @param registry the registry the strategies come from
     * @param runs the store's runs, or null when there is no store (then only sample histograms)
     * @param sample loads the sample panel (called at most once per strategy version, then cached)
     */
    public ComponentInsights(ComponentRegistry registry, RunRepository runs, Supplier<MarketData> sample) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.runs = runs;
        this.sample = Objects.requireNonNull(sample, "sample must not be null");
    }

    /**
     * @param registry the registry
     * @param runs the store's runs, or null
     * @param catalog the datasets; its {@code sample} is the fallback for histograms
     * @return insights over the catalog's sample dataset
     */
    public static ComponentInsights onSample(ComponentRegistry registry, RunRepository runs, DatasetCatalog catalog) {
        return new ComponentInsights(
                registry,
                runs,
                () -> catalog.load(catalog.find(DatasetCatalog.SAMPLE)
                        .orElseThrow(
                                () -> new io.alphaweave.api.AlphaweaveException(
                                        "the sample dataset (data/sample/sp500_sample.csv.gz in the installation) was not found"))
                        .data()));
    }

    /**
     * @param entry a component
     * @return for a strategy, its metrics in the newest complete stored run that used it; empty for other
     *     kinds, without a store, or when no such run exists
     */
    public Optional<LatestMetrics> latestMetrics(ComponentEntry entry) {
        if (runs == null || entry.kind() != ComponentKind.STRATEGY) {
            return Optional.empty();
        }
        return runs.latestPerformance(entry.id()).map(LatestMetrics::of);
    }

    /**
     * @param entry a component
     * @return for a loaded strategy, the histogram of its newest stored signal set, else of its scores on
     *     the sample data; empty for other kinds, for a component that failed to load, and for a strategy
     *     that throws or emits invalid signals on the sample (logged as a warning)
     */
    public Optional<Histogram> alphaHistogram(ComponentEntry entry) {
        if (entry.kind() != ComponentKind.STRATEGY || !entry.isLoaded()) {
            return Optional.empty();
        }
        if (runs != null) {
            Optional<StoredSignalSet> set = runs.latestSignalSet(entry.id());
            if (set.isPresent()) {
                return Optional.of(stored(set.get().id()));
            }
        }
        String key = entry.id() + "@" + entry.source().contentHash();
        Histogram cached = sampleCache.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Histogram computed;
        try {
            computed = onSample(entry.id());
        } catch (RuntimeException e) {
            // a strategy that breaks on the sample must not take its detail page down: no histogram
            // (not cached, so a fixed version is computed on the next request)
            LOG.warn("no alpha histogram for strategy {}: it failed on the sample data: {}", entry.id(), e.toString());
            return Optional.empty();
        }
        sampleCache.putIfAbsent(key, computed);
        return Optional.of(computed);
    }

    private Histogram stored(long setId) {
        long[] counts = new long[BINS];
        double[] sums = new double[3]; // n, sum, sum of squares
        runs.alphaScores(setId, a -> {
            if (Double.isNaN(a)) {
                return;
            }
            int b = (int) Math.floor((a + 1.0) / 2.0 * BINS);
            counts[Math.max(0, Math.min(BINS - 1, b))]++;
            sums[0]++;
            sums[1] += a;
            sums[2] += a * a;
        });
        long total = (long) sums[0];
        double mean = total == 0 ? Double.NaN : sums[1] / total;
        double var = total < 2 ? Double.NaN : Math.max(0, (sums[2] - total * mean * mean) / (total - 1));
        double[] edges = new double[BINS + 1];
        for (int i = 0; i <= BINS; i++) {
            edges[i] = -1.0 + 2.0 * i / BINS;
        }
        return Histogram.of(
                HistogramSource.STORED, setId, new AlphaHistogram(edges, counts, total, mean, Math.sqrt(var)));
    }

    private MarketData samplePanel() {
        MarketData d = samplePanel;
        if (d == null) {
            d = sample.get();
            samplePanel = d;
        }
        return d;
    }

    private Histogram onSample(String id) {
        Strategy strategy = registry.strategy(id).configure(Map.of());
        StrategySignals signals =
                PortfolioBacktest.computeSignals(samplePanel(), List.of(new WeightedStrategy(strategy, 1.0)));
        return Histogram.of(
                HistogramSource.SAMPLE,
                null,
                StrategyEvaluator.alphaHistogram(signals.matrices().getFirst(), BINS));
    }
}
