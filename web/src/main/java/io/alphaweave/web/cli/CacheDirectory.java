package io.alphaweave.web.cli;

import java.nio.file.Path;

/**
 * The user's cache directory as the {@link io.alphaweave.platform.app.Workspace} resolves it: the system
 * property {@value #PROPERTY} (the launcher sets it from {@code $ALPHAWEAVE_CACHE_DIR}), else the workspace home. Everything
 * cached there is keyed by content hash — lookahead passes, definition descriptions — so deleting it
 * only costs time.
 */
final class CacheDirectory {
    /** System property naming the cache directory. */
    static final String PROPERTY = "alphaweave.cache.dir";

    private CacheDirectory() {}

    /** @return the cache directory (it may not exist yet): the folder of the workspace's lookahead cache */
    static Path resolve() {
        return io.alphaweave.platform.app.Workspace.fromSystem(io.alphaweave.platform.app.Workspace.Overrides.none())
                .lookaheadCache()
                .getParent();
    }
}
