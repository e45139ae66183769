package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.pages.Chromium;
import io.alphaweave.web.pages.PagesModule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The benchmark of BENCHMARKS.md "Pages": the report page of a stored run, from navigation start to
 * every chart drawn, in headless Chromium, five times after one warm-up. Not a test (its name does
 * not end in Test, so {@code verify} does not run it): run it explicitly with
 * {@code -Dtest=ReportPageTiming -Dalphaweave.timing.db=JDBC_URL -Dalphaweave.timing.run=RUN_ID}.
 */
class ReportPageTiming {
    @TempDir
    Path dir;

    @Test
    void reportPageToEveryChartDrawn() throws Exception {
        String url = System.getProperty("alphaweave.timing.db");
        String runId = System.getProperty("alphaweave.timing.run");
        assertThat(url).as("-Dalphaweave.timing.db").isNotBlank();
        assertThat(runId).as("-Dalphaweave.timing.run").isNotBlank();
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(home()),
                System.getenv(),
                java.util.Map.of(
                        Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        try (ComponentRegistry registry = RegistryOptions.open(w);
                Database db = Database.open(StoreSettings.of(url, Clock.systemUTC()))) {
            DatasetCatalog catalog = DatasetCatalog.of(w);
            try (ApiServer server = ApiServer.create(
                            new ApiServer.Settings(1 << 20, 100_000, false, List.of(), "timing"),
                            new ApiServer.Services(
                                    registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog)),
                            new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC()),
                            Clock.systemUTC(),
                            List.of(new PagesModule(registry, catalog, db, "timing")))
                    .start("127.0.0.1", 0)) {
                String page = "http://127.0.0.1:" + server.port() + "/backtests/" + runId;
                // the server's part of a first view: build the charts (nothing cached yet) and render the page
                long g0 = System.nanoTime();
                java.net.http.HttpResponse<String> first;
                try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                    first = http.send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(page))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                }
                System.out.printf(
                        "first request (server builds the charts and renders the page): %.0f ms, HTTP %d, %d chars%n",
                        (System.nanoTime() - g0) / 1e6,
                        first.statusCode(),
                        first.body().length());
                assertThat(first.statusCode()).isEqualTo(200);
                ChromeDriver browser = Chromium.start(dir.resolve("browser"));
                try {
                    long t0 = System.nanoTime();
                    browser.get(page);
                    PagesBrowserTest.waitForCharts(browser);
                    System.out.printf(
                            "first browser load (charts cached on the server, a cold browser draws them): %.0f ms%n",
                            (System.nanoTime() - t0) / 1e6);
                    List<Double> times = new ArrayList<>();
                    for (int i = 0; i < 5; i++) {
                        browser.get("about:blank");
                        browser.get(page);
                        PagesBrowserTest.waitForCharts(browser);
                        Object drawn = browser.executeScript("return window.awDrawnAt");
                        times.add(((Number) drawn).doubleValue());
                    }
                    Object bytes =
                            browser.executeScript("return performance.getEntriesByType('navigation')[0].transferSize");
                    Collections.sort(times);
                    System.out.printf(
                            "navigation start → every chart drawn (ms): %s; median %.0f ms; page %s bytes%n",
                            times, times.get(2), bytes);
                    Chromium.screenshot(browser, "timing-report-page");
                } finally {
                    browser.quit();
                }
            }
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
