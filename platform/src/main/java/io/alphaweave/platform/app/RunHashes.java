package io.alphaweave.platform.app;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes a run reproducible: two runs with equal hashes used the same config, the same code and
 * the same data, so they produce the same report. Every hash is lowercase hex SHA-256. Immutable.
 *
 * @param config hash of the resolved config (every default filled in) without its name and the data's
 *     location (the dataset hash covers the data), so the same config run on another machine hashes
 *     the same
 * @param components {@code kind:id} (e.g. {@code strategy:momentum_rank}) → the content hash of the
 *     component's plugin JAR or definition file (for a built-in class, the hash of {@code
 *     builtin:KIND:id}), for every strategy, the combiner, the allocator and every compared combiner
 * @param dataset hash of the data files' bytes (bars and sectors)
 */
public record RunHashes(String config, Map<String, String> components, String dataset) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    /** Checks the format and copies the map in order. */
    public RunHashes {
        check(config, "config");
        check(dataset, "dataset");
        components = Copies.ordered(components, "components");
    }

    private static void check(String hash, String name) {
        if (hash == null || !HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException(name + " hash must be 64 lowercase hex digits, was " + hash);
        }
    }
}
