package io.alphaweave.web.cli;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.StoredReports;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstViewProfile {
    @TempDir
    Path dir;

    @Test
    void profile() {
        String url = System.getProperty("alphaweave.timing.db");
        String runId = System.getProperty("alphaweave.timing.run");
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(home()),
                System.getenv(),
                java.util.Map.of(
                        Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        try (Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            DatasetCatalog catalog = DatasetCatalog.of(w);
            long t = System.nanoTime();
            new StoredReports(db, catalog).charts(runId);
            System.out.printf("FIRST charts (cold JVM): %.0f ms%n", (System.nanoTime() - t) / 1e6);
        }
    }

    /**
     * The alphaweave home: {@code -Dalphaweave.timing.home} (keep one to time views with the binary panel
     * cache filled, as on a service whose runs loaded their data), else a fresh one (the first view then
     * also parses the data file).
     */
    private Path home() {
        String home = System.getProperty("alphaweave.timing.home", "");
        return home.isBlank() ? dir.resolve("home") : Path.of(home);
    }
}
