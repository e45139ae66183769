package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import io.alphaweave.api.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one registry of strategies, signal combiners and capital allocators, whatever their source: PF4J
 * plugin JARs in a plugins directory, YAML/JavaScript definitions (registered by the definition
 * loader through {@link #register}/{@link #replace}/{@link #unregister}), or Java objects.
 *
 * <p><b>Plugins.</b> With a {@linkplain Builder#pluginsDirectory plugins directory}, every {@code
 * *.jar} in it (hidden files excepted) is loaded and started when the registry is built, in file
 * name order; with {@linkplain Builder#watchPlugins watching} on, a JAR added later is loaded and
 * started, a changed JAR is reloaded and a removed JAR is unloaded, within about a second. The
 * application's default directory is {@link #defaultPluginsDirectory()}. A broken plugin (not a JAR,
 * bad descriptor, missing dependency, {@code start()} throws, an extension that cannot be created)
 * is recorded as failed with its reason in {@link #plugins()}; everything else keeps working. Plugins
 * are unloaded with PF4J's {@code unloadPlugin} (never {@code stopPlugins}, pf4j #656), which closes
 * the plugin's class loader: an instance obtained before its JAR was removed keeps running code that
 * is already loaded but may fail on a class it has not loaded yet, so look components up per run.
 *
 * <p><b>Ids and duplicates.</b> Ids are unique per kind. When two sources provide the same kind and
 * id, <em>the first registered keeps it</em> and the later one is recorded as a failed entry whose
 * reason is a {@link DuplicateComponentException} message naming both sources; the registry never
 * fails as a whole. When the first is unregistered, the next duplicate in registration order takes
 * over. At start, plugins register in JAR file name order.
 *
 * <p><b>Validation.</b> Every component passes the built-in checks ({@code describe()} answers, its
 * kind matches the interface, {@code id()} equals {@code describe().id()}) and then every {@link
 * ComponentValidator}; a failure records the entry as failed with the reason.
 *
 * <p><b>Thread safety.</b> Lookups and listings read an immutable snapshot and never block, also
 * while plugins are being reloaded; changes are serialised by one lock and published atomically.
 * Listeners run on the changing thread after the change is visible.
 */
public final class ComponentRegistry implements AutoCloseable {
    /** Environment variable naming the plugins directory; overrides the default. */
    public static final String PLUGINS_ENV = "ALPHAWEAVE_PLUGINS";
    /** System property naming the plugins directory; overrides the environment variable. */
    public static final String PLUGINS_PROPERTY = "alphaweave.plugins";
    /** System property the launcher sets to the installation (repository) root. */
    public static final String HOME_PROPERTY = "alphaweave.home";
    /** Name of the default plugins directory under the installation root. */
    public static final String PLUGINS_DIR_NAME = "plugins-dist";

    private static final Logger log = LoggerFactory.getLogger(ComponentRegistry.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final List<ComponentValidator> validators;
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Registration> registrations = new ArrayList<>(); // guarded by lock
    private final PluginHost pluginHost; // null without a plugins directory
    private final PluginDirectoryWatcher watcher; // null unless watching
    private long sequence; // guarded by lock
    private volatile Snapshot snapshot = Snapshot.EMPTY;
    private volatile boolean closed;

    private ComponentRegistry(Builder b) {
        this.validators = List.copyOf(b.validators);
        this.listeners.addAll(b.listeners);
        if (b.pluginsDirectory != null) {
            Path dir = b.pluginsDirectory.toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new PluginLoadException("cannot create the plugins directory " + dir + ": " + e.getMessage(), e);
            }
            this.pluginHost = new PluginHost(dir, this);
            mutate(() -> {
                pluginHost.reconcile();
                return null;
            });
            this.watcher = b.watch ? new PluginDirectoryWatcher(dir, this::rescanPlugins) : null;
        } else {
            this.pluginHost = null;
            this.watcher = null;
        }
    }

    /** @return a builder; without options it builds an empty registry with no plugins */
    public static Builder builder() {
        return new Builder();
    }

    /** @return an empty registry without plugins, validators or listeners (tests, embedding) */
    public static ComponentRegistry empty() {
        return builder().build();
    }

    /**
     * The application's plugins directory: the system property {@value #PLUGINS_PROPERTY}, else the
     * environment variable {@value #PLUGINS_ENV}, else {@code <alphaweave.home>/plugins-dist} (the
     * launcher sets {@value #HOME_PROPERTY} to the repository root, and the build copies every plugin
     * module's JAR there), else {@code ./plugins-dist}.
     *
     * @return the directory (it may not exist yet)
     */
    public static Path defaultPluginsDirectory() {
        return defaultPluginsDirectory(System.getenv(), System.getProperties());
    }

    static Path defaultPluginsDirectory(Map<String, String> env, java.util.Properties props) {
        String explicit = props.getProperty(PLUGINS_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String fromEnv = env.get(PLUGINS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String home = props.getProperty(HOME_PROPERTY);
        return home != null && !home.isBlank() ? Path.of(home, PLUGINS_DIR_NAME) : Path.of(PLUGINS_DIR_NAME);
    }

    // ---------------------------------------------------------------- lookups

    /**
     * @param id a strategy id
     * @return the loaded strategy (unconfigured; call {@link Strategy#configure})
     * @throws UnknownComponentException naming the id, the closest known id and all known ids
     * @throws ComponentFailedException when a strategy with that id is registered but failed
     */
    public Strategy strategy(String id) {
        return (Strategy) require(ComponentKind.STRATEGY, id);
    }

    /**
     * @param id a combiner id
     * @return the loaded combiner (unconfigured)
     * @throws UnknownComponentException naming the id, the closest known id and all known ids
     * @throws ComponentFailedException when a combiner with that id is registered but failed
     */
    public SignalCombiner combiner(String id) {
        return (SignalCombiner) require(ComponentKind.COMBINER, id);
    }

    /**
     * @param id an allocator id
     * @return the loaded allocator (unconfigured)
     * @throws UnknownComponentException naming the id, the closest known id and all known ids
     * @throws ComponentFailedException when an allocator with that id is registered but failed
     */
    public CapitalAllocator allocator(String id) {
        return (CapitalAllocator) require(ComponentKind.ALLOCATOR, id);
    }

    /**
     * @param kind a kind
     * @param id an id
     * @return the loaded component of that kind and id ({@link Strategy}, {@link SignalCombiner} or
     *     {@link CapitalAllocator})
     * @throws UnknownComponentException naming the id, the closest known id and all known ids
     * @throws ComponentFailedException when it is registered but failed
     */
    public Object component(ComponentKind kind, String id) {
        return require(kind, id);
    }

    private Object require(ComponentKind kind, String id) {
        Objects.requireNonNull(id, "id must not be null");
        Snapshot s = snapshot;
        Registration r = s.active.get(new Key(kind, id));
        if (r != null) {
            return r.component;
        }
        for (ComponentEntry e : s.entries) {
            if (e.kind() == kind && e.id().equals(id)) {
                throw new ComponentFailedException(kind.name().toLowerCase(Locale.ROOT) + " \"" + id + "\" from "
                        + e.source().describe() + " is not available: "
                        + e.status().reason());
            }
        }
        List<String> known = ids(kind);
        throw new UnknownComponentException(kind, id, known, IdSuggestion.closest(id, known));
    }

    /**
     * @param kind a kind
     * @param id an id
     * @return the entry resolvable under that id, else the first failed entry with it, else empty
     */
    public Optional<ComponentEntry> entry(ComponentKind kind, String id) {
        Snapshot s = snapshot;
        Registration r = s.active.get(new Key(kind, id));
        if (r != null) {
            return Optional.of(s.statusOf(r));
        }
        return s.entries.stream()
                .filter(e -> e.kind() == kind && e.id().equals(id))
                .findFirst();
    }

    /** @return every entry, loaded and failed, sorted by kind then id then registration order */
    public List<ComponentEntry> entries() {
        return snapshot.entries;
    }

    /**
     * @param kind a kind
     * @return the entries of that kind, loaded and failed, sorted by id
     */
    public List<ComponentEntry> entries(ComponentKind kind) {
        return snapshot.entries.stream().filter(e -> e.kind() == kind).toList();
    }

    /**
     * @param kind a kind
     * @return the ids of loaded components of that kind, sorted
     */
    public List<String> ids(ComponentKind kind) {
        return snapshot.active.keySet().stream()
                .filter(k -> k.kind == kind)
                .map(k -> k.id)
                .sorted()
                .toList();
    }

    /** @return every JAR of the plugins directory with its state, sorted by file name; empty without one */
    public List<PluginStatus> plugins() {
        return snapshot.plugins;
    }

    /** @return the plugins directory, if this registry has one */
    public Optional<Path> pluginsDirectory() {
        return Optional.ofNullable(pluginHost).map(PluginHost::directory);
    }

    // ---------------------------------------------------------------- registration API

    /**
     * Registers one component. Never throws for a bad component: a component that fails {@code
     * describe()}, the built-in checks or a validator, or whose id is taken, is recorded as failed
     * and returned as such.
     *
     * @param source where it comes from
     * @param component a {@link Strategy}, {@link SignalCombiner} or {@link CapitalAllocator}
     * @return the new entry, loaded or failed
     * @throws AlphaweaveException when {@code component} implements none of the three interfaces
     */
    public ComponentEntry register(ComponentSource source, Object component) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(component, "component must not be null");
        return mutate(() -> addLocked(source, component));
    }

    /**
     * Atomically removes every entry of {@code source}'s origin (same type and location) and
     * registers {@code components} under {@code source}: readers see either the old or the new set,
     * and listeners get one change. Used for hot reload of a definition file.
     *
     * @param source the new source (its hash may differ from the old one's)
     * @param components the components it now provides
     * @return the new entries, loaded or failed, in order
     */
    public List<ComponentEntry> replace(ComponentSource source, List<?> components) {
        Objects.requireNonNull(source, "source must not be null");
        List<?> copy = List.copyOf(components);
        return mutate(() -> {
            removeOriginLocked(source);
            List<ComponentEntry> out = new ArrayList<>();
            for (Object c : copy) {
                out.add(addLocked(source, c));
            }
            return out;
        });
    }

    /**
     * Records a component that could not even be created (e.g. a definition file that does not
     * parse), so listings show it as failed with its reason; nothing can resolve it.
     *
     * @param source where it comes from
     * @param kind the kind it was meant to be
     * @param id its id, or a stand-in such as the file name when the id is unknown
     * @param reason one line: what is wrong, where, and how to fix it
     * @return the failed entry
     */
    public ComponentEntry registerFailure(ComponentSource source, ComponentKind kind, String id, String reason) {
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        return mutate(() -> addFailedLocked(source, kind, id, reason));
    }

    /**
     * Removes every entry whose source has the same type and location as {@code source} (the hash
     * and version are ignored). Plugin sources are managed by the registry itself: remove the JAR
     * from the plugins directory instead.
     *
     * @param source the origin to remove
     * @return the removed entries
     */
    public List<ComponentEntry> unregister(ComponentSource source) {
        Objects.requireNonNull(source, "source must not be null");
        return mutate(() -> removeOriginLocked(source));
    }

    /**
     * Runs the checks {@link #register} would run (describe, kind, id, validators) without
     * registering, so a loader can keep the last good version when a new one fails. Duplicates are
     * not checked.
     *
     * @param source where the component comes from
     * @param component the candidate
     * @return its self-description
     * @throws AlphaweaveException (or the validator's exception) when it would be rejected
     */
    public ComponentInfo check(ComponentSource source, Object component) {
        Candidate c = inspect(source, component);
        if (c.reason != null) {
            throw c.cause instanceof AlphaweaveException ae ? ae : new AlphaweaveException(c.reason, c.cause);
        }
        return c.info;
    }

    /** @param listener told about every later change */
    public void addListener(RegistryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    /** @param listener a listener added before; no effect otherwise */
    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- plugins

    /**
     * Installs a plugin JAR: checks it is a PF4J plugin JAR with a descriptor, copies it into the
     * plugins directory (replacing a JAR there with the same {@code Plugin-Id}), loads and starts it.
     * If it fails to start, the copy is removed, the replaced JAR is restored, and this throws.
     *
     * @param jar the JAR to install
     * @return the started plugin, with the ids of its components
     * @throws PluginLoadException when there is no plugins directory, or the JAR is not a valid
     *     plugin, or it fails to load or start (the message says why)
     */
    public PluginStatus installPlugin(Path jar) {
        if (pluginHost == null) {
            throw new PluginLoadException("this registry has no plugins directory to install " + jar + " into");
        }
        return mutate(() -> pluginHost.install(jar));
    }

    /**
     * Stops and unloads the plugin with this id and deletes its JAR from the plugins directory; its
     * components leave the registry (plugins that depend on it stop and wait for it).
     *
     * @param pluginId the manifest's {@code Plugin-Id}
     * @return the plugin as it was before it was removed
     * @throws UnknownPluginException if no JAR of the plugins directory has that id (or there is no
     *     plugins directory)
     */
    public PluginStatus uninstallPlugin(String pluginId) {
        if (pluginHost == null) {
            throw new UnknownPluginException(pluginId, List.of());
        }
        return mutatePublishingOnFailure(() -> pluginHost.uninstall(pluginId));
    }

    /** Moves a checked, staged JAR into the plugins directory and starts it, or removes it again (see PluginInstaller). */
    PluginStatus installStaged(Path staged, String fileName, String pluginId) {
        if (pluginHost == null) {
            throw new PluginLoadException("this registry has no plugins directory to install into");
        }
        return mutatePublishingOnFailure(() -> pluginHost.installStaged(staged, fileName, pluginId));
    }

    /**
     * Brings the loaded plugins in line with the plugins directory now (the watcher does this by
     * itself); a no-op without a plugins directory.
     */
    public void rescanPlugins() {
        if (pluginHost != null && !closed) {
            mutate(() -> {
                pluginHost.reconcile();
                return null;
            });
        }
    }

    /** Stops watching and unloads every plugin. Components of plugins must not be used afterwards. */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.close();
        }
        if (pluginHost != null) {
            mutate(() -> {
                pluginHost.close();
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- internals (lock held)

    private <T> T mutate(Supplier<T> action) {
        lock.lock();
        try {
            T result = action.get();
            publishLocked();
            return result;
        } finally {
            lock.unlock();
        }
    }

    /** Like {@link #mutate}, but publishes also when the action throws: it may have loaded and unloaded plugins. */
    private <T> T mutatePublishingOnFailure(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            try {
                publishLocked();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Registers a component; the lock must be held. */
    ComponentEntry addLocked(ComponentSource source, Object component) {
        Candidate c = inspect(source, component);
        Registration r = new Registration(
                ++sequence, c.kind, c.id, source, c.info, c.reason == null ? component : null, c.reason);
        registrations.add(r);
        return rebuild().statusOf(r);
    }

    /** Records a component that could not even be created; the lock must be held. */
    ComponentEntry addFailedLocked(ComponentSource source, ComponentKind kind, String id, String reason) {
        Registration r = new Registration(++sequence, kind, id, source, null, null, reason);
        registrations.add(r);
        return rebuild().statusOf(r);
    }

    /** Removes every registration of the source's origin; the lock must be held. */
    List<ComponentEntry> removeOriginLocked(ComponentSource source) {
        Snapshot before = rebuild();
        List<ComponentEntry> removed = new ArrayList<>();
        registrations.removeIf(r -> {
            if (r.source.sameOrigin(source)) {
                removed.add(before.statusOf(r));
                return true;
            }
            return false;
        });
        return removed;
    }

    private Candidate inspect(ComponentSource source, Object component) {
        ComponentKind kind = kindOf(component.getClass());
        if (kind == null) {
            throw new AlphaweaveException("component " + component.getClass().getName() + " from " + source.describe()
                    + " implements none of Strategy, SignalCombiner, CapitalAllocator");
        }
        String className = component.getClass().getName();
        ComponentInfo info;
        try {
            info = switch (component) {
                case Strategy s -> s.describe();
                case SignalCombiner c -> c.describe();
                case CapitalAllocator a -> a.describe();
                default -> throw new IllegalStateException("unreachable: " + className);
            };
        } catch (RuntimeException | LinkageError e) {
            return new Candidate(kind, className, null, e, "describe() of " + className + " threw " + describe(e));
        }
        if (info == null) {
            return new Candidate(kind, className, null, null, "describe() of " + className + " returned null");
        }
        if (info.kind() != kind) {
            return new Candidate(
                    kind,
                    info.id(),
                    info,
                    null,
                    className + " implements " + kind.name().toLowerCase(Locale.ROOT) + " but describe().kind() is "
                            + info.kind().name().toLowerCase(Locale.ROOT));
        }
        String id;
        try {
            id = switch (component) {
                case Strategy s -> s.id();
                case SignalCombiner c -> c.id();
                case CapitalAllocator a -> a.id();
                default -> throw new IllegalStateException("unreachable: " + className);
            };
        } catch (RuntimeException | LinkageError e) {
            return new Candidate(kind, info.id(), info, e, "id() of " + className + " threw " + describe(e));
        }
        if (!info.id().equals(id)) {
            return new Candidate(
                    kind,
                    info.id(),
                    info,
                    null,
                    "id() of " + className + " is \"" + id + "\" but describe().id() is \"" + info.id()
                            + "\"; they must be equal");
        }
        for (ComponentValidator v : validators) {
            try {
                v.validate(component, info, source);
            } catch (RuntimeException | LinkageError | OutOfMemoryError | StackOverflowError e) {
                // a component that runs out of memory or recurses too deep while checked fails alone
                String reason = e instanceof AlphaweaveException ? e.getMessage() : describe(e);
                return new Candidate(kind, info.id(), info, e, reason);
            }
        }
        return new Candidate(kind, info.id(), info, null, null);
    }

    static ComponentKind kindOf(Class<?> type) {
        if (Strategy.class.isAssignableFrom(type)) {
            return ComponentKind.STRATEGY;
        }
        if (SignalCombiner.class.isAssignableFrom(type)) {
            return ComponentKind.COMBINER;
        }
        if (CapitalAllocator.class.isAssignableFrom(type)) {
            return ComponentKind.ALLOCATOR;
        }
        return null;
    }

    /** @return "SimpleName: message" of the most specific cause, for one-line reasons */
    static String describe(Throwable t) {
        Throwable root = t;
        Set<Throwable> seen = new HashSet<>();
        while (root.getCause() != null && seen.add(root)) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return root.getClass().getSimpleName() + (msg == null || msg.isBlank() ? "" : ": " + msg.strip());
    }

    private Snapshot rebuild() {
        Map<Key, Registration> active = new HashMap<>();
        Map<Registration, ComponentEntry> entryOf = new HashMap<>();
        for (Registration r : registrations) {
            Key key = new Key(r.kind, r.id);
            ComponentStatus status;
            if (r.failure != null) {
                status = new ComponentStatus.Failed(r.failure);
            } else if (active.containsKey(key)) {
                ComponentSource kept = active.get(key).source;
                status = new ComponentStatus.Failed(
                        new DuplicateComponentException(r.kind, r.id, kept, r.source).getMessage(), kept);
            } else {
                active.put(key, r);
                status = new ComponentStatus.Loaded();
            }
            entryOf.put(r, new ComponentEntry(r.id, r.kind, r.source, r.info, status));
        }
        List<ComponentEntry> entries = registrations.stream()
                .sorted(Comparator.comparing((Registration r) -> r.kind)
                        .thenComparing(r -> r.id)
                        .thenComparingLong(r -> r.seq))
                .map(entryOf::get)
                .toList();
        List<PluginStatus> plugins = pluginHost == null ? List.of() : pluginHost.statuses();
        return new Snapshot(entries, Map.copyOf(active), plugins, Map.copyOf(entryOf));
    }

    private void publishLocked() {
        Snapshot before = snapshot;
        Snapshot after = rebuild();
        snapshot = after;
        List<ComponentEntry> added = new ArrayList<>(after.entries);
        added.removeAll(before.entries);
        List<ComponentEntry> removed = new ArrayList<>(before.entries);
        removed.removeAll(after.entries);
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        RegistryListener.Change change = new RegistryListener.Change(added, removed);
        for (RegistryListener l : listeners) {
            try {
                l.registryChanged(change);
            } catch (RuntimeException e) {
                // a listener's bug must not undo or block a registry change
                log.warn("registry listener {} failed: {}", l, describe(e), e);
            }
        }
    }

    private record Key(ComponentKind kind, String id) {}

    private static final class Registration {
        final long seq;
        final ComponentKind kind;
        final String id;
        final ComponentSource source;
        final ComponentInfo info;
        final Object component; // null when failed
        final String failure; // null when it passed every check

        Registration(
                long seq,
                ComponentKind kind,
                String id,
                ComponentSource source,
                ComponentInfo info,
                Object component,
                String failure) {
            this.seq = seq;
            this.kind = kind;
            this.id = id;
            this.source = source;
            this.info = info;
            this.component = component;
            this.failure = failure;
        }
    }

    /** The outcome of the checks: {@code reason} is null when the component passed. */
    private record Candidate(ComponentKind kind, String id, ComponentInfo info, Throwable cause, String reason) {}

    private record Snapshot(
            List<ComponentEntry> entries,
            Map<Key, Registration> active,
            List<PluginStatus> plugins,
            Map<Registration, ComponentEntry> entryOf) {
        static final Snapshot EMPTY = new Snapshot(List.of(), Map.of(), List.of(), Map.of());

        ComponentEntry statusOf(Registration r) {
            return entryOf.get(r);
        }
    }

    /** Options of a registry. Not thread-safe; build once. */
    public static final class Builder {
        private Path pluginsDirectory;
        private boolean watch;
        private final List<ComponentValidator> validators = new ArrayList<>();
        private final List<RegistryListener> listeners = new ArrayList<>();

        private Builder() {}

        /**
         * @param directory load every plugin JAR in it at build time (created if missing); null for
         *     none
         * @return this
         */
        public Builder pluginsDirectory(Path directory) {
            this.pluginsDirectory = directory;
            return this;
        }

        /**
         * @param watch whether to watch the plugins directory and load, reload and unload JARs as
         *     they are added, changed and removed (a daemon thread; stopped by {@link #close()})
         * @return this
         */
        public Builder watchPlugins(boolean watch) {
            this.watch = watch;
            return this;
        }

        /**
         * @param validator run on every component before it becomes resolvable, in the order added
         * @return this
         */
        public Builder validator(ComponentValidator validator) {
            validators.add(Objects.requireNonNull(validator, "validator must not be null"));
            return this;
        }

        /**
         * @param listener told about every change, including the plugins loaded at build time
         * @return this
         */
        public Builder listener(RegistryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
            return this;
        }

        /**
         * Builds the registry and loads the plugins directory, if any.
         *
         * @return the registry; close it to stop watching and unload plugins
         * @throws PluginLoadException when the plugins directory cannot be created
         * @throws UncheckedIOException when the plugins directory cannot be listed
         */
        public ComponentRegistry build() {
            return new ComponentRegistry(this);
        }
    }
}
