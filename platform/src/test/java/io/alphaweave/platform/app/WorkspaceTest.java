package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaweaveException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceTest {
    @TempDir
    Path root;

    Path install, userHome;

    @BeforeEach
    void layout() throws Exception {
        install = Files.createDirectories(root.resolve("install"));
        Files.createDirectories(install.resolve("strategies-yaml"));
        userHome = Files.createDirectories(root.resolve("user"));
    }

    private Map<String, String> props() {
        return Map.of("alphaweave.home", install.toString(), "user.home", userHome.toString());
    }

    @Test
    void defaultsComeFromTheInstallationAndTheUsersHome() {
        Workspace w = Workspace.resolve(Workspace.Overrides.none(), Map.of(), props());
        Path home = userHome.resolve(".alphaweave");
        assertThat(w.installDir()).isEqualTo(install);
        assertThat(w.home()).isEqualTo(home);
        assertThat(w.dataDirectory()).isEqualTo(home.resolve("data"));
        assertThat(w.pluginsDirectory()).isEqualTo(install.resolve("plugins-dist"));
        assertThat(w.definitionsDirectories()).containsExactly(install.resolve("strategies-yaml"));
        assertThat(w.lookaheadCache()).isEqualTo(home.resolve("lookahead-passed.txt"));
        assertThat(w.databaseUrl())
                .isEqualTo("jdbc:h2:file:" + home.resolve("db").resolve("alphaweave"));
        assertThat(w.sharedDataDirectory())
                .as("no ../shared/data beside the installation")
                .isNull();
    }

    @Test
    void flagsBeatThePropertyWhichBeatsTheEnvironmentWhichBeatsTheDefault() throws Exception {
        Path flag = Files.createDirectories(root.resolve("flag-plugins"));
        Path prop = Files.createDirectories(root.resolve("prop-plugins"));
        Path env = Files.createDirectories(root.resolve("env-plugins"));
        Map<String, String> environment = Map.of(
                "ALPHAWEAVE_PLUGINS", env.toString(),
                "ALPHAWEAVE_DB_URL", "jdbc:postgresql://db/env",
                "ALPHAWEAVE_HOME", root.resolve("env-home").toString());
        Map<String, String> properties = new java.util.HashMap<>(props());
        properties.put("alphaweave.plugins", prop.toString());

        Workspace flags = Workspace.resolve(
                Workspace.Overrides.none()
                        .withPlugins(flag)
                        .withDatabase("jdbc:postgresql://db/flag")
                        .withHome(root.resolve("flag-home")),
                environment,
                properties);
        assertThat(flags.pluginsDirectory()).isEqualTo(flag);
        assertThat(flags.databaseUrl()).isEqualTo("jdbc:postgresql://db/flag");
        assertThat(flags.home()).isEqualTo(root.resolve("flag-home"));

        Workspace noFlags = Workspace.resolve(Workspace.Overrides.none(), environment, properties);
        assertThat(noFlags.pluginsDirectory()).isEqualTo(prop);
        assertThat(noFlags.databaseUrl()).isEqualTo("jdbc:postgresql://db/env");
        assertThat(noFlags.home()).isEqualTo(root.resolve("env-home"));

        Workspace envOnly = Workspace.resolve(Workspace.Overrides.none(), environment, props());
        assertThat(envOnly.pluginsDirectory()).isEqualTo(env);
    }

    @Test
    void theUsersOwnDefinitionsAreAddedAfterTheShippedOnesNeverInsteadOfThem() throws Exception {
        Path own = Files.createDirectories(userHome.resolve(".alphaweave/strategies"));
        Workspace w = Workspace.resolve(Workspace.Overrides.none(), Map.of(), props());
        assertThat(w.definitionsDirectories()).containsExactly(install.resolve("strategies-yaml"), own);

        Path other = Files.createDirectories(root.resolve("other-defs"));
        Workspace flagged = Workspace.resolve(Workspace.Overrides.none().withDefinitions(other), Map.of(), props());
        assertThat(flagged.definitionsDirectories())
                .as("--definitions replaces the shipped folder; the user's own is still loaded")
                .containsExactly(other, own);

        Workspace fromEnv = Workspace.resolve(
                Workspace.Overrides.none(), Map.of("ALPHAWEAVE_DEFINITIONS", other.toString()), props());
        assertThat(fromEnv.definitionsDirectories()).containsExactly(other, own);
    }

    @Test
    void aDirectoryNamedExplicitlyMustExist() {
        Path absent = root.resolve("absent");
        assertThatThrownBy(() -> Workspace.resolve(Workspace.Overrides.none().withPlugins(absent), Map.of(), props()))
                .isInstanceOf(AlphaweaveException.class)
                .hasMessage("plugins directory " + absent
                        + " (--plugins) does not exist or is not a directory; create it or fix the path");
        assertThatThrownBy(() -> Workspace.resolve(
                        Workspace.Overrides.none(), Map.of("ALPHAWEAVE_DEFINITIONS", absent.toString()), props()))
                .hasMessageContaining("definitions directory " + absent + " ($ALPHAWEAVE_DEFINITIONS)");
        assertThatThrownBy(() -> Workspace.resolve(
                        Workspace.Overrides.none(), Map.of("ALPHAWEAVE_SHARED_DATA", absent.toString()), props()))
                .hasMessageContaining("($ALPHAWEAVE_SHARED_DATA)");
    }

    @Test
    void theSharedDataComesFromTheEnvironmentOrBesideTheInstallation() throws Exception {
        Path beside = Files.createDirectories(root.resolve("shared/data"));
        assertThat(Workspace.resolve(Workspace.Overrides.none(), Map.of(), props())
                        .sharedDataDirectory())
                .isEqualTo(beside);
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        assertThat(Workspace.resolve(
                                Workspace.Overrides.none(),
                                Map.of("ALPHAWEAVE_SHARED_DATA", elsewhere.toString()),
                                props())
                        .sharedDataDirectory())
                .isEqualTo(elsewhere);
    }

    @Test
    void theLookaheadCacheDirectoryCanBeMoved() {
        Path dir = root.resolve("cache");
        Map<String, String> p = new java.util.HashMap<>(props());
        p.put("alphaweave.cache.dir", dir.toString());
        assertThat(Workspace.resolve(Workspace.Overrides.none(), Map.of("ALPHAWEAVE_CACHE_DIR", "/elsewhere"), p)
                        .lookaheadCache())
                .isEqualTo(dir.resolve("lookahead-passed.txt"));
        assertThat(Workspace.resolve(
                                Workspace.Overrides.none(), Map.of("ALPHAWEAVE_CACHE_DIR", dir.toString()), props())
                        .lookaheadCache())
                .isEqualTo(dir.resolve("lookahead-passed.txt"));
    }
}
