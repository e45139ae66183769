package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.app.StoredReports;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.WorkerPool;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.http.BacktestRoutes;
import io.alphaweave.web.pages.Chromium;
import io.alphaweave.web.pages.PageRenderer;
import io.alphaweave.web.pages.PagesModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in headless Chromium against a real service, store and backtest: every chart of the
 * report page draws with data (counted through ECharts' own API), the portfolio page runs a study end
 * to end, the one-file report renders from {@code file://} offline, and hostile names stay text.
 */
class PagesBrowserTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** A strategy whose description and README are markup: they must show as text everywhere. */
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    static final String PROBE_YAML = """
            id: xss_probe
            kind: strategy
            description: "%s"
            readme: |
              <script>alert(3)</script> a README that is not markup
            horizon_days: 1
            params:
              scale: {type: double, default: 1.0, min: 0.1, max: 10.0, description: how hard}
            alpha: |
              if (i < 1) return null;
              const r = close / series.close[i - 1] - 1;
              return Math.max(-1, Math.min(1, -r * params.scale * 10));
            """.formatted(HOSTILE);

    /** The charts of the report page, by their data-chart name. */
    static final List<String> REPORT_CHARTS = List.of(
            "equity",
            "drawdown",
            "monthly",
            "yearly",
            "rollingSharpe",
            "rollingVolatility",
            "alphaVsForward",
            "signalStrength",
            "allocation",
            "contribution",
            "icDecay",
            "bindingConstraints");

    /** Every chart's series and their point counts, from ECharts' own option of each chart. */
    static final String SERIES_COUNTS = """
            var out = {};
            document.querySelectorAll(arguments[0]).forEach(function (el) {
              var chart = echarts.getInstanceByDom(el);
              var key = el.getAttribute('data-chart') || el.id;
              out[key] = chart ? (chart.getOption().series || []).map(function (s) { return (s.data || []).length; }) : null;
            });
            return JSON.stringify(out);
            """;

    @TempDir
    static Path dir;

    static ComponentRegistry registry;
    static Database db;
    static DatasetCatalog catalog;
    static ApiServer server;
    static WorkerPool pool;
    static ChromeDriver browser;
    static String runId;
    static String base;

    @BeforeAll
    static void serveAStoredRun() throws Exception {
        Chromium.require();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("strategies"));
        Files.writeString(home.resolve("strategies/xss_probe.yaml"), PROBE_YAML);
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(home),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, ROOT.toString(), "user.home", home.toString()));
        registry = RegistryOptions.open(w);
        catalog = DatasetCatalog.of(w).datasetsOnly();
        db = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/runs"), Clock.systemUTC()));
        Path config = dir.resolve("hostile.yaml");
        Files.writeString(config, """
                name: "<script>alert(2)</script> study"
                data: {dataset: sample}
                universe: all
                period: {start: 2016-06-01, end: 2018-02-07}
                capital: 1000000
                strategies:
                  - {id: bollinger_mean_reversion, weight: 1.0, params: {window: 20, k: 2.0}}
                  - {id: momentum_rank, weight: 1.5, params: {lookback: 126}}
                  - {id: xss_probe, weight: 0.5}
                combiner: weighted
                allocator: risk_parity
                constraints: {max_position: 0.10, max_sector: 0.30, min_positions: 10, long_only: true, gross_leverage: 1.0, on_infeasible: cash}
                rebalance: weekly
                execution: {fill: next_open, commission_bps: 1, slippage_bps: 2, fractional: true}
                mode: portfolio
                """);
        BacktestConfig parsed = BacktestConfig.parse(config, catalog);
        BacktestService backtests = new BacktestService(registry, catalog);
        runId = new RunService(db)
                .runAndStore(
                        parsed.name(),
                        () -> backtests.runWithSignals(
                                new BacktestRequest.Portfolio(parsed, true),
                                ProgressListener.NONE,
                                CancellationToken.create()))
                .runId();
        // the queue of /backtests: one worker, as `serve` runs it
        BacktestQueue queue = new BacktestQueue(db, catalog, 10, Clock.systemUTC());
        pool = new WorkerPool(db, backtests, catalog, WorkerPool.Settings.of(1));
        queue.onSubmit(pool::wake);
        server = ApiServer.create(
                        new ApiServer.Settings(1 << 20, 100_000, false, List.of(), "9.9.9-test"),
                        new ApiServer.Services(
                                registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog)),
                        new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC()),
                        Clock.systemUTC(),
                        List.of(
                                new BacktestRoutes(queue, 100),
                                new PagesModule(registry, catalog, db, "9.9.9-test", queue)))
                .start("127.0.0.1", 0);
        pool.start();
        base = "http://127.0.0.1:" + server.port();
        browser = Chromium.start(dir.resolve("browser"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (db != null) {
            db.close();
        }
        if (registry != null) {
            registry.close();
        }
    }

    static void waitForCharts(ChromeDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> driver.executeScript("return document.documentElement.getAttribute('data-charts-drawn')")
                        != null);
    }

    static JsonNode seriesCounts(ChromeDriver driver, String selector) throws Exception {
        return JsonMapper.mapper().readTree((String) driver.executeScript(SERIES_COUNTS, selector));
    }

    /** Every report chart has at least one series, and every series has points. */
    static void assertEveryReportChartHasData(JsonNode counts) {
        assertThat(counts.size()).as("charts on the page: " + counts).isEqualTo(REPORT_CHARTS.size());
        for (String chart : REPORT_CHARTS) {
            JsonNode series = counts.get(chart);
            assertThat(series).as(chart + " is drawn by ECharts").isNotNull();
            assertThat(series.isArray() && series.size() > 0)
                    .as(chart + " has series: " + series)
                    .isTrue();
            for (Iterator<JsonNode> it = series.elements(); it.hasNext(); ) {
                assertThat(it.next().asInt())
                        .as(chart + " series points: " + series)
                        .isPositive();
            }
        }
    }

    @Test
    void everyChartOfTheReportPageRendersWithData() throws Exception {
        browser.get(base + "/backtests/" + runId);
        waitForCharts(browser);
        JsonNode counts = seriesCounts(browser, "[data-chart]");
        Chromium.screenshot(browser, "report-page");
        assertEveryReportChartHasData(counts);
        // the equity chart: the portfolio and the buy-and-hold benchmark, one point per drawn day
        assertThat(counts.get("equity")).hasSize(2);
        assertThat(counts.get("signalStrength")).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#trades tbody tr"))).hasSize(50);
        assertThat(browser.findElement(By.cssSelector("#trades-page")).getText())
                .startsWith("page 1 of ");
    }

    @Test
    void aBacktestQueuedFromTheBacktestsPageMovesToCompleteWithoutAReload() {
        browser.get(base + "/backtests");
        // a mark that a reload would wipe
        browser.executeScript("window.awSamePage = 'yes'; document.getElementById('queue-panel').open = true;");
        browser.findElement(By.id("queue-run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> browser.findElement(By.id("queue-status")).getText().startsWith("Queued "));
        String status = browser.findElement(By.id("queue-status")).getText();
        String id = status.substring("Queued ".length(), status.length() - 1);
        String row = "#runs tr[data-run-id='" + id + "']";
        new WebDriverWait(browser, Duration.ofSeconds(240)).until(d -> "true"
                .equals(browser.findElement(By.cssSelector(row)).getAttribute("data-final")));
        Chromium.screenshot(browser, "backtests-queued-run-complete");
        assertThat(browser.findElement(By.cssSelector(row + " .status")).getText())
                .isEqualTo("COMPLETE");
        assertThat(browser.executeScript("return document.querySelector(arguments[0] + ' progress').value", row))
                .isEqualTo(1L);
        // the row went from QUEUED to COMPLETE on this page, following the queue's events
        String seen = browser.findElement(By.cssSelector(row)).getAttribute("data-seen");
        assertThat(seen).startsWith("QUEUED").endsWith("COMPLETE");
        assertThat(browser.executeScript("return window.awSamePage")).isEqualTo("yes");
        assertThat(db.runs().get(id).summary().status().name()).isEqualTo("COMPLETE");
        assertThat(db.runs().get(id).summary().name()).isEqualTo("queued from the pages");
    }

    @Test
    void thePortfolioPageRunsAComparisonOfEveryCombinationMethodEndToEnd() throws Exception {
        int storedBefore = db.runs()
                .list(io.alphaweave.platform.store.RunQuery.latest(100))
                .size();
        browser.get(base + "/portfolio");
        waitForCharts(browser);
        browser.findElement(By.cssSelector("input[name=strategy][value=bollinger_mean_reversion]"))
                .click();
        browser.findElement(By.cssSelector("input[name=strategy][value=momentum_rank]"))
                .click();
        browser.executeScript("var f = document.getElementById('study');"
                + " f.elements.dataset.value = 'sample'; f.elements.start.value = '2017-01-03';");
        browser.findElement(By.id("run")).click();
        new WebDriverWait(browser, Duration.ofSeconds(240)).until(d -> {
            Object state = browser.executeScript("return document.documentElement.getAttribute('data-study')");
            return "done".equals(state) || "failed".equals(state);
        });
        browser.executeScript("document.getElementById('study-result').scrollIntoView()");
        Chromium.screenshot(browser, "portfolio-page");
        assertThat(browser.findElement(By.id("study-status")).getText()).isEqualTo("Done.");
        int methods = registry.ids(ComponentKind.COMBINER).size() + 2;
        assertThat(browser.findElements(By.cssSelector("#comparison tbody tr"))).hasSize(methods);
        JsonNode curves = seriesCounts(browser, "#comparison-chart");
        assertThat(curves.get("comparison-chart")).hasSize(methods);
        curves.get("comparison-chart").forEach(n -> assertThat(n.asInt()).isGreaterThan(100));
        assertThat(browser.findElements(By.cssSelector("#holdings tbody tr"))).isNotEmpty();
        JsonNode allocation = seriesCounts(browser, "#allocation-symbols, #allocation-sectors");
        assertThat(allocation.get("allocation-symbols")).hasSize(2);
        assertThat(allocation.get("allocation-sectors").get(0).asInt()).isPositive();
        // the study is a stored run like any other
        assertThat(db.runs().list(io.alphaweave.platform.store.RunQuery.latest(100)))
                .hasSize(storedBefore + 1);
    }

    @Test
    void theOneFileReportOpenedFromDiskWithoutANetworkRendersEveryChart() throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, PageRenderer.standaloneReport(new StoredReports(db, catalog).charts(runId)));
        ChromeDriver offline = Chromium.start(
                dir.resolve("browser-offline"), "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>");
        try {
            ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
            conditions.setOffline(true);
            offline.setNetworkConditions(conditions);
            offline.get(file.toUri().toString());
            waitForCharts(offline);
            Chromium.screenshot(offline, "report-file-offline");
            assertEveryReportChartHasData(seriesCounts(offline, "[data-chart]"));
            Object fetched = offline.executeScript(
                    "return performance.getEntriesByType('resource')"
                            + ".map(function (e) { return e.name; }).filter(function (n) { return !/^(file|data|blob):/.test(n); })");
            assertThat((List<?>) fetched).as("nothing loaded from a network").isEmpty();
        } finally {
            offline.quit();
        }
    }

    @Test
    void aStrategyDescribedAsMarkupShowsAsTextOnEveryPageAndNoDialogOpens() throws Exception {
        for (String page : List.of("/", "/strategies", "/portfolio", "/backtests", "/backtests/" + runId)) {
            browser.get(base + page);
            waitForCharts(browser);
            assertThatThrownBy(() -> browser.switchTo().alert())
                    .as("a dialog on " + page)
                    .isInstanceOf(NoAlertPresentException.class);
            assertThat(browser.findElements(By.cssSelector("img")))
                    .as("an <img> on " + page)
                    .isEmpty();
            assertThat(browser.findElements(
                            By.xpath("//script[not(@type='application/json') and contains(., 'alert(')]")))
                    .as("a script element from a name on " + page)
                    .isEmpty();
            String text = browser.findElement(By.tagName("body")).getText();
            switch (page) {
                case "/", "/strategies", "/portfolio" ->
                    assertThat(text).as(page).contains(HOSTILE);
                case "/backtests" -> assertThat(text).contains("<script>alert(2)</script> study");
                default -> assertThat(text).contains("<script>alert(2)</script> study", "xss_probe");
            }
            Chromium.screenshot(browser, "xss" + page.replace('/', '_'));
        }
        // the README opens in a dialog, as text
        browser.get(base + "/strategies");
        waitForCharts(browser);
        browser.findElement(By.cssSelector("button[data-dialog='readme-xss_probe']"))
                .click();
        assertThat(browser.findElement(By.id("readme-xss_probe")).getText()).contains("<script>alert(3)</script>");
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }
}
