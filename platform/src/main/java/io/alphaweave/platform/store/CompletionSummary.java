package io.alphaweave.platform.store;

/**
 * What completing a run wrote.
 *
 * @param signalSetsStored signal sets written by this run
 * @param signalSetsReused signal sets that were already stored and only linked
 * @param signalRowsInserted signal rows written (0 when every set was already stored)
 * @param equivalentRunId the id of an earlier COMPLETE run with the same config, code and data hashes,
 *     or null if there is none
 */
public record CompletionSummary(
        int signalSetsStored, int signalSetsReused, long signalRowsInserted, String equivalentRunId) {}
