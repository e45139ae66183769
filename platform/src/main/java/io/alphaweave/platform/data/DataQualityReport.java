package io.alphaweave.platform.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a loader found wrong with the data and how it handled it: every recoverable defect with
 * symbol, date, file, line and reason. Immutable. The handling rules are documented on {@link
 * DataDefect.Kind}.
 *
 * @param sources the files read, as given to the loader; copied
 * @param rows the number of data rows read (header excluded)
 * @param defects every defect, in file and line order; copied
 * @param badRows the rows that could not be read and were dropped because the load was asked to
 *     ({@link LoadOptions#dropBadRows()}), in file and line order; empty otherwise (a bad row then
 *     stops the load); copied
 */
public record DataQualityReport(List<String> sources, long rows, List<DataDefect> defects, List<BadRow> badRows) {

    /** Copies the lists. */
    public DataQualityReport {
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
        defects = List.copyOf(Objects.requireNonNull(defects, "defects"));
        badRows = List.copyOf(Objects.requireNonNull(badRows, "badRows"));
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be ≥ 0, was " + rows);
        }
    }

    /**
     * A report without dropped bad rows.
     *
     * @param sources the files read
     * @param rows the number of data rows read
     * @param defects every defect, in file and line order
     */
    public DataQualityReport(List<String> sources, long rows, List<DataDefect> defects) {
        this(sources, rows, defects, List.of());
    }

    /** @return the report of a panel that was not loaded from files: no sources, no defects */
    public static DataQualityReport none() {
        return new DataQualityReport(List.of(), 0, List.of(), List.of());
    }

    /** @return the number of defects of each kind that occurred, in {@link DataDefect.Kind} order */
    public Map<DataDefect.Kind, Integer> countsByKind() {
        Map<DataDefect.Kind, Integer> counts = new EnumMap<>(DataDefect.Kind.class);
        for (DataDefect d : defects) {
            counts.merge(d.kind(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * @param kind a defect kind
     * @return the defects of that kind, in file and line order
     */
    public List<DataDefect> of(DataDefect.Kind kind) {
        List<DataDefect> out = new ArrayList<>();
        for (DataDefect d : defects) {
            if (d.kind() == kind) {
                out.add(d);
            }
        }
        return out;
    }

    /** @return whether no defect was found and no bad row dropped */
    public boolean isClean() {
        return defects.isEmpty() && badRows.isEmpty();
    }
}
