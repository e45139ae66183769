package io.alphaweave.web.cli;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.PluginStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alphaweave plugins list|install}: the PF4J plugin JARs of the plugins directory. */
@Command(
        name = "plugins",
        description = "List or install PF4J plugin JARs.",
        subcommands = {PluginsCommand.ListPlugins.class, PluginsCommand.Install.class})
final class PluginsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String json(Object value) {
        return JsonMapper.write(value);
    }

    static Map<String, Object> toJson(PluginStatus p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.pluginId());
        m.put("version", p.version());
        m.put("jar", p.jar().toString());
        m.put("sha256", p.sha256());
        m.put("state", p.state().label());
        m.put("error", p.error());
        m.put("components", p.components());
        return m;
    }

    /** {@code alphaweave plugins list [--json]}. */
    @Command(name = "list", description = "List the plugin JARs: id, version, JAR, state and error.")
    static final class ListPlugins implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RegistryOptions registry = new RegistryOptions();

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ComponentRegistry r = registry.open()) {
                Path dir = r.pluginsDirectory().orElseThrow();
                if (json) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("directory", dir.toString());
                    doc.put(
                            "plugins",
                            r.plugins().stream().map(PluginsCommand::toJson).toList());
                    out.println(json(doc));
                    return 0;
                }
                out.println("plugins directory: " + dir);
                if (r.plugins().isEmpty()) {
                    out.println(
                            "no plugin JARs (build them with ./mvnw package, or use: alphaweave plugins install JAR)");
                    return 0;
                }
                TextTable t = new TextTable("PLUGIN", "VERSION", "STATE", "JAR", "COMPONENTS / ERROR");
                for (PluginStatus p : r.plugins()) {
                    String detail = p.state() == PluginStatus.State.FAILED
                            ? "error: " + p.error()
                            : String.join(", ", p.components()) + (p.error().isEmpty() ? "" : "; error: " + p.error());
                    t.add(
                            p.pluginId(),
                            p.version(),
                            p.state().label(),
                            p.jar().getFileName().toString(),
                            detail);
                }
                t.print(out);
                return 0;
            }
        }
    }

    /** {@code alphaweave plugins install JAR}. */
    @Command(
            name = "install",
            description = "Check that JAR is a PF4J plugin, copy it into the plugins directory, load it and list"
                    + " its components.")
    static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RegistryOptions registry = new RegistryOptions();

        @Parameters(index = "0", paramLabel = "JAR", description = "The plugin JAR to install.")
        Path jar;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ComponentRegistry r = registry.open()) {
                PluginStatus p = r.installPlugin(jar);
                List<ComponentEntry> entries = new ArrayList<>();
                for (ComponentEntry e : r.entries()) {
                    if (e.source().location().equals(p.jar().toString())) {
                        entries.add(e);
                    }
                }
                if (json) {
                    Map<String, Object> doc = toJson(p);
                    doc.put(
                            "entries",
                            entries.stream().map(StrategiesCommand::toJson).toList());
                    out.println(json(doc));
                    return 0;
                }
                out.println("installed plugin " + p.pluginId() + " " + p.version() + " as " + p.jar());
                TextTable t = new TextTable("KIND", "ID", "VERSION", "STATUS");
                for (ComponentEntry e : entries) {
                    t.add(
                            e.kind().name().toLowerCase(Locale.ROOT),
                            e.id(),
                            e.version(),
                            e.isLoaded() ? "loaded" : "failed: " + e.status().reason());
                }
                t.print(out);
                if (!p.error().isEmpty()) {
                    out.println("warning: " + p.error());
                }
                return 0;
            }
        }
    }
}
