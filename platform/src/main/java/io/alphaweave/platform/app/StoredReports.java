package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunRecord;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.RunSummary;
import io.alphaweave.platform.store.SignalRow;
import io.alphaweave.platform.store.StoredSignalSet;
import io.alphaweave.platform.store.UnknownRunException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The charts of stored runs (the {@code /backtests/{id}} page and {@code alphaweave report --html}):
 * reads the report, the run's market data and its stored signals, and builds {@link ReportCharts}.
 * Keeps the charts of the last few runs asked for (a stored report never changes). Thread-safe.
 */
public final class StoredReports {
    private static final int CACHED = 8;

    private final Database database;
    private final DatasetCatalog catalog;
    private final Map<String, ReportCharts> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ReportCharts> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * @param database the store
     * @param catalog loads the runs' market data (through its panel cache)
     */
    public StoredReports(Database database, DatasetCatalog catalog) {
        this.database = Objects.requireNonNull(database, "database");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * @param runId a stored run's id
     * @return the charts of its report
     * @throws UnknownRunException when there is no such run
     * @throws AlphaweaveException when the run has no portfolio report (not complete, or rules mode)
     */
    public ReportCharts charts(String runId) {
        synchronized (cache) {
            ReportCharts hit = cache.get(runId);
            if (hit != null) {
                return hit;
            }
        }
        RunRecord run = database.runs().get(runId);
        // the signal sample needs only the run: read it while this thread parses the report
        CompletableFuture<Map<String, List<SignalRow>>> sampled =
                CompletableFuture.supplyAsync(() -> sampleSignals(runId));
        MarketData data;
        BacktestReport report;
        try {
            report = database.runs()
                    .report(runId)
                    .orElseThrow(() -> new AlphaweaveException("run " + runId + " has no report: its status is "
                            + run.summary().status() + " (only a COMPLETE portfolio run has one)"));
            data = loadData(report.config());
        } catch (RuntimeException e) {
            sampled.cancel(false);
            throw e;
        }
        Map<String, List<SignalRow>> signals = data == null ? Map.of() : joined(sampled);
        ReportCharts charts = ReportChartsBuilder.build(runId, run.summary().name(), report, data, signals);
        synchronized (cache) {
            cache.put(runId, charts);
        }
        return charts;
    }

    /** Each stored set of the run, sampled by the database: the scatter draws at most MAX_SCATTER points. */
    private Map<String, List<SignalRow>> sampleSignals(String runId) {
        Map<String, List<SignalRow>> signals = new LinkedHashMap<>();
        for (StoredSignalSet set : database.runs().signalSets(runId)) {
            // in write order: index probes on H2, not a sort of the whole set
            long every = Math.max(1, set.rowCount() / ReportChartsBuilder.MAX_SCATTER);
            signals.put(set.key().strategyId(), database.runs().signalSample(set.id(), every));
        }
        return signals;
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * A strategy's part of its latest complete run.
     *
     * @param runId the run
     * @param runName the run's name
     * @param report the strategy run alone in that run
     */
    public record StrategyLatest(String runId, String runName, StrategyRunReport report) {
        /** Checks nulls. */
        public StrategyLatest {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(runName, "runName");
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * Finds, for each strategy, the newest of the last {@code scan} complete runs that ran it.
     *
     * @param strategyIds the strategies wanted
     * @param scan how many complete runs to read at most, newest first, in [1, 1000]
     * @return strategy id → its latest run report; strategies in none of them are missing
     */
    public Map<String, StrategyLatest> latestByStrategy(List<String> strategyIds, int scan) {
        if (scan < 1 || scan > 1000) {
            throw new IllegalArgumentException("scan must be in [1, 1000], was " + scan);
        }
        Map<String, StrategyLatest> out = new LinkedHashMap<>();
        for (RunSummary run : database.runs().list(new RunQuery(RunStatus.COMPLETE, scan))) {
            if (out.keySet().containsAll(strategyIds)) {
                break;
            }
            BacktestReport report = database.runs().report(run.id()).orElse(null);
            if (report == null) {
                continue;
            }
            for (String id : strategyIds) {
                StrategyRunReport s = report.strategies().get(id);
                if (s != null && !out.containsKey(id)) {
                    out.put(id, new StrategyLatest(run.id(), run.name(), s));
                }
            }
        }
        return out;
    }

    private MarketData loadData(ResolvedConfig config) {
        String path = config.data().path();
        if (path == null || !Files.exists(Path.of(path))) {
            return null;
        }
        try {
            MarketData data = catalog.load(Path.of(path));
            String sectors = config.data().sectors();
            if (sectors != null && Files.exists(Path.of(sectors))) {
                data = data.withSectors(MarketData.loadSectors(Path.of(sectors)));
            }
            return data;
        } catch (AlphaweaveException e) {
            return null;
        }
    }
}
