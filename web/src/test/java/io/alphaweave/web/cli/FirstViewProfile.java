package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.ReportCharts;
import io.alphaweave.platform.app.StoredReports;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's part of a report page's first view, without HTTP or a browser: {@link StoredReports}
 * building a stored run's charts once in a fresh JVM (BENCHMARKS.md "Pages"). Not a test (its name does
 * not end in Test): run it with {@code -Dtest=FirstViewProfile -Dalphaweave.timing.db=JDBC_URL
 * -Dalphaweave.timing.run=RUN_ID}, and {@code -Dalphaweave.timing.home=DIR} to keep the binary panel cache
 * between runs (add a flight recording through {@code -Ddsl.jvm.args=-XX:StartFlightRecording=...}).
 */
class FirstViewProfile {
    @TempDir
    Path dir;

    @Test
    void buildTheChartsOfAStoredRunOnce() {
        String url = System.getProperty("alphaweave.timing.db");
        String runId = System.getProperty("alphaweave.timing.run");
        assertThat(url).as("-Dalphaweave.timing.db").isNotBlank();
        assertThat(runId).as("-Dalphaweave.timing.run").isNotBlank();
        String homeProperty = System.getProperty("alphaweave.timing.home", "");
        Path home = homeProperty.isBlank() ? dir.resolve("home") : Path.of(homeProperty);
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(home),
                System.getenv(),
                java.util.Map.of(
                        Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        try (Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            DatasetCatalog catalog = DatasetCatalog.of(w);
            long t = System.nanoTime();
            ReportCharts charts = new StoredReports(db, catalog).charts(runId);
            System.out.printf(
                    "first charts of run %s (cold JVM): %.0f ms, %d scatter sets, notes %s%n",
                    runId,
                    (System.nanoTime() - t) / 1e6,
                    charts.alphaVsForward().size(),
                    charts.notes());
        }
    }
}
