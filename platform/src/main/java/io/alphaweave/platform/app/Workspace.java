package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaweaveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where everything lives, resolved once per process from flags, system properties, the environment
 * and defaults (in that order of precedence), so no other code reads {@code System.getProperty} or
 * {@code System.getenv}. Immutable.
 *
 * <table>
 *   <caption>Resolution (first that is set wins)</caption>
 *   <tr><th>field</th><th>flag</th><th>property</th><th>environment</th><th>default</th></tr>
 *   <tr><td>installDir</td><td>—</td><td>{@value #HOME_PROPERTY}</td><td>—</td><td>the working directory</td></tr>
 *   <tr><td>home</td><td>{@code --home}</td><td>{@value #USER_DIR_PROPERTY}</td><td>{@value #HOME_ENV}</td><td>{@code ~/.alphaweave}</td></tr>
 *   <tr><td>dataDirectory</td><td>—</td><td>—</td><td>{@value #DATA_ENV}</td><td>{@code <home>/data}</td></tr>
 *   <tr><td>sharedDataDirectory</td><td>—</td><td>—</td><td>{@value #SHARED_DATA_ENV}</td><td>{@code <installDir>/../shared/data}
 *       when it exists, else none</td></tr>
 *   <tr><td>pluginsDirectory</td><td>{@code --plugins}</td><td>{@value #PLUGINS_PROPERTY}</td><td>{@value #PLUGINS_ENV}</td>
 *       <td>{@code <installDir>/plugins-dist}</td></tr>
 *   <tr><td>definitionFolders</td><td>{@code --definitions} (repeatable)</td><td>—</td><td>{@value #DEFINITIONS_ENV}</td>
 *       <td>additive, in this order: the shipped {@code <installDir>/strategies-yaml}, the user's own {@code <home>/strategies},
 *       then the environment's and each flag's; none hides another</td></tr>
 *   <tr><td>lookaheadCache</td><td>—</td><td>{@value #CACHE_PROPERTY} (a directory)</td><td>{@value #CACHE_ENV} (a directory)</td>
 *       <td>{@code <home>/lookahead-passed.txt}</td></tr>
 *   <tr><td>databaseUrl</td><td>{@code --db}</td><td>—</td><td>{@value #DB_ENV}</td><td>an H2 file database {@code <home>/db/alphaweave}</td></tr>
 * </table>
 *
 * <p>A directory named explicitly (flag, property or environment) must exist; a default one may not.
 *
 * @param installDir the installation (repository) root: shipped definitions, sample data, plugin JARs
 * @param home the user's workspace: own definitions, imported data, the embedded database, caches
 * @param dataDirectory where imported datasets live (may not exist yet)
 * @param sharedDataDirectory the shared market data (holding {@code sp500/}), or null when there is none
 * @param pluginsDirectory the plugin JARs (may not exist)
 * @param definitionFolders every definitions folder searched, in load order, with why it is searched; the
 *     shipped and the user's may be absent, a named one exists; a folder reached twice is listed once
 * @param lookaheadCache the file remembering strategies that passed the lookahead check
 * @param databaseUrl the JDBC URL of the store
 */
public record Workspace(
        Path installDir,
        Path home,
        Path dataDirectory,
        Path sharedDataDirectory,
        Path pluginsDirectory,
        List<DefinitionsFolder> definitionFolders,
        Path lookaheadCache,
        String databaseUrl) {

    /** System property naming the user's workspace home (tests point it at a temporary folder). */
    public static final String USER_DIR_PROPERTY = "alphaweave.user.dir";
    /** System property the launcher sets to the installation root. */
    public static final String HOME_PROPERTY = "alphaweave.home";
    /** Environment variable naming the user's workspace home. */
    public static final String HOME_ENV = "ALPHAWEAVE_HOME";
    /** Environment variable naming the imported-data directory. */
    public static final String DATA_ENV = "ALPHAWEAVE_DATA";
    /** Environment variable naming the shared market data (with {@code sp500/}). */
    public static final String SHARED_DATA_ENV = "ALPHAWEAVE_SHARED_DATA";
    /** System property naming the plugins directory. */
    public static final String PLUGINS_PROPERTY = "alphaweave.plugins";
    /** Environment variable naming the plugins directory. */
    public static final String PLUGINS_ENV = "ALPHAWEAVE_PLUGINS";
    /** Environment variable naming one more definitions directory (added to the shipped and the user's). */
    public static final String DEFINITIONS_ENV = "ALPHAWEAVE_DEFINITIONS";
    /** System property naming the directory of the lookahead cache file. */
    public static final String CACHE_PROPERTY = "alphaweave.cache.dir";
    /** Environment variable naming the directory of the lookahead cache file. */
    public static final String CACHE_ENV = "ALPHAWEAVE_CACHE_DIR";
    /** Environment variable with the store's JDBC URL. */
    public static final String DB_ENV = "ALPHAWEAVE_DB_URL";
    /** File name of the lookahead cache in its directory. */
    public static final String LOOKAHEAD_CACHE_FILE = "lookahead-passed.txt";

    /** Checks nulls and copies the list. */
    public Workspace {
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(pluginsDirectory, "pluginsDirectory");
        definitionFolders = List.copyOf(definitionFolders);
        Objects.requireNonNull(lookaheadCache, "lookaheadCache");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        if (databaseUrl.isBlank()) {
            throw new IllegalArgumentException("databaseUrl must not be blank");
        }
    }

    /**
     * One definitions folder and why it is searched.
     *
     * @param path the folder (it may not exist for the shipped and the user's)
     * @param origin {@code shipped}, {@code yours}, {@code $ALPHAWEAVE_DEFINITIONS} or {@code --definitions}
     */
    public record DefinitionsFolder(Path path, String origin) {
        /** Checks nulls. */
        public DefinitionsFolder {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(origin, "origin");
        }

        /** @return whether the folder exists */
        public boolean exists() {
            return Files.isDirectory(path);
        }
    }

    /**
     * What the command line said; every field is null (the list empty) when the flag was not given.
     *
     * @param home {@code --home}
     * @param pluginsDirectory {@code --plugins}
     * @param definitionsDirectories each {@code --definitions}: added to the shipped and the user's folders
     * @param databaseUrl {@code --db}
     */
    public record Overrides(Path home, Path pluginsDirectory, List<Path> definitionsDirectories, String databaseUrl) {
        /** Copies the list. */
        public Overrides {
            definitionsDirectories = definitionsDirectories == null ? List.of() : List.copyOf(definitionsDirectories);
        }

        /** @return no flags given */
        public static Overrides none() {
            return new Overrides(null, null, List.of(), null);
        }

        /**
         * @param dir {@code --home}, or null
         * @return these overrides with the home
         */
        public Overrides withHome(Path dir) {
            return new Overrides(dir, pluginsDirectory, definitionsDirectories, databaseUrl);
        }

        /**
         * @param dir {@code --plugins}, or null
         * @return these overrides with the plugins directory
         */
        public Overrides withPlugins(Path dir) {
            return new Overrides(home, dir, definitionsDirectories, databaseUrl);
        }

        /**
         * @param dirs each {@code --definitions}, in order (null or empty: none)
         * @return these overrides with these definitions directories
         */
        public Overrides withDefinitions(List<Path> dirs) {
            return new Overrides(home, pluginsDirectory, dirs, databaseUrl);
        }

        /**
         * @param url {@code --db}, or null
         * @return these overrides with the database URL
         */
        public Overrides withDatabase(String url) {
            return new Overrides(home, pluginsDirectory, definitionsDirectories, url);
        }
    }

    /**
     * Resolves the workspace of this process: the flags, then {@link System#getProperties()} and
     * {@link System#getenv()}. The one place that reads them; call it once, at start-up.
     *
     * @param overrides the flags
     * @return the workspace
     * @throws AlphaweaveException (bad input) when a directory named explicitly does not exist
     */
    public static Workspace fromSystem(Overrides overrides) {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return resolve(overrides, System.getenv(), props);
    }

    /**
     * Resolves a workspace from explicit inputs (for tests and embedding).
     *
     * @param overrides the flags
     * @param env the environment variables
     * @param properties the system properties ({@code user.home} is used for the default home)
     * @return the workspace
     * @throws AlphaweaveException (bad input) when a directory named explicitly does not exist
     */
    public static Workspace resolve(Overrides overrides, Map<String, String> env, Map<String, String> properties) {
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(properties, "properties");
        Path install = absolute(first(properties.get(HOME_PROPERTY), properties.get("user.dir"), "."));

        Path home;
        if (overrides.home() != null) {
            home = overrides.home();
        } else if (set(properties.get(USER_DIR_PROPERTY))) {
            home = Path.of(properties.get(USER_DIR_PROPERTY));
        } else if (set(env.get(HOME_ENV))) {
            home = Path.of(env.get(HOME_ENV));
        } else {
            home = Path.of(first(properties.get("user.home"), ".")).resolve(".alphaweave");
        }
        home = absolute(home);

        Path data = set(env.get(DATA_ENV)) ? absolute(Path.of(env.get(DATA_ENV))) : home.resolve("data");

        Path shared = null;
        if (set(env.get(SHARED_DATA_ENV))) {
            shared = existing(Path.of(env.get(SHARED_DATA_ENV)), "shared data directory", "$" + SHARED_DATA_ENV);
        } else {
            Path beside = install.resolve("../shared/data").normalize();
            shared = Files.isDirectory(beside) ? beside : null;
        }

        Path plugins;
        if (overrides.pluginsDirectory() != null) {
            plugins = existing(overrides.pluginsDirectory(), "plugins directory", "--plugins");
        } else if (set(properties.get(PLUGINS_PROPERTY))) {
            plugins = existing(Path.of(properties.get(PLUGINS_PROPERTY)), "plugins directory", "-D" + PLUGINS_PROPERTY);
        } else if (set(env.get(PLUGINS_ENV))) {
            plugins = existing(Path.of(env.get(PLUGINS_ENV)), "plugins directory", "$" + PLUGINS_ENV);
        } else {
            plugins = install.resolve("plugins-dist");
        }

        List<DefinitionsFolder> named = new ArrayList<>();
        named.add(new DefinitionsFolder(install.resolve("strategies-yaml"), "shipped"));
        named.add(new DefinitionsFolder(home.resolve("strategies"), "yours"));
        if (set(env.get(DEFINITIONS_ENV))) {
            named.add(new DefinitionsFolder(
                    existing(Path.of(env.get(DEFINITIONS_ENV)), "definitions directory", "$" + DEFINITIONS_ENV),
                    "$" + DEFINITIONS_ENV));
        }
        for (Path dir : overrides.definitionsDirectories()) {
            named.add(new DefinitionsFolder(existing(dir, "definitions directory", "--definitions"), "--definitions"));
        }
        List<DefinitionsFolder> definitions = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (DefinitionsFolder f : named) {
            if (seen.add(canonical(f.path()))) {
                definitions.add(f);
            }
        }

        Path cacheDir;
        if (set(properties.get(CACHE_PROPERTY))) {
            cacheDir = absolute(Path.of(properties.get(CACHE_PROPERTY)));
        } else if (set(env.get(CACHE_ENV))) {
            cacheDir = absolute(Path.of(env.get(CACHE_ENV)));
        } else {
            cacheDir = home;
        }

        String db;
        if (set(overrides.databaseUrl())) {
            db = overrides.databaseUrl();
        } else if (set(env.get(DB_ENV))) {
            db = env.get(DB_ENV);
        } else {
            db = "jdbc:h2:file:" + home.resolve("db").resolve("alphaweave");
        }
        return new Workspace(
                install, home, data, shared, plugins, definitions, cacheDir.resolve(LOOKAHEAD_CACHE_FILE), db);
    }

    /** @return the definitions folders that exist, in load order */
    public List<Path> definitionsDirectories() {
        return definitionFolders.stream()
                .filter(DefinitionsFolder::exists)
                .map(DefinitionsFolder::path)
                .toList();
    }

    /** @return the user's own definitions folder ({@code <home>/strategies}), which may not exist */
    public Path userDefinitionsDirectory() {
        return home.resolve("strategies");
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (set(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no value");
    }

    private static Path absolute(String path) {
        return absolute(Path.of(path));
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static Path canonical(Path p) {
        try {
            return Files.exists(p) ? p.toRealPath() : absolute(p);
        } catch (java.io.IOException e) {
            return absolute(p);
        }
    }

    private static Path existing(Path dir, String what, String origin) {
        if (!Files.isDirectory(dir)) {
            throw new AlphaweaveException(what + " " + dir + " (" + origin
                    + ") does not exist or is not a directory; create it or fix the path");
        }
        return absolute(dir);
    }
}
