package io.alphaweave.platform.registry;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the plugins directory on a daemon thread and asks the registry to rescan it once a burst
 * of file events has been quiet for {@link #QUIET_MILLIS} (so a JAR still being copied is not read
 * half-written), and in any case every {@link #RESCAN_SECONDS} s (file systems whose watch service
 * misses events).
 */
final class PluginDirectoryWatcher implements AutoCloseable {
    static final long QUIET_MILLIS = 150;
    static final long RESCAN_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(PluginDirectoryWatcher.class);

    private final Path directory;
    private final Runnable rescan;
    private final WatchService service;
    private final Thread thread;
    private volatile boolean running = true;

    PluginDirectoryWatcher(Path directory, Runnable rescan) {
        this.directory = directory;
        this.rescan = rescan;
        try {
            this.service = FileSystems.getDefault().newWatchService();
            directory.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new PluginLoadException("cannot watch the plugins directory " + directory + ": " + e.getMessage(), e);
        }
        this.thread =
                Thread.ofPlatform().daemon().name("alphaweave-plugin-watcher").unstarted(this::run);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                WatchKey key = service.poll(RESCAN_SECONDS, TimeUnit.SECONDS);
                if (key != null) {
                    drain(key);
                    // wait for the burst to end: a copy produces many MODIFY events
                    for (WatchKey more; (more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null; ) {
                        drain(more);
                    }
                }
                if (running) {
                    rescanSafely();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop quietly
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    private void rescanSafely() {
        try {
            rescan.run();
        } catch (RuntimeException e) {
            // one bad scan (e.g. the directory briefly unreadable) must not stop watching
            log.warn("rescanning plugins directory {} failed: {}", directory, ComponentRegistry.describe(e), e);
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            service.close();
        } catch (IOException e) {
            log.debug("closing the watch service of {} failed", directory, e);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
