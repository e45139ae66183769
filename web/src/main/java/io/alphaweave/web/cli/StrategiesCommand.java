package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alphaweave strategies list}: every registered strategy, combiner and allocator. */
@Command(
        name = "strategies",
        description = "List the registered strategies, combiners and allocators.",
        subcommands = {StrategiesCommand.ListComponents.class})
final class StrategiesCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static Map<String, Object> toJson(ComponentEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("version", e.version());
        m.put("summary", e.summary());
        m.put("status", e.status().label());
        m.put("error", e.status().reason());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", e.source().type().label());
        source.put("name", e.source().name());
        source.put("location", e.source().location());
        source.put("version", e.source().version());
        source.put("sha256", e.source().contentHash());
        m.put("source", source);
        m.put("horizonDays", e.info() == null ? null : e.info().horizonDays());
        m.put(
                "parameters",
                e.parameters().stream().map(StrategiesCommand::toJson).toList());
        return m;
    }

    private static Map<String, Object> toJson(ParameterSpec p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type().name().toLowerCase(Locale.ROOT));
        m.put("default", p.defaultValue());
        m.put("min", p.min());
        m.put("max", p.max());
        m.put("description", p.description());
        return m;
    }

    /** {@code alphaweave strategies list [--kind K] [--json]}. */
    @Command(
            name = "list",
            description = "List components: id, kind, source, version, hash prefix, status and summary.")
    static final class ListComponents implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        RegistryOptions registry = new RegistryOptions();

        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Option(
                names = "--kind",
                paramLabel = "KIND",
                description = "Only this kind: strategy, combiner, allocator or all (default: all).")
        String kind = "all";

        @Override
        public Integer call() {
            ComponentKind only = parseKind(kind);
            PrintWriter out = spec.commandLine().getOut();
            try (ComponentRegistry r = registry.open()) {
                List<ComponentEntry> entries = only == null ? r.entries() : r.entries(only);
                if (json) {
                    out.println(PluginsCommand.json(
                            entries.stream().map(StrategiesCommand::toJson).toList()));
                    return 0;
                }
                if (entries.isEmpty()) {
                    out.println("no components registered (plugins directory: "
                            + r.pluginsDirectory().map(Object::toString).orElse("none") + ")");
                    return 0;
                }
                TextTable t = new TextTable("KIND", "ID", "SOURCE", "VERSION", "HASH", "STATUS", "SUMMARY");
                for (ComponentEntry e : entries) {
                    t.add(
                            e.kind().name().toLowerCase(Locale.ROOT),
                            e.id(),
                            e.source().type().label() + " " + e.source().name(),
                            e.version(),
                            e.source().shortHash(),
                            e.status().label(),
                            e.isLoaded() ? e.summary() : "error: " + e.status().reason());
                }
                t.print(out);
                return 0;
            }
        }

        private static ComponentKind parseKind(String raw) {
            String k = raw.strip().toLowerCase(Locale.ROOT);
            if (k.equals("all")) {
                return null;
            }
            for (ComponentKind c : ComponentKind.values()) {
                if (c.name().toLowerCase(Locale.ROOT).equals(k)
                        || (c.name().toLowerCase(Locale.ROOT) + "s").equals(k)) {
                    return c;
                }
            }
            throw new AlphaweaveException("--kind must be one of strategy, combiner, allocator, all; was \"" + raw
                    + "\" (known: "
                    + Arrays.stream(ComponentKind.values())
                            .map(c -> c.name().toLowerCase(Locale.ROOT))
                            .toList() + ")");
        }
    }
}
