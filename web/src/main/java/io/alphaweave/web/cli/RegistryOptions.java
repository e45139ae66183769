package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
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
 * plus the definition files (YAML/JavaScript) of the workspace's definitions directories (the shipped
 * or {@code --definitions} one, plus the user's own {@code <home>/strategies}), every strategy
 * checked for lookahead. Definition files are loaded and checked in parallel; passes of the lookahead
 * check are remembered by content hash in the workspace's lookahead cache, so unchanged files cost
 * only their loading on later calls. Directories come from the {@link Workspace}.
 */
final class RegistryOptions {
    /** System property naming the directory of the lookahead cache file (see {@link Workspace}). */
    static final String CACHE_PROPERTY = Workspace.CACHE_PROPERTY;

    private static final Map<String, ComponentKind> FOLDERS = Map.of(
            "strategies", ComponentKind.STRATEGY,
            "combiners", ComponentKind.COMBINER,
            "allocators", ComponentKind.ALLOCATOR);

    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "Plugins directory (default: $" + Workspace.PLUGINS_ENV + ", else <alphaweave home>/"
                    + ComponentRegistry.PLUGINS_DIR_NAME + ").")
    Path plugins;

    @Option(
            names = "--definitions",
            paramLabel = "DIR",
            description = "Definition files (YAML/JavaScript) to load: DIR itself and DIR/{strategies,combiners,"
                    + "allocators} (default: $" + Workspace.DEFINITIONS_ENV
                    + ", else <alphaweave home>/strategies-yaml);"
                    + " ~/.alphaweave/strategies is always loaded too.")
    Path definitions;

    /** @return the workspace of this command: these flags over the system's properties and environment */
    Workspace workspace() {
        return Workspace.fromSystem(
                Workspace.Overrides.none().withPlugins(plugins).withDefinitions(definitions));
    }

    /** @return a registry over the workspace's plugins and definitions directories, loaded now and not watching; close it */
    ComponentRegistry open() {
        return open(workspace());
    }

    /**
     * @param workspace the directories
     * @return a registry over its plugins and definitions directories, loaded now and not watching; close it
     */
    static ComponentRegistry open(Workspace workspace) {
        ComponentValidator validator = LookaheadCheck.synthetic().cachedIn(workspace.lookaheadCache());
        ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(workspace.pluginsDirectory())
                .validator(validator)
                .build();
        try {
            for (Path defs : workspace.definitionsDirectories()) {
                loadDefinitions(defs, registry, validator);
            }
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private record Outcome(Path file, ComponentKind kind, ComponentSource source, Object component, String error) {}

    /** Loads and checks every definition file in parallel, then registers them in file order. */
    private static void loadDefinitions(Path dir, ComponentRegistry registry, ComponentValidator validator) {
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
        DefinitionLoader loader = DefinitionLoader.shared();
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

    private static Outcome loadOne(Path file, DefinitionLoader loader, ComponentValidator validator) {
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
