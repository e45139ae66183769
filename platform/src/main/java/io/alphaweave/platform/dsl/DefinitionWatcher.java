package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Hot reload of a strategies folder: every {@code .yaml}, {@code .yml}, {@code .js} and {@code .mjs}
 * file in it is loaded into the registry; a file added, changed or removed shows there within one
 * poll (default 500 ms). A broken edit — bad YAML, a schema error, a script that fails, a lookahead
 * rejected by the registry's validators — keeps the last good version registered and records the
 * error in {@link #errors()}. Polls file size, modification time and content hash, so it works on
 * every file system. Thread-safe; close it to stop polling.
 */
public final class DefinitionWatcher implements AutoCloseable {
    private final Path folder;
    private final ComponentRegistry registry;
    private final DefinitionLoader loader;
    private final Map<Path, Seen> seen = new HashMap<>();
    private final Map<Path, String> errors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;

    private record Seen(long size, long modified, String hash, ComponentSource registered) {}

    /**
     * Loads the folder once, then polls it.
     *
     * @param folder the strategies folder (created if missing)
     * @param registry where components go
     * @param loader how files become components
     * @param pollMillis poll interval, ≥ 10
     */
    public DefinitionWatcher(Path folder, ComponentRegistry registry, DefinitionLoader loader, long pollMillis) {
        this.folder = Objects.requireNonNull(folder, "folder must not be null");
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.loader = Objects.requireNonNull(loader, "loader must not be null");
        if (pollMillis < 10) {
            throw new IllegalArgumentException("pollMillis must be ≥ 10, was " + pollMillis);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new AlphaweaveException("cannot create the strategies folder " + folder + ": " + e.getMessage(), e);
        }
        scan();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alphaweave-definition-watcher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::scanQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** @return file → one-line error of the files whose latest version failed to load (sorted by path) */
    public Map<Path, String> errors() {
        return new TreeMap<>(errors);
    }

    /** Checks the folder now (the poller does this on its own). */
    public synchronized void scan() {
        Set<Path> present = new java.util.HashSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(DefinitionWatcher::isDefinition).sorted().toList()) {
                present.add(f);
                refresh(f);
            }
        } catch (IOException e) {
            errors.put(folder, "cannot list the strategies folder: " + e.getMessage());
            return;
        }
        errors.remove(folder);
        for (Path gone : List.copyOf(seen.keySet())) {
            if (!present.contains(gone)) {
                Seen s = seen.remove(gone);
                errors.remove(gone);
                if (s.registered() != null) {
                    registry.unregister(s.registered());
                }
            }
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            errors.put(folder, "watcher failed: " + e.getMessage());
        }
    }

    private void refresh(Path file) {
        long size, modified;
        try {
            size = Files.size(file);
            modified = Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return; // removed between listing and reading: the next scan unregisters it
        }
        Seen old = seen.get(file);
        if (old != null && old.size() == size && old.modified() == modified) {
            return;
        }
        ComponentSource source;
        try {
            source = ComponentSource.definition(file);
        } catch (RuntimeException e) {
            return; // unreadable for now; retried on the next poll
        }
        if (old != null && old.hash().equals(source.contentHash())) {
            seen.put(file, new Seen(size, modified, old.hash(), old.registered()));
            return;
        }
        ComponentSource registered = old == null ? null : old.registered();
        try {
            DefinitionLoader.Loaded loaded = loader.load(file);
            registry.check(source, loaded.component());
            registry.replace(source, List.of(loaded.component()));
            registered = source;
            errors.remove(file);
        } catch (DefinitionException e) {
            errors.put(
                    file,
                    e.problems().stream()
                            .map(DefinitionException.Problem::describe)
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(e.getMessage()));
        } catch (RuntimeException e) {
            errors.put(file, file.getFileName() + ": " + e.getMessage());
        }
        seen.put(file, new Seen(size, modified, source.contentHash(), registered));
    }

    private static boolean isDefinition(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p)
                && !n.startsWith(".")
                && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".js") || n.endsWith(".mjs"));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
