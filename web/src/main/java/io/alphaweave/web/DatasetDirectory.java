package io.alphaweave.web;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.data.DataDefect;
import io.alphaweave.platform.data.DataQualityReport;
import io.alphaweave.platform.data.MarketData;
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
 * The datasets of a {@link DatasetCatalog} as a service shows them: each loaded on first use and
 * kept, and described by its symbols, dates and data defects. Thread-safe.
 */
public final class DatasetDirectory {
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
     * @param origin {@code shipped}, {@code shared} or {@code imported}
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
            String origin,
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

    private final DatasetCatalog catalog;
    private final Map<String, MarketData> loaded = new ConcurrentHashMap<>();

    /**
     * @param catalog the datasets (use {@link DatasetCatalog#datasetsOnly()} for a network front end)
     */
    public DatasetDirectory(DatasetCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog must not be null");
    }

    /** @return the catalog */
    public DatasetCatalog catalog() {
        return catalog;
    }

    /** @return every dataset, in the catalog's order */
    public List<DatasetCatalog.Dataset> list() {
        return catalog.datasets();
    }

    /**
     * @param id a dataset name
     * @return the dataset, or empty
     */
    public Optional<DatasetCatalog.Dataset> find(String id) {
        return catalog.find(id);
    }

    /**
     * @param id a dataset name that {@link #find} knows
     * @return its panel, loaded once
     */
    public MarketData load(String id) {
        DatasetCatalog.Dataset d = find(id).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + id));
        return loaded.computeIfAbsent(
                id, k -> d.sectors() == null ? MarketData.load(d.data()) : MarketData.load(d.data(), d.sectors()));
    }

    /**
     * @param id a dataset name that {@link #find} knows
     * @return its symbols, dates and defects
     */
    public Description describe(String id) {
        DatasetCatalog.Dataset d = find(id).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + id));
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
                d.name(),
                d.origin(),
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
