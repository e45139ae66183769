package io.alphaweave.web.cli;

import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.time.Clock;
import picocli.CommandLine.Option;

/** The {@code --db URL} option of every command that reads or writes the store. */
public final class DatabaseOption {
    @Option(
            names = "--db",
            paramLabel = "URL",
            description = "JDBC URL of the run store, e.g. jdbc:postgresql://localhost/alphaweave (default: $"
                    + Workspace.DB_ENV + ", else an H2 file database in the alphaweave home).")
    String url;

    /** @return the URL given, else the workspace's */
    public String resolve() {
        return url != null
                ? url
                : Workspace.fromSystem(Workspace.Overrides.none()).databaseUrl();
    }

    /** @return the store, opened (and migrated) */
    Database open() {
        return Database.open(StoreSettings.of(resolve(), Clock.systemUTC()));
    }
}
