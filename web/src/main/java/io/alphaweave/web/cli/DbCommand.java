package io.alphaweave.web.cli;

import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.DatabaseInfo;
import io.alphaweave.platform.store.RunStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "db",
        description = "Create, migrate or describe the run store.",
        subcommands = {DbCommand.Migrate.class, DbCommand.Info.class})
final class DbCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "migrate", description = "Create the store or bring its schema up to date; print its version.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            // opening the store applies the pending migrations
            try (Database db = database.open()) {
                out.println("database: " + db.displayUrl());
                out.println("migrations applied now: " + db.migrationsApplied());
                out.println("schema version: " + db.info().schemaVersion());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "info", description = "The store's engine, URL, schema version, runs by status and signal counts.")
    static final class Info implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        DatabaseOption database = new DatabaseOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = database.open()) {
                DatabaseInfo info = db.info();
                out.println("engine: " + info.engine() + " (" + info.productVersion() + ")");
                out.println("database: " + info.displayUrl());
                out.println("schema version: " + info.schemaVersion());
                for (RunStatus s : RunStatus.values()) {
                    out.println("runs " + s.name().toLowerCase(java.util.Locale.ROOT) + ": "
                            + info.runsByStatus().getOrDefault(s, 0L));
                }
                out.println("signal sets: " + info.signalSets());
                out.println("signal rows: " + info.signalRows());
            }
            out.flush();
            return 0;
        }
    }
}
