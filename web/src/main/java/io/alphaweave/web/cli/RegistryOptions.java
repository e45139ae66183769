package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.Workspace;
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
 * plus the definition files (YAML/JavaScript) of every definitions folder of the {@link Workspace},
 * every strategy checked for lookahead. The folders add up, none hides another: the shipped {@code
 * <alphaweave home>/strategies-yaml}, the user's own {@code <user dir>/strategies}, the folder of
 * {@code $ALPHAWEAVE_DEFINITIONS}, and each {@code --definitions DIR}; a component id defined by two
 * files is an error naming both. Definition files are loaded and checked in parallel; passes of the
 * lookahead check are remembered by content hash in the workspace's lookahead cache and the
 * descriptions of files that loaded in {@code <cache dir>/definitions/}, so an unchanged file is only
 * described on later calls and loaded (JavaScript context and all) when it is used.
 */
public final class RegistryOptions {
    /** System property naming the directory of the lookahead cache file (see {@link Workspace}). */
    static final String CACHE_PROPERTY = Workspace.CACHE_PROPERTY;
    /** System property naming the user's alphaweave directory (default {@code ~/.alphaweave}). */
    static final String USER_DIR_PROPERTY = Workspace.USER_DIR_PROPERTY;

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
            description = "One more folder of definition files (YAML/JavaScript): DIR itself and DIR/{strategies,"
                    + "combiners,allocators}; repeatable. Adds to the shipped <alphaweave home>/strategies-yaml and"
                    + " your own ~/.alphaweave/strategies (or $" + Workspace.HOME_ENV + "/strategies) and $"
                    + Workspace.DEFINITIONS_ENV + "; an id defined twice is an error.")
    List<Path> definitions = new ArrayList<>();

    /** @return the workspace of this command: these flags over the system's properties and environment */
    Workspace workspace() {
        return Workspace.fromSystem(
                Workspace.Overrides.none().withPlugins(plugins).withDefinitions(definitions));
    }

    /**
     * @param databaseUrl {@code --db}, or null for the default
     * @return the workspace of this command with this store URL
     */
    public Workspace workspace(String databaseUrl) {
        return Workspace.fromSystem(Workspace.Overrides.none()
                .withPlugins(plugins)
                .withDefinitions(definitions)
                .withDatabase(databaseUrl));
    }

    /**
     * For commands about plugin JARs only, where definition files change nothing.
     *
     * @param command the command, for the message
     * @throws AlphaweaveException when {@code --definitions} was given
     */
    void rejectDefinitions(String command) {
        if (!definitions.isEmpty()) {
            throw new AlphaweaveException("--definitions does not apply to " + command
                    + ", which shows plugin JARs only; to list definitions run alphaweave strategies list --definitions "
                    + definitions.get(0));
        }
    }

    /**
     * For an unknown component id: where this command looked and how to add one (one line, no newline).
     *
     * @return e.g. {@code looked in plugins dir X and definitions dirs A (shipped), B (yours, absent); to add one ...}
     */
    String whereLooked() {
        Workspace w;
        try {
            w = workspace();
        } catch (AlphaweaveException e) {
            return "";
        }
        List<String> defs = w.definitionFolders().stream()
                .map(d -> d.path() + " (" + d.origin() + (d.exists() ? "" : ", absent") + ")")
                .toList();
        return "looked in the plugins directory " + w.pluginsDirectory() + " and the definitions directories "
                + String.join(", ", defs) + "; to add one, put a .yaml or .js definition into "
                + w.userDefinitionsDirectory() + " (or pass --definitions DIR), or a plugin JAR into "
                + w.pluginsDirectory() + " (alphaweave plugins install JAR)";
    }

    private static Path canonical(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : p.toAbsolutePath().normalize();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** @return a registry over the workspace's plugins and definitions directories, loaded now and not watching; close it */
    ComponentRegistry open() {
        return open(workspace());
    }

    /**
     * @param workspace the directories
     * @return a registry over its plugins and definitions directories, loaded now and not watching; close it
     */
    public static ComponentRegistry open(Workspace workspace) {
        ComponentValidator validator = LookaheadCheck.synthetic().cachedIn(workspace.lookaheadCache());
        ComponentRegistry registry = ComponentRegistry.builder()
                .pluginsDirectory(workspace.pluginsDirectory())
                .validator(validator)
                .build();
        try {
            loadDefinitions(
                    workspace.definitionsDirectories(),
                    registry,
                    validator,
                    new DescribedDefinitions(workspace.lookaheadCache().getParent(), DefinitionLoader::shared));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private record Outcome(
            Path file, ComponentKind kind, String id, ComponentSource source, Object component, String error) {}

    /**
     * Loads and checks every definition file of the directories in parallel, then registers them in
     * directory and file order; an id defined by two files is an error naming both.
     */
    private static void loadDefinitions(
            List<Path> dirs, ComponentRegistry registry, ComponentValidator validator, DescribedDefinitions loader) {
        // a file reached twice (e.g. DIR and DIR/strategies both given) is one definition, not a duplicate
        Map<Path, Path> byCanonical = new java.util.LinkedHashMap<>();
        for (Path dir : dirs) {
            List<Path> found = new ArrayList<>(list(dir));
            for (String folder : List.of("strategies", "combiners", "allocators")) {
                Path sub = dir.resolve(folder);
                if (Files.isDirectory(sub)) {
                    found.addAll(list(sub));
                }
            }
            found.forEach(f -> byCanonical.putIfAbsent(canonical(f), f));
        }
        List<Path> files = new ArrayList<>(byCanonical.values());
        if (files.isEmpty()) {
            return;
        }
        String where = String.join(", ", dirs.stream().map(Path::toString).toList());
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
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> fut : futures) {
                outcomes.add(fut.get());
            }
            rejectDuplicates(outcomes);
            for (Outcome o : outcomes) {
                if (o.error() != null) {
                    String stem = o.file().getFileName().toString().replaceFirst("\\.[^.]+$", "");
                    registry.registerFailure(o.source(), o.kind(), stem, o.error());
                } else {
                    registry.register(o.source(), o.component());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlphaweaveException("interrupted while loading definitions from " + where, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re
                    ? re
                    : new AlphaweaveException("loading definitions from " + where + " failed: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Two files defining the same kind and id: which one counts would be an accident of load order. */
    private static void rejectDuplicates(List<Outcome> outcomes) {
        Map<String, Path> first = new java.util.HashMap<>();
        for (Outcome o : outcomes) {
            if (o.id() == null) {
                continue;
            }
            String kind = o.kind().name().toLowerCase(Locale.ROOT);
            Path before = first.putIfAbsent(kind + " " + o.id(), o.file());
            if (before != null) {
                throw new AlphaweaveException("duplicate " + kind + " id \"" + o.id() + "\": defined in " + before
                        + " and in " + o.file() + "; definitions folders add up and never replace each other, so"
                        + " give one of them another id or remove one file");
            }
        }
    }

    private static Outcome loadOne(Path file, DescribedDefinitions loader, ComponentValidator validator) {
        String folder = file.getParent() == null
                ? ""
                : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
        ComponentKind kind = FOLDERS.getOrDefault(folder, ComponentKind.STRATEGY);
        ComponentSource source = ComponentSource.definition(file);
        String id = null; // known once the file parses, also when a later check fails
        try {
            DefinitionLoader.Loaded loaded = loader.load(file);
            kind = loaded.kind();
            id = loaded.id();
            // the registry runs the validator again on register; the cache makes that free for passes
            validator.validate(loaded.component(), loaded.info(), source);
            return new Outcome(file, kind, loaded.id(), source, loaded.component(), null);
        } catch (DefinitionException e) {
            String reason = e.problems().stream()
                    .map(DefinitionException.Problem::describe)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(e.getMessage());
            return new Outcome(file, kind, null, source, null, reason);
        } catch (RuntimeException e) {
            String msg = e.getMessage();
            return new Outcome(
                    file, kind, id, source, null, msg == null ? e.getClass().getSimpleName() : msg);
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
