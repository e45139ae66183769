package io.alphaweave.web.cli;

import java.nio.file.Path;

/**
 * The one place the CLI resolves the user's cache directory: the system property {@value #PROPERTY}
 * (the launcher sets it from {@code $ALPHAWEAVE_CACHE_DIR}), else {@code ~/.alphaweave}. Everything
 * cached there is keyed by content hash — lookahead passes, definition descriptions — so deleting it
 * only costs time.
 */
final class CacheDirectory {
    /** System property naming the cache directory. */
    static final String PROPERTY = "alphaweave.cache.dir";

    private CacheDirectory() {}

    /** @return the cache directory (it may not exist yet) */
    static Path resolve() {
        String dir = System.getProperty(PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".alphaweave");
    }
}
