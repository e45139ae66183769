package io.alphaweave.platform.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What is known of a run when it starts.
 *
 * @param name a display name, 1–200 characters
 * @param configJson the resolved config as a JSON document (stored verbatim)
 * @param componentHashes component id → content hash of every component used (copied, sorted)
 * @param configHash hash of the resolved config, non-blank
 * @param codeHash hash over the component hashes and the engine version, non-blank
 * @param datasetHash content hash of the data set, non-blank
 * @param engineVersion the alphaweave version that ran it, non-blank
 */
public record NewRun(
        String name,
        String configJson,
        Map<String, String> componentHashes,
        String configHash,
        String codeHash,
        String datasetHash,
        String engineVersion) {

    /** Validates and copies. */
    public NewRun {
        Checks.nonBlank(name, "name", 200);
        Checks.json(configJson, "configJson");
        componentHashes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(componentHashes));
        Checks.nonBlank(configHash, "configHash", 128);
        Checks.nonBlank(codeHash, "codeHash", 128);
        Checks.nonBlank(datasetHash, "datasetHash", 128);
        Checks.nonBlank(engineVersion, "engineVersion", 64);
    }
}
