package io.alphaweave.platform.registry;

import io.alphaweave.api.Strategy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real PF4J plugin JARs for tests: compiles Java sources with the system compiler against
 * the plugin API and PF4J on the test class path, writes the manifest descriptor and {@code
 * META-INF/extensions.idx}, and zips it all. No mocks: the registry loads these like any plugin.
 */
public final class TestPluginJar {
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();
    private boolean writeManifest = true;

    private TestPluginJar(String pluginId, String version) {
        if (pluginId != null) {
            manifest.put("Plugin-Id", pluginId);
        }
        if (version != null) {
            manifest.put("Plugin-Version", version);
        }
        manifest.put("Plugin-Provider", "alphaweave tests");
    }

    /**
     * @param pluginId the manifest's Plugin-Id, or null to leave it out (a bad descriptor)
     * @param version the manifest's Plugin-Version, or null to leave it out
     * @return a builder
     */
    public static TestPluginJar plugin(String pluginId, String version) {
        return new TestPluginJar(pluginId, version);
    }

    /**
     * A plugin with one strategy extension {@code test.<Pkg>.<Cls>} whose id is {@code strategyId}.
     *
     * @param pluginId Plugin-Id
     * @param strategyId the strategy's id
     * @return a builder
     */
    public static TestPluginJar withStrategy(String pluginId, String strategyId) {
        return plugin(pluginId, "1.0.0").strategy("test." + javaName(pluginId), camel(strategyId), strategyId);
    }

    /**
     * Adds a source file.
     *
     * @param className fully qualified class name
     * @param javaSource its source text
     * @return this
     */
    public TestPluginJar source(String className, String javaSource) {
        sources.put(className, javaSource);
        return this;
    }

    /**
     * Adds a class and lists it in {@code META-INF/extensions.idx}.
     *
     * @param className fully qualified class name
     * @param javaSource its source text
     * @return this
     */
    public TestPluginJar extension(String className, String javaSource) {
        sources.put(className, javaSource);
        extensions.add(className);
        return this;
    }

    /**
     * Adds a strategy extension that is long on every bar (alpha 0.5, confidence 1).
     *
     * @param pkg Java package
     * @param simpleName class name
     * @param id strategy id
     * @return this
     */
    public TestPluginJar strategy(String pkg, String simpleName, String id) {
        return extension(pkg + "." + simpleName, strategySource(pkg, simpleName, id, "1.0.0", ""));
    }

    /**
     * Adds a combiner extension (equal-weight average).
     *
     * @param pkg Java package
     * @param simpleName class name
     * @param id combiner id
     * @return this
     */
    public TestPluginJar combiner(String pkg, String simpleName, String id) {
        return extension(pkg + "." + simpleName, """
                package %1$s;
                import io.alphaweave.api.*;
                import java.util.*;
                @org.pf4j.Extension
                public class %2$s implements SignalCombiner {
                    public ComponentInfo describe() {
                        return new ComponentInfo("%3$s", ComponentKind.COMBINER, "1.0.0", 0, "test combiner %3$s", "", List.of());
                    }
                    public SignalCombiner configure(Map<String, ?> params) { return this; }
                    public void combine(CombinerInput input, CombinerOutput output) {}
                }
                """.formatted(pkg, simpleName, id));
    }

    /**
     * Adds an allocator extension (all zero weights).
     *
     * @param pkg Java package
     * @param simpleName class name
     * @param id allocator id
     * @return this
     */
    public TestPluginJar allocator(String pkg, String simpleName, String id) {
        return extension(pkg + "." + simpleName, """
                package %1$s;
                import io.alphaweave.api.*;
                import java.util.*;
                @org.pf4j.Extension
                public class %2$s implements CapitalAllocator {
                    public ComponentInfo describe() {
                        return new ComponentInfo("%3$s", ComponentKind.ALLOCATOR, "1.0.0", 0, "test allocator %3$s", "", List.of());
                    }
                    public CapitalAllocator configure(Map<String, ?> params) { return this; }
                    public void allocate(AllocationContext context, double[] weights) {}
                }
                """.formatted(pkg, simpleName, id));
    }

    /**
     * The source of a strategy that is long on every bar with a close.
     *
     * @param pkg package
     * @param simpleName class name
     * @param id strategy id
     * @param version component version
     * @param constructorBody statements run in the constructor (e.g. a throw)
     * @return Java source
     */
    public static String strategySource(
            String pkg, String simpleName, String id, String version, String constructorBody) {
        return """
                package %1$s;
                import io.alphaweave.api.*;
                import java.util.*;
                @org.pf4j.Extension
                public class %2$s implements Strategy {
                    public %2$s() { %5$s }
                    public ComponentInfo describe() {
                        return new ComponentInfo("%3$s", ComponentKind.STRATEGY, "%4$s", 1, "test strategy %3$s", "",
                                List.of(ParameterSpec.ofInt("window", 5, 1, 100, "bars")));
                    }
                    public Strategy configure(Map<String, ?> params) { return this; }
                    public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
                        int s = context.data().indexOf(symbol);
                        if (s < 0 || Double.isNaN(context.data().close(s)[context.day()])) return Optional.empty();
                        return Optional.of(StrategySignal.of(context.date(), symbol, 0.5, 1.0, 1));
                    }
                }
                """.formatted(pkg, simpleName, id, version, constructorBody);
    }

    /**
     * Sets {@code Plugin-Class} to a generated subclass of {@code org.pf4j.Plugin} whose {@code
     * start()} runs {@code startBody}.
     *
     * @param className fully qualified class name
     * @param startBody statements of start()
     * @return this
     */
    public TestPluginJar pluginClass(String className, String startBody) {
        int dot = className.lastIndexOf('.');
        sources.put(className, """
                package %s;
                public class %s extends org.pf4j.Plugin {
                    @Override public void start() { %s }
                }
                """.formatted(className.substring(0, dot), className.substring(dot + 1), startBody));
        manifest.put("Plugin-Class", className);
        return this;
    }

    /**
     * @param dependencies the {@code Plugin-Dependencies} value, e.g. {@code "base-plugin"}
     * @return this
     */
    public TestPluginJar dependencies(String dependencies) {
        manifest.put("Plugin-Dependencies", dependencies);
        return this;
    }

    /**
     * @param name manifest attribute
     * @param value its value
     * @return this
     */
    public TestPluginJar manifestAttribute(String name, String value) {
        manifest.put(name, value);
        return this;
    }

    /** @return this, writing a JAR without any META-INF/MANIFEST.MF */
    public TestPluginJar withoutManifest() {
        writeManifest = false;
        return this;
    }

    /**
     * Compiles and writes the JAR; the file appears atomically (written beside it, then moved), as a
     * careful user would copy it.
     *
     * @param jar where to write it
     * @return {@code jar}
     */
    public Path writeTo(Path jar) {
        try {
            Path work = Files.createTempDirectory("alphaweave-test-plugin");
            Path src = work.resolve("src");
            Path classes = work.resolve("classes");
            Files.createDirectories(classes);
            List<String> files = new ArrayList<>();
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
                files.add(f.toString());
            }
            if (!files.isEmpty()) {
                compile(files, classes);
            }
            Path tmp = Files.createTempFile(work, "plugin", ".jar");
            try (OutputStream out = Files.newOutputStream(tmp);
                    JarOutputStream jos =
                            writeManifest ? new JarOutputStream(out, manifest()) : new JarOutputStream(out)) {
                if (!extensions.isEmpty()) {
                    jos.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                    jos.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                    jos.closeEntry();
                }
                try (Stream<Path> walk = Files.walk(classes)) {
                    for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                        jos.putNextEntry(
                                new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                        jos.write(Files.readAllBytes(p));
                        jos.closeEntry();
                    }
                }
            }
            Files.createDirectories(jar.toAbsolutePath().getParent());
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest manifest() {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> a.put(new Attributes.Name(k), v));
        return m;
    }

    private static void compile(List<String> files, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("tests need a JDK with javax.tools (not a JRE)");
        }
        String classPath = location(Strategy.class) + java.io.File.pathSeparator + location(org.pf4j.Plugin.class);
        List<String> args = new ArrayList<>(
                List.of("-proc:none", "--release", "21", "-classpath", classPath, "-d", classes.toString(), "-nowarn"));
        args.addAll(files);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int rc = compiler.run(null, null, errors, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("test plugin did not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String javaName(String pluginId) {
        return pluginId.replaceAll("[^A-Za-z0-9]", "_").toLowerCase(java.util.Locale.ROOT);
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("_")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.append("Strategy").toString();
    }
}
