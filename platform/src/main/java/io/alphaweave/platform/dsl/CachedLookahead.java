package io.alphaweave.platform.dsl;

import io.alphaweave.api.ComponentInfo;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.registry.ComponentValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LookaheadCheck} that remembers which definition files passed, by content hash, in memory
 * and in a small text file (one key per line), so a CLI call does not re-run the check of files
 * that have not changed. Only passes are remembered; plugin and Java components are always
 * checked. A cache file that cannot be read or written is ignored. Thread-safe.
 */
final class CachedLookahead implements ComponentValidator {
    /** Bumped when the check's semantics change, so old passes no longer count. */
    static final String CHECK_VERSION = "lookahead-1";

    private final LookaheadCheck check;
    private final Path file;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    CachedLookahead(LookaheadCheck check, Path file) {
        this.check = check;
        this.file = file;
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.length() == 64) {
                        passed.add(line);
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a cache only: start empty
        }
    }

    @Override
    public void validate(Object component, ComponentInfo info, ComponentSource source) {
        boolean definition = source.type() == ComponentSource.Type.YAML || source.type() == ComponentSource.Type.JS;
        if (!definition || source.contentHash().isEmpty()) {
            check.validate(component, info, source);
            return;
        }
        String key = DefinitionLoader.sha256(CHECK_VERSION + "|" + info.kind() + "|" + source.contentHash());
        if (passed.contains(key)) {
            return;
        }
        check.validate(component, info, source);
        if (passed.add(key)) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(
                        file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException | RuntimeException unwritable) {
                // a cache only: the check runs again next time
            }
        }
    }
}
