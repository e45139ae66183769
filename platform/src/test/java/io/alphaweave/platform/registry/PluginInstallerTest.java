package io.alphaweave.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInstallerTest {
    @TempDir
    Path dir;

    private ComponentRegistry registry(Path plugins) {
        return ComponentRegistry.builder()
                .pluginsDirectory(plugins)
                .watchPlugins(false)
                .build();
    }

    @Test
    void entryNamesThatEscapeTheirDirectoryAreNamedAndOthersPass() {
        assertThat(PluginInstaller.slip("../x")).contains("..");
        assertThat(PluginInstaller.slip("a/b/../../../x")).contains("..");
        assertThat(PluginInstaller.slip("a\\..\\..\\x")).contains("..");
        assertThat(PluginInstaller.slip("/etc/passwd")).contains("absolute");
        assertThat(PluginInstaller.slip("\\\\server\\share")).contains("absolute");
        assertThat(PluginInstaller.slip("D:/x")).contains("drive");
        assertThat(PluginInstaller.slip("a\0b")).contains("NUL");
        assertThat(PluginInstaller.slip("META-INF/MANIFEST.MF")).isNull();
        assertThat(PluginInstaller.slip("com/acme/..Hidden.class")).isNull();
        assertThat(PluginInstaller.slip("a/b../c")).isNull();
    }

    @Test
    void aPluginDependingOnAnUninstalledOneStopsAndWaitsForIt() {
        Path plugins = dir.resolve("plugins");
        TestPluginJar.withStrategy("base", "base_one").writeTo(dir.resolve("b/base.jar"));
        TestPluginJar.withStrategy("child", "child_one").dependencies("base").writeTo(dir.resolve("b/child.jar"));
        try (ComponentRegistry r = registry(plugins)) {
            PluginInstaller installer = new PluginInstaller(r, PluginInstaller.Limits.defaults());
            installer.install(new ByteArrayInputStream(read(dir.resolve("b/base.jar"))));
            installer.install(new ByteArrayInputStream(read(dir.resolve("b/child.jar"))));
            assertThat(r.ids(io.alphaweave.api.ComponentKind.STRATEGY)).contains("base_one", "child_one");

            PluginStatus removed = installer.uninstall("base");

            assertThat(removed.pluginId()).isEqualTo("base");
            assertThat(r.ids(io.alphaweave.api.ComponentKind.STRATEGY)).doesNotContain("base_one", "child_one");
            assertThat(r.plugins()).singleElement().satisfies(p -> assertThat(p.error())
                    .contains("dependency \"base\" was removed"));
            assertThatThrownBy(() -> installer.uninstall("base"))
                    .isInstanceOf(UnknownPluginException.class)
                    .hasMessageContaining("no plugin \"base\"")
                    .hasMessageContaining("child");
        }
    }

    @Test
    void stagedFilesLeftByACrashAreRemovedAndNeverLoaded() throws Exception {
        Path plugins = dir.resolve("plugins");
        Path staging = plugins.resolve(PluginInstaller.STAGING_DIR);
        Files.createDirectories(staging);
        Path leftover = TestPluginJar.withStrategy("ghost", "ghost_one").writeTo(staging.resolve("upload-1.jar.part"));
        try (ComponentRegistry r = registry(plugins)) {
            assertThat(r.plugins()).isEmpty();
            new PluginInstaller(r, PluginInstaller.Limits.defaults());
            assertThat(leftover).doesNotExist();
            assertThat(r.ids(io.alphaweave.api.ComponentKind.STRATEGY)).doesNotContain("ghost_one");
        }
    }

    @Test
    void limitsNameTheFieldAndValueTheyRefuse() {
        assertThatThrownBy(() -> new PluginInstaller.Limits(0, 1, 1, 1)).hasMessage("maxJarBytes must be ≥ 1, was 0");
        assertThatThrownBy(() -> new PluginInstaller.Limits(1, 0, 1, 1)).hasMessage("maxEntries must be ≥ 1, was 0");
        assertThatThrownBy(() -> new PluginInstaller.Limits(1, 1, -5, 1))
                .hasMessage("maxUncompressedBytes must be ≥ 1, was -5");
        assertThatThrownBy(() -> new PluginInstaller.Limits(1, 1, 1, 0)).hasMessage("maxRatio must be ≥ 1, was 0");
        assertThatThrownBy(() -> new PluginInstaller(ComponentRegistry.empty(), PluginInstaller.Limits.defaults()))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("no plugins directory");
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
