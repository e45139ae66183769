package io.alphaweave.platform.store;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A stored run with its documents.
 *
 * @param summary the listing fields
 * @param configJson the resolved config, byte for byte as written
 * @param componentHashes component id → content hash (sorted, unmodifiable)
 * @param reportJson the full report JSON of a COMPLETE run, byte for byte as written; null otherwise
 */
public record RunRecord(RunSummary summary, String configJson, Map<String, String> componentHashes, String reportJson) {

    /** Validates and copies. */
    public RunRecord {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(configJson, "configJson");
        componentHashes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(componentHashes));
    }

    /** @return the run id */
    public String id() {
        return summary.id();
    }

    /** @return the lifecycle state */
    public RunStatus status() {
        return summary.status();
    }

    /** @return the report JSON if the run is complete */
    public Optional<String> report() {
        return Optional.ofNullable(reportJson);
    }
}
