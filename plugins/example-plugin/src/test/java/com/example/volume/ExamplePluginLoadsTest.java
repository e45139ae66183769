package com.example.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compiled module, packed the way maven-jar-plugin packs it (the manifest from the plugins
 * parent pom), loads through the host's registry: the annotation processor wrote the extension
 * index and PF4J finds the strategy.
 */
class ExamplePluginLoadsTest {
    @TempDir
    Path plugins;

    @Test
    void theAnnotationProcessorIndexedTheStrategy() throws Exception {
        Path idx = classesDir().resolve("META-INF/extensions.idx");
        assertThat(Files.readAllLines(idx, StandardCharsets.UTF_8)).contains(VolumeBreakoutStrategy.class.getName());
    }

    @Test
    void loadsAsAPluginAndRunsInItsOwnClassLoader() throws Exception {
        Path jar = pack(classesDir(), plugins.resolve("example-plugin.jar"));
        try (ComponentRegistry registry =
                ComponentRegistry.builder().pluginsDirectory(plugins).build()) {
            Strategy s = registry.strategy("volume_breakout");
            assertThat(s.getClass().getName()).isEqualTo(VolumeBreakoutStrategy.class.getName());
            assertThat(s.getClass()).isNotSameAs(VolumeBreakoutStrategy.class);
            ComponentEntry e =
                    registry.entry(ComponentKind.STRATEGY, "volume_breakout").orElseThrow();
            assertThat(e.source().type()).isEqualTo(ComponentSource.Type.PLUGIN);
            assertThat(e.source().name()).isEqualTo("example-plugin");
            assertThat(e.source().location()).isEqualTo(jar.toAbsolutePath().toString());
            assertThat(e.version()).isEqualTo("1.0.0");
            assertThat(e.parameters()).hasSize(2);
        }
    }

    private static Path classesDir() throws Exception {
        return Path.of(VolumeBreakoutStrategy.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static Path pack(Path classes, Path jar) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(new Attributes.Name("Plugin-Id"), "example-plugin");
        a.put(new Attributes.Name("Plugin-Version"), "0.1.0-SNAPSHOT");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jos = new JarOutputStream(out, m);
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(p).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jos.putNextEntry(new JarEntry(name));
                jos.write(Files.readAllBytes(p));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
