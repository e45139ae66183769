package io.alphaweave.web;

import io.alphaweave.platform.data.DataDefect;
import io.alphaweave.platform.data.DataQualityReport;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The named datasets a service offers: {@code sample} (shipped in {@code data/sample}) and {@code
 * sp500} (the full shared set, when present). A dataset is loaded on first use and kept. HTTP callers
 * name datasets, never files. Thread-safe.
 *
 * <p>Interim home until the application layer's dataset catalog lands in the platform.
 */
public final class DatasetDirectory {
    /**
     * A named dataset.
     *
     * @param id its name
     * @param description what it holds
     * @param prices the price file
     * @param sectors the sector file, or null
     */
    public record Dataset(String id, String description, Path prices, Path sectors) {
        /** Checks the fields. */
        public Dataset {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(description, "description must not be null");
            Objects.requireNonNull(prices, "prices must not be null");
        }
    }

    /**
     * One symbol of a dataset.
     *
     * @param symbol the ticker
     * @param sector its sector, or null
     * @param first its first date with a close
     * @param last its last date with a close
     * @param bars its bars with a close
     * @param missingDays trading days inside its span with no bar
     * @param defects its data defects
     */
    public record SymbolSummary(
            String symbol, String sector, LocalDate first, LocalDate last, int bars, int missingDays, int defects) {}

    /**
     * What a dataset holds and what is wrong with it.
     *
     * @param id its name
     * @param description what it holds
     * @param firstDate the first trading day
     * @param lastDate the last trading day
     * @param tradingDays the number of trading days
     * @param rows data rows read
     * @param bars bars kept
     * @param symbols per symbol
     * @param defectCounts defects by kind
     * @param defects every defect, in file order
     */
    public record Description(
            String id,
            String description,
            LocalDate firstDate,
            LocalDate lastDate,
            int tradingDays,
            long rows,
            long bars,
            List<SymbolSummary> symbols,
            Map<DataDefect.Kind, Integer> defectCounts,
            List<DataDefect> defects) {
        /** Copies the collections. */
        public Description {
            symbols = List.copyOf(symbols);
            defectCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defectCounts));
            defects = List.copyOf(defects);
        }
    }

    private final Map<String, Dataset> datasets;
    private final Map<String, MarketData> loaded = new ConcurrentHashMap<>();

    /**
     * @param datasets the datasets, in listing order
     */
    public DatasetDirectory(List<Dataset> datasets) {
        Map<String, Dataset> m = new LinkedHashMap<>();
        for (Dataset d : datasets) {
            if (m.put(d.id(), d) != null) {
                throw new IllegalArgumentException("dataset ids must be unique, \"" + d.id() + "\" appears twice");
            }
        }
        this.datasets = java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The standard datasets.
     *
     * @param home the alphaweave home (the repository root): {@code sample} is {@code
     *     home/data/sample}
     * @param sharedData the shared data directory, or null: {@code sp500} is its {@code sp500/}
     * @return the datasets whose files exist
     */
    public static DatasetDirectory standard(Path home, Path sharedData) {
        List<Dataset> list = new ArrayList<>();
        Path sample = home.resolve("data/sample");
        if (Files.isRegularFile(sample.resolve("sp500_sample.csv.gz"))) {
            list.add(new Dataset(
                    "sample",
                    "50 S&P 500 stocks, daily OHLCV 2013-02-08 .. 2018-02-07, with GICS sectors",
                    sample.resolve("sp500_sample.csv.gz"),
                    Files.isRegularFile(sample.resolve("sectors.csv")) ? sample.resolve("sectors.csv") : null));
        }
        if (sharedData != null) {
            Path sp = sharedData.resolve("sp500");
            if (Files.isRegularFile(sp.resolve("all_stocks_5yr.csv.gz"))) {
                list.add(new Dataset(
                        "sp500",
                        "S&P 500 constituents of early 2018, daily OHLCV 2013-02-08 .. 2018-02-07, with GICS sectors",
                        sp.resolve("all_stocks_5yr.csv.gz"),
                        Files.isRegularFile(sp.resolve("sp500_sectors_2018.csv"))
                                ? sp.resolve("sp500_sectors_2018.csv")
                                : null));
            }
        }
        return new DatasetDirectory(list);
    }

    /** @return every dataset, in listing order */
    public List<Dataset> list() {
        return List.copyOf(datasets.values());
    }

    /**
     * @param id a dataset name
     * @return the dataset, or empty
     */
    public Optional<Dataset> find(String id) {
        return Optional.ofNullable(datasets.get(id));
    }

    /**
     * @param id a dataset name that {@link #find} knows
     * @return its panel, loaded once
     */
    public MarketData load(String id) {
        Dataset d = find(id).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + id));
        return loaded.computeIfAbsent(
                id, k -> d.sectors() == null ? MarketData.load(d.prices()) : MarketData.load(d.prices(), d.sectors()));
    }

    /**
     * @param id a dataset name that {@link #find} knows
     * @return its symbols, dates and defects
     */
    public Description describe(String id) {
        Dataset d = find(id).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + id));
        MarketData data = load(id);
        DataQualityReport q = data.quality();
        Map<String, Integer> missing = new HashMap<>(), defects = new HashMap<>();
        for (DataDefect x : q.defects()) {
            defects.merge(x.symbol(), 1, Integer::sum);
            if (x.kind() == DataDefect.Kind.MISSING_DAY) {
                missing.merge(x.symbol(), 1, Integer::sum);
            }
        }
        List<SymbolSummary> symbols = new ArrayList<>();
        for (int s = 0; s < data.symbolCount(); s++) {
            double[] c = data.close(s);
            int first = -1, last = -1, bars = 0;
            for (int day = 0; day < c.length; day++) {
                if (!Double.isNaN(c[day])) {
                    first = first < 0 ? day : first;
                    last = day;
                    bars++;
                }
            }
            String sym = data.symbols().get(s);
            symbols.add(new SymbolSummary(
                    sym,
                    data.sector(s),
                    first < 0 ? null : data.date(first),
                    last < 0 ? null : data.date(last),
                    bars,
                    missing.getOrDefault(sym, 0),
                    defects.getOrDefault(sym, 0)));
        }
        return new Description(
                d.id(),
                d.description(),
                data.date(0),
                data.date(data.dayCount() - 1),
                data.dayCount(),
                q.rows(),
                data.barCount(),
                symbols,
                q.countsByKind(),
                q.defects());
    }
}
