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
 *   <tr><td>home</td><td>{@code --home}</td><td>—</td><td>{@value #HOME_ENV}</td><td>{@code ~/.alphaweave}</td></tr>
 *   <tr><td>dataDirectory</td><td>—</td><td>—</td><td>{@value #DATA_ENV}</td><td>{@code <home>/data}</td></tr>
 *   <tr><td>sharedDataDirectory</td><td>—</td><td>—</td><td>{@value #SHARED_DATA_ENV}</td><td>{@code <installDir>/../shared/data}
 *       when it exists, else none</td></tr>
 *   <tr><td>pluginsDirectory</td><td>{@code --plugins}</td><td>{@value #PLUGINS_PROPERTY}</td><td>{@value #PLUGINS_ENV}</td>
 *       <td>{@code <installDir>/plugins-dist}</td></tr>
 *   <tr><td>definitionsDirectories</td><td>{@code --definitions}</td><td>—</td><td>{@value #DEFINITIONS_ENV}</td>
 *       <td>{@code <installDir>/strategies-yaml} when it exists; <b>plus</b>, always, {@code <home>/strategies} when it exists</td></tr>
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
 * @param definitionsDirectories the definition folders, loaded in this order; the user's own last
 * @param lookaheadCache the file remembering strategies that passed the lookahead check
 * @param databaseUrl the JDBC URL of the store
 */
public record Workspace(
        Path installDir,
        Path home,
        Path dataDirectory,
        Path sharedDataDirectory,
        Path pluginsDirectory,
        List<Path> definitionsDirectories,
        Path lookaheadCache,
        String databaseUrl) {

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
    /** Environment variable naming the definitions directory that replaces the shipped one. */
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
        definitionsDirectories = List.copyOf(definitionsDirectories);
        Objects.requireNonNull(lookaheadCache, "lookaheadCache");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        if (databaseUrl.isBlank()) {
            throw new IllegalArgumentException("databaseUrl must not be blank");
        }
    }

    /**
     * What the command line said; every field is null when the flag was not given.
     *
     * @param home {@code --home}
     * @param pluginsDirectory {@code --plugins}
     * @param definitionsDirectory {@code --definitions}: replaces the shipped definitions (the user's own
     *     folder is still added)
     * @param databaseUrl {@code --db}
     */
    public record Overrides(Path home, Path pluginsDirectory, Path definitionsDirectory, String databaseUrl) {
        /** @return no flags given */
        public static Overrides none() {
            return new Overrides(null, null, null, null);
        }

        /**
         * @param dir {@code --home}, or null
         * @return these overrides with the home
         */
        public Overrides withHome(Path dir) {
            return new Overrides(dir, pluginsDirectory, definitionsDirectory, databaseUrl);
        }

        /**
         * @param dir {@code --plugins}, or null
         * @return these overrides with the plugins directory
         */
        public Overrides withPlugins(Path dir) {
            return new Overrides(home, dir, definitionsDirectory, databaseUrl);
        }

        /**
         * @param dir {@code --definitions}, or null
         * @return these overrides with the definitions directory
         */
        public Overrides withDefinitions(Path dir) {
            return new Overrides(home, pluginsDirectory, dir, databaseUrl);
        }

        /**
         * @param url {@code --db}, or null
         * @return these overrides with the database URL
         */
        public Overrides withDatabase(String url) {
            return new Overrides(home, pluginsDirectory, definitionsDirectory, url);
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

        List<Path> definitions = new ArrayList<>();
        if (overrides.definitionsDirectory() != null) {
            definitions.add(existing(overrides.definitionsDirectory(), "definitions directory", "--definitions"));
        } else if (set(env.get(DEFINITIONS_ENV))) {
            definitions.add(
                    existing(Path.of(env.get(DEFINITIONS_ENV)), "definitions directory", "$" + DEFINITIONS_ENV));
        } else if (Files.isDirectory(install.resolve("strategies-yaml"))) {
            definitions.add(install.resolve("strategies-yaml"));
        }
        Path own = home.resolve("strategies");
        if (Files.isDirectory(own) && !definitions.contains(own)) {
            definitions.add(own);
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

    private static Path existing(Path dir, String what, String origin) {
        if (!Files.isDirectory(dir)) {
            throw new AlphaweaveException(what + " " + dir + " (" + origin
                    + ") does not exist or is not a directory; create it or fix the path");
        }
        return absolute(dir);
    }
}
