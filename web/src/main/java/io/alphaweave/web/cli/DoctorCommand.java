package io.alphaweave.web.cli;

import io.alphaweave.platform.dsl.ScriptRuntime;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code alphaweave doctor}: what this installation runs on and where it looks for components. */
@Command(
        name = "doctor",
        description = "Show the JDK, the JavaScript runtime mode and the directories searched for plugins and"
                + " definitions; with --verbose also the JVM's arguments.")
final class DoctorCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Runtime.Version v = Runtime.version();
        out.printf(
                "jdk:        %s %s (%s)%n", System.getProperty("java.vm.vendor"), v, System.getProperty("java.home"));
        out.printf("jdk ok:     %s (alphaweave needs 21 or newer)%n", v.feature() >= 21 ? "yes" : "NO");
        out.printf(
                "cpus:       %d, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        ScriptRuntime js = ScriptRuntime.shared();
        out.printf(
                "javascript: %s (%s)%n",
                js.implementationName(),
                js.optimizing()
                        ? "optimizing runtime active: scripts are compiled"
                        : "interpreter only: start with the Graal compiler on the upgrade module path (./alphaweave does"
                                + " on JDK 25) for compiled scripts");
        io.alphaweave.platform.app.Workspace workspace = new RegistryOptions().workspace();
        out.printf("plugins:    %s%n", workspace.pluginsDirectory());
        for (io.alphaweave.platform.app.Workspace.DefinitionsFolder d : workspace.definitionFolders()) {
            out.printf("definitions: %s (%s%s)%n", d.path().toAbsolutePath(), d.origin(), d.exists() ? "" : ", absent");
        }
        out.printf("database:   %s%n", workspace.databaseUrl());
        if (spec.commandLine().getParseResult().hasMatchedOption("--verbose")) {
            out.printf(
                    "jvm args:   %s%n",
                    String.join(
                            " ",
                            java.lang.management.ManagementFactory.getRuntimeMXBean()
                                    .getInputArguments()));
        }
        return v.feature() >= 21 ? 0 : 1;
    }
}
