package io.alphaweave.platform.registry;

import io.alphaweave.api.ComponentKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginDependency;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * The PF4J side of the registry: loads, starts and unloads the JARs of one directory and feeds
 * their extensions to the registry. Every method runs with the registry's lock held, because PF4J's
 * plugin manager is not thread-safe.
 */
final class PluginHost implements AutoCloseable {
    private final Path directory;
    private final ComponentRegistry registry;
    private final JarPluginManager manager;
    private final Map<Path, JarState> jars = new LinkedHashMap<>();

    PluginHost(Path directory, ComponentRegistry registry) {
        this.directory = directory;
        this.registry = registry;
        this.manager = new JarPluginManager(directory);
    }

    Path directory() {
        return directory;
    }

    List<PluginStatus> statuses() {
        return jars.values().stream()
                .sorted((a, b) -> a.jar.getFileName()
                        .toString()
                        .compareTo(b.jar.getFileName().toString()))
                .map(JarState::status)
                .toList();
    }

    /** Loads new JARs, reloads changed ones, unloads removed ones, retries those waiting for a dependency. */
    void reconcile() {
        Map<Path, Stamp> present = listJars();
        for (Path jar : new ArrayList<>(jars.keySet())) {
            Stamp now = present.get(jar);
            if (now == null || !now.equals(jars.get(jar).stamp)) {
                unload(jar);
                jars.remove(jar);
            }
        }
        for (Map.Entry<Path, Stamp> e : present.entrySet()) {
            if (!jars.containsKey(e.getKey())) {
                load(e.getKey(), e.getValue());
            }
        }
        retryWaiting();
    }

    /** Copies a validated plugin JAR into the directory and loads it; rolls back if it fails. */
    PluginStatus install(Path source) {
        Path jar = source.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new PluginLoadException("cannot install " + source + ": no such file");
        }
        Descriptor d = Descriptor.read(jar);
        String fileName = jar.getFileName().toString();
        // only *.jar files are scanned: a plugin shipped as e.g. .zip is installed under a .jar name
        Path target = directory.resolve(fileName.endsWith(".jar") ? fileName : fileName + ".jar");
        if (target.equals(jar)) {
            reconcile();
            return requireStarted(target);
        }
        reconcile();
        JarState occupant = jars.get(target);
        if (occupant != null && !occupant.pluginId.equals(d.id)) {
            throw new PluginLoadException("cannot install " + source + ": " + target + " already holds plugin \""
                    + occupant.pluginId + "\"; rename the JAR");
        }
        // a JAR of the same plugin under another name is replaced (an upgrade); kept aside until the new one starts
        List<Path> replaced = new ArrayList<>();
        for (JarState st : jars.values()) {
            if (st.pluginId.equals(d.id) && !st.jar.equals(target)) {
                replaced.add(st.jar);
            }
        }
        if (occupant != null) {
            replaced.add(target);
        }
        Map<Path, Path> backups = new LinkedHashMap<>();
        try {
            for (Path old : replaced) {
                Path backup = old.resolveSibling("." + old.getFileName() + ".replaced");
                Files.move(old, backup, StandardCopyOption.REPLACE_EXISTING);
                backups.put(old, backup);
            }
            Path part = directory.resolve("." + target.getFileName() + ".part");
            Files.copy(jar, part, StandardCopyOption.REPLACE_EXISTING);
            moveAtomically(part, target);
        } catch (IOException e) {
            restore(backups);
            throw new PluginLoadException("cannot copy " + source + " into " + directory + ": " + e.getMessage(), e);
        }
        reconcile();
        JarState st = jars.get(target);
        if (st == null || st.state != PluginStatus.State.STARTED) {
            String reason = st == null ? "it was not picked up" : st.error;
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                reason += " (and removing the copy failed: " + e.getMessage() + ")";
            }
            restore(backups);
            reconcile();
            throw new PluginLoadException("plugin " + jar.getFileName() + " was not installed: " + reason);
        }
        for (Path backup : backups.values()) {
            try {
                Files.deleteIfExists(backup);
            } catch (IOException e) {
                throw new UncheckedIOException("installed, but cannot delete " + backup, e);
            }
        }
        return st.status();
    }

    /**
     * Moves a staged JAR that passed every static check into the directory under {@code fileName},
     * loads and starts it, and keeps it only if it started and every component it brought registered;
     * otherwise unloads and deletes it again, so that nothing half-installed remains.
     */
    PluginStatus installStaged(Path staged, String fileName, String pluginId) {
        reconcile();
        for (JarState st : jars.values()) {
            if (st.pluginId.equals(pluginId)) {
                throw new PluginRejectedException(
                        PluginRejectedException.Reason.ID_CLASH,
                        "a plugin with id \"" + pluginId + "\" is already installed (" + st.jar.getFileName()
                                + "); uninstall it first or give the new plugin another Plugin-Id");
            }
        }
        Path target = directory.resolve(fileName);
        if (Files.exists(target) || jars.containsKey(target)) {
            throw new PluginRejectedException(
                    PluginRejectedException.Reason.ID_CLASH,
                    "the plugins directory already holds a file named " + fileName + "; uninstall it first");
        }
        try {
            moveAtomically(staged, target);
        } catch (IOException e) {
            throw new PluginLoadException(
                    "cannot move the checked JAR into the plugins directory: " + e.getMessage(), e);
        }
        reconcile();
        JarState st = jars.get(target);
        String failure = null;
        PluginRejectedException.Reason reason = PluginRejectedException.Reason.START_FAILED;
        if (st == null) {
            failure = "the plugins directory did not pick it up";
        } else if (st.state != PluginStatus.State.STARTED) {
            failure = st.error;
        } else if (!st.error.isEmpty() || !st.componentErrors.isEmpty()) {
            reason = PluginRejectedException.Reason.COMPONENT_FAILED;
            List<String> all = new ArrayList<>();
            if (!st.error.isEmpty()) {
                all.add(st.error);
            }
            all.addAll(st.componentErrors);
            failure = String.join("; ", all);
        } else if (st.components.isEmpty()) {
            reason = PluginRejectedException.Reason.COMPONENT_FAILED;
            failure = "plugin \"" + pluginId + "\" registered no strategy, combiner or allocator";
        }
        if (failure == null) {
            return st.status();
        }
        if (st != null) {
            unload(target);
            jars.remove(target);
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            failure += " (and removing it failed: " + e.getMessage() + ")";
        }
        reconcile();
        throw new PluginRejectedException(reason, failure.replace(target.toString(), fileName));
    }

    /**
     * Stops and unloads the plugin with this id and deletes its JAR; its components leave the registry.
     *
     * @throws UnknownPluginException if no JAR of the directory has that id
     */
    PluginStatus uninstall(String pluginId) {
        reconcile();
        JarState found = null;
        for (JarState st : jars.values()) {
            if (st.pluginId.equals(pluginId)) {
                found = st;
                break;
            }
        }
        if (found == null) {
            throw new UnknownPluginException(
                    pluginId,
                    jars.values().stream().map(j -> j.pluginId).sorted().toList());
        }
        PluginStatus before = found.status();
        unload(found.jar);
        jars.remove(found.jar);
        try {
            Files.deleteIfExists(found.jar);
        } catch (IOException e) {
            reconcile();
            throw new PluginLoadException(
                    "plugin \"" + pluginId + "\" was stopped but its JAR cannot be deleted: " + e.getMessage(), e);
        }
        reconcile();
        return before;
    }

    private PluginStatus requireStarted(Path jar) {
        JarState st = jars.get(jar);
        if (st == null || st.state != PluginStatus.State.STARTED) {
            throw new PluginLoadException("plugin " + jar.getFileName() + " did not start: "
                    + (st == null ? "it is not a *.jar in " + directory : st.error));
        }
        return st.status();
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void restore(Map<Path, Path> backups) {
        backups.forEach((original, backup) -> {
            try {
                moveAtomically(backup, original);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore " + original + " from " + backup, e);
            }
        });
    }

    @Override
    public void close() {
        // unloadPlugins, not stopPlugins: the latter throws ConcurrentModificationException (pf4j #656)
        manager.unloadPlugins();
        for (JarState st : jars.values()) {
            if (st.source != null) {
                registry.removeOriginLocked(st.source);
            }
        }
        jars.clear();
    }

    // ---------------------------------------------------------------- loading

    private Map<Path, Stamp> listJars() {
        Map<Path, Stamp> out = new TreeMap<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, "*.jar")) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(".")) {
                    continue; // in-progress copies and backups
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        out.put(
                                p.toAbsolutePath().normalize(),
                                new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (NoSuchFileException e) {
                    // removed between listing and reading: not present
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugins directory " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    private void load(Path jar, Stamp stamp) {
        JarState st = new JarState(jar, stamp);
        jars.put(jar, st);
        try {
            st.sha256 = ContentHash.sha256(jar);
        } catch (UncheckedIOException e) {
            st.fail("cannot read " + jar + ": " + e.getCause().getMessage());
            return;
        }
        Descriptor d;
        try {
            d = Descriptor.read(jar);
        } catch (PluginLoadException e) {
            st.fail(e.getMessage());
            return;
        }
        st.pluginId = d.id;
        st.version = d.version;
        st.requires = d.requires;
        PluginWrapper existing = manager.getPlugin(d.id);
        if (existing != null) {
            st.fail("plugin \"" + d.id + "\" in " + jar + " is already loaded from " + existing.getPluginPath()
                    + "; remove one of the two JARs");
            return;
        }
        List<String> missing = missingDependencies(d.requires);
        if (!missing.isEmpty()) {
            st.waitingForDependency = true;
            st.fail("plugin \"" + d.id + "\" depends on plugin(s) " + missing
                    + " which are not loaded; put their JARs into " + directory);
            return;
        }
        String id;
        try {
            id = manager.loadPlugin(jar);
        } catch (RuntimeException | LinkageError e) {
            forget(d.id, jar);
            st.fail("PF4J cannot load plugin \"" + d.id + "\" from " + jar + ": " + ComponentRegistry.describe(e));
            return;
        }
        PluginState state;
        try {
            state = manager.startPlugin(id);
        } catch (RuntimeException | LinkageError e) {
            forget(id, jar);
            st.fail("start() of plugin \"" + id + "\" threw " + ComponentRegistry.describe(e));
            return;
        }
        if (state != PluginState.STARTED) {
            PluginWrapper w = manager.getPlugin(id);
            Throwable failure = w == null ? null : w.getFailedException();
            forget(id, jar);
            st.fail("plugin \"" + id + "\" did not start (state " + state + ")"
                    + (failure == null ? "" : ": start() threw " + ComponentRegistry.describe(failure)));
            return;
        }
        st.state = PluginStatus.State.STARTED;
        st.source = new ComponentSource(ComponentSource.Type.PLUGIN, id, jar.toString(), d.version, st.sha256);
        registerExtensions(st, id);
    }

    private void registerExtensions(JarState st, String pluginId) {
        ClassLoader loader = manager.getPluginClassLoader(pluginId);
        List<String> errors = new ArrayList<>();
        Set<String> classNames;
        try {
            classNames = manager.getExtensionClassNames(pluginId);
        } catch (RuntimeException e) {
            st.error = "cannot read the extension index of " + st.jar + ": " + ComponentRegistry.describe(e);
            return;
        }
        if (classNames == null || classNames.isEmpty()) {
            st.error = "plugin \"" + pluginId + "\" declares no extensions (META-INF/extensions.idx is missing or"
                    + " empty: annotate classes with @Extension and build with the PF4J annotation processor)";
            return;
        }
        for (String className : new java.util.TreeSet<>(classNames)) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                errors.add("extension " + className + " cannot be loaded: " + ComponentRegistry.describe(e));
                continue;
            }
            ComponentKind kind = ComponentRegistry.kindOf(type);
            if (kind == null) {
                continue; // an extension of some other extension point: not ours to register
            }
            Object instance;
            try {
                instance = manager.getExtensionFactory().create(type);
                Objects.requireNonNull(instance, "the extension factory returned null");
            } catch (RuntimeException | LinkageError e) {
                String reason = "extension " + className + " cannot be created: " + ComponentRegistry.describe(e);
                errors.add(reason);
                st.components.add(registry.addFailedLocked(st.source, kind, className, reason)
                        .id());
                continue;
            }
            ComponentEntry entry = registry.addLocked(st.source, instance);
            st.components.add(entry.id());
            if (!entry.isLoaded()) {
                st.componentErrors.add("component \"" + entry.id() + "\" was not registered: "
                        + entry.status().reason());
            }
        }
        st.error = String.join("; ", errors);
    }

    private List<String> missingDependencies(List<String> requires) {
        List<String> missing = new ArrayList<>();
        for (String dep : requires) {
            PluginWrapper w = manager.getPlugin(dep);
            if (w == null || w.getPluginState() != PluginState.STARTED) {
                missing.add(dep);
            }
        }
        return missing;
    }

    /** Removes a half-loaded plugin from PF4J so that it does not poison later resolutions. */
    private void forget(String pluginId, Path jar) {
        PluginWrapper w = manager.getPlugin(pluginId);
        if (w != null && jar.equals(w.getPluginPath().toAbsolutePath().normalize())) {
            try {
                manager.unloadPlugin(pluginId);
            } catch (RuntimeException e) {
                // best effort: the plugin is already recorded as failed with the first reason
            }
        }
    }

    private void unload(Path jar) {
        JarState st = jars.get(jar);
        if (st.source != null) {
            registry.removeOriginLocked(st.source);
        }
        if (st.state == PluginStatus.State.STARTED) {
            manager.unloadPlugin(st.pluginId); // PF4J also unloads the plugins that depend on it
            for (JarState other : jars.values()) {
                if (other != st
                        && other.state == PluginStatus.State.STARTED
                        && manager.getPlugin(other.pluginId) == null) {
                    registry.removeOriginLocked(other.source);
                    other.source = null;
                    other.components.clear();
                    other.waitingForDependency = true;
                    other.fail("plugin \"" + other.pluginId + "\" was unloaded because its dependency \"" + st.pluginId
                            + "\" was removed; it restarts when that plugin returns");
                }
            }
        }
    }

    private void retryWaiting() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (JarState st : new ArrayList<>(jars.values())) {
                if (st.waitingForDependency
                        && st.state == PluginStatus.State.FAILED
                        && missingDependencies(st.requires).isEmpty()) {
                    jars.remove(st.jar);
                    load(st.jar, st.stamp);
                    progress |= jars.get(st.jar).state == PluginStatus.State.STARTED;
                }
            }
        }
    }

    // ---------------------------------------------------------------- values

    private record Stamp(long size, long modifiedMillis) {}

    /** What the registry knows about one JAR; mutated only with the lock held. */
    private static final class JarState {
        final Path jar;
        final Stamp stamp;
        String sha256 = "";
        String pluginId;
        String version = "";
        List<String> requires = List.of();
        PluginStatus.State state = PluginStatus.State.FAILED;
        String error = "";
        boolean waitingForDependency;
        ComponentSource source;
        final List<String> components = new ArrayList<>();
        final List<String> componentErrors = new ArrayList<>(); // components registered as failed

        JarState(Path jar, Stamp stamp) {
            this.jar = jar;
            this.stamp = stamp;
            this.pluginId = jar.getFileName().toString();
        }

        void fail(String reason) {
            state = PluginStatus.State.FAILED;
            error = reason;
        }

        PluginStatus status() {
            return new PluginStatus(pluginId, version, jar, sha256, state, error, components);
        }
    }

    /** The PF4J descriptor of a JAR, read from its manifest with messages a user can act on. */
    record Descriptor(String id, String version, List<String> requires) {
        static Descriptor read(Path jar) {
            Manifest manifest;
            try (JarFile jf = new JarFile(jar.toFile())) {
                manifest = jf.getManifest();
            } catch (ZipException e) {
                throw new PluginLoadException(jar + " is not a JAR file (" + e.getMessage() + ")");
            } catch (IOException e) {
                throw new PluginLoadException("cannot read " + jar + ": " + e.getMessage(), e);
            }
            if (manifest == null) {
                throw new PluginLoadException(jar + " has no META-INF/MANIFEST.MF; a PF4J plugin JAR needs"
                        + " Plugin-Id and Plugin-Version in its manifest (see plugins/example-plugin)");
            }
            Attributes a = manifest.getMainAttributes();
            String id = trimmed(a.getValue("Plugin-Id"));
            String version = trimmed(a.getValue("Plugin-Version"));
            if (id.isEmpty()) {
                throw new PluginLoadException("bad plugin descriptor in " + jar + ": the manifest has no Plugin-Id;"
                        + " set <plugin.id> in the plugin module's pom (see plugins/example-plugin)");
            }
            if (version.isEmpty()) {
                throw new PluginLoadException("bad plugin descriptor in " + jar + ": the manifest of plugin \"" + id
                        + "\" has no Plugin-Version");
            }
            if (!version.matches("\\d+(\\.\\d+){0,2}([-+.][0-9A-Za-z.+-]*)?")) {
                throw new PluginLoadException("bad plugin descriptor in " + jar + ": Plugin-Version of \"" + id
                        + "\" must be a version like 1.2.3, was \"" + version + "\"");
            }
            List<String> requires = new ArrayList<>();
            String deps = trimmed(a.getValue("Plugin-Dependencies"));
            if (!deps.isEmpty()) {
                for (String dep : deps.split(",")) {
                    if (dep.isBlank()) {
                        continue;
                    }
                    PluginDependency pd = new PluginDependency(dep.strip());
                    if (!pd.isOptional()) {
                        requires.add(pd.getPluginId());
                    }
                }
            }
            return new Descriptor(id, version, List.copyOf(requires));
        }

        private static String trimmed(String s) {
            return s == null ? "" : s.strip();
        }
    }
}
