package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.dsl.DescribedDefinitions;
import io.alphaweave.platform.dsl.LookaheadCheck;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.registry.ComponentValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins DIR} and {@code --definitions DIR} options of commands that open the
 * component registry, and the one place that builds the registry for a CLI command: the plugin JARs
 * plus the definition files (YAML/JavaScript) of the definitions directory, every strategy checked
 * for lookahead. Definition files are loaded and checked in parallel; passes of the lookahead check
 * are remembered by content hash in {@code <cache dir>/lookahead-passed.txt} and the descriptions of
 * files that loaded in {@code <cache dir>/definitions/} ({@link CacheDirectory}), so an unchanged
 * file is only described on later calls and loaded (JavaScript context and all) when it is used.
 */
final class RegistryOptions {
    /** Environment variable naming the definitions directory. */
    static final String DEFINITIONS_ENV = "ALPHAWEAVE_DEFINITIONS";
    /** System property naming the cache directory (lookahead passes, definition descriptions). */
    static final String CACHE_PROPERTY = CacheDirectory.PROPERTY;

    private static final Map<String, ComponentKind> FOLDERS = Map.of(
            "strategies", ComponentKind.STRATEGY,
            "combiners", ComponentKind.COMBINER,
            "allocators", ComponentKind.ALLOCATOR);

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "Plugins directory (default: $" + ComponentRegistry.PLUGINS_ENV + ", else <alphaweave home>/"
                    + ComponentRegistry.PLUGINS_DIR_NAME + ").")
    Path plugins;

    @Option(
            names = "--definitions",
            paramLabel = "DIR",
            description = "Definition files (YAML/JavaScript) to load: DIR itself and DIR/{strategies,combiners,"
                    + "allocators} (default: $" + DEFINITIONS_ENV + ", else <alphaweave home>/strategies-yaml).")
    Path definitions;

    /** @return the plugins directory this command uses */
    Path pluginsDirectory() {
        if (plugins != null) {
            if (!Files.isDirectory(plugins)) {
                throw new AlphaweaveException("plugins directory " + plugins
                        + " (--plugins) does not exist or is not a directory; create it or fix the path");
            }
            return plugins;
        }
        return ComponentRegistry.defaultPluginsDirectory();
    }

    /** @return the definitions directory this command uses, or null when there is none */
    Path definitionsDirectory() {
        if (definitions != null) {
            if (!Files.isDirectory(definitions)) {
                throw new AlphaweaveException("definitions directory " + definitions
                        + " (--definitions) does not exist or is not a directory; create it or fix the path");
            }
            return definitions;
        }
        String env = System.getenv(DEFINITIONS_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isDirectory(p)) {
                throw new AlphaweaveException("definitions directory " + p + " ($" + DEFINITIONS_ENV
                        + ") does not exist or is not a directory; create it or fix the variable");
            }
            return p;
        }
        String home = System.getProperty(ComponentRegistry.HOME_PROPERTY);
        Path p = home != null && !home.isBlank() ? Path.of(home, "strategies-yaml") : Path.of("strategies-yaml");
        return Files.isDirectory(p) ? p : null;
    }

    /** @return a registry over the plugins and definitions directories, loaded now and not watching; close it */
    ComponentRegistry open() {
        Path cacheDir = CacheDirectory.resolve();
        ComponentValidator validator = LookaheadCheck.synthetic().cachedIn(cacheDir.resolve("lookahead-passed.txt"));
        Path defs = definitionsDirectory();
        ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(pluginsDirectory())
                .validator(validator)
                .build();
        if (defs != null) {
            try {
                loadDefinitions(
                        defs, registry, validator, new DescribedDefinitions(cacheDir, DefinitionLoader::shared));
            } catch (RuntimeException e) {
                registry.close();
                throw e;
            }
        }
        return registry;
    }

    private record Outcome(Path file, ComponentKind kind, ComponentSource source, Object component, String error) {}

    /** Loads and checks every definition file in parallel, then registers them in file order. */
    private static void loadDefinitions(
            Path dir, ComponentRegistry registry, ComponentValidator validator, DescribedDefinitions loader) {
        List<Path> files = new ArrayList<>(list(dir));
        for (String folder : List.of("strategies", "combiners", "allocators")) {
            Path sub = dir.resolve(folder);
            if (Files.isDirectory(sub)) {
                files.addAll(list(sub));
            }
        }
        if (files.isEmpty()) {
            return;
        }
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "alphaweave-definition-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Path f : files) {
                futures.add(pool.submit(() -> loadOne(f, loader, validator)));
            }
            for (Future<Outcome> fut : futures) {
                Outcome o = fut.get();
                if (o.error() != null) {
                    String stem = o.file().getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    registry.registerFailure(o.source(), o.kind(), stem, o.error());
                } else {
                    registry.register(o.source(), o.component());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlphaweaveException("interrupted while loading definitions from " + dir, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re
                    ? re
                    : new AlphaweaveException("loading definitions from " + dir + " failed: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome loadOne(Path file, DescribedDefinitions loader, ComponentValidator validator) {
        String folder = file.getParent() == null
                ? ""
                : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
        ComponentKind kind = FOLDERS.getOrDefault(folder, ComponentKind.STRATEGY);
        ComponentSource source = ComponentSource.definition(file);
        try {
            DefinitionLoader.Loaded loaded = loader.load(file);
            kind = loaded.kind();
            // the registry runs the validator again on register; the cache makes that free for passes
            validator.validate(loaded.component(), loaded.info(), source);
            return new Outcome(file, kind, source, loaded.component(), null);
        } catch (DefinitionException e) {
            String reason = e.problems().stream()
                    .map(DefinitionException.Problem::describe)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(e.getMessage());
            return new Outcome(file, kind, source, null, reason);
        } catch (RuntimeException e) {
            String msg = e.getMessage();
            return new Outcome(
                    file, kind, source, null, msg == null ? e.getClass().getSimpleName() : msg);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                        return Files.isRegularFile(p)
                                && !n.startsWith(".")
                                && (n.endsWith(".yaml")
                                        || n.endsWith(".yml")
                                        || n.endsWith(".js")
                                        || n.endsWith(".mjs"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AlphaweaveException("cannot list definitions directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
