package io.alphaweave.platform.store;

import java.util.List;
import java.util.Objects;

/**
 * Two stored runs side by side.
 *
 * @param left the first run
 * @param right the second run
 * @param sameConfig whether their config hashes are equal
 * @param sameCode whether their code hashes are equal
 * @param sameData whether their dataset hashes are equal
 * @param leftPerformance the first run's performance rows
 * @param rightPerformance the second run's performance rows
 */
public record RunComparison(
        RunSummary left,
        RunSummary right,
        boolean sameConfig,
        boolean sameCode,
        boolean sameData,
        List<PerformanceRow> leftPerformance,
        List<PerformanceRow> rightPerformance) {

    /** Validates and copies. */
    public RunComparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        leftPerformance = List.copyOf(leftPerformance);
        rightPerformance = List.copyOf(rightPerformance);
    }

    /** @return whether the two runs repeat each other (same config, code and data) */
    public boolean equivalent() {
        return sameConfig && sameCode && sameData;
    }
}
