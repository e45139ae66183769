package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.pages.PageAssets;
import io.alphaweave.web.pages.PagesModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pages over HTTP: headers, escaping, assets and the refusals of the study endpoint. */
class PagesModuleTest {
    @TempDir
    static Path dir;

    static ComponentRegistry registry;
    static Database db;
    static ApiServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path probe = dir.resolve("xss_probe.yaml");
        Files.writeString(probe, PagesBrowserTest.PROBE_YAML);
        registry = ComponentRegistry.empty();
        registry.register(
                ComponentSource.definition(probe),
                DefinitionLoader.shared().load(probe).component());
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w).datasetsOnly();
        db = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/runs"), Clock.systemUTC()));
        server = ApiServer.create(
                        new ApiServer.Settings(1 << 20, 100_000, false, List.of(), "9.9.9-test"),
                        new ApiServer.Services(
                                registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog)),
                        new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC()),
                        Clock.systemUTC(),
                        List.of(new PagesModule(registry, catalog, db, "9.9.9-test")))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
        registry.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String type, String origin, String body) throws Exception {
        return postTo(base + path, type, origin, body);
    }

    static HttpResponse<String> postTo(String url, String type, String origin, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageIsHtmlUnderTheServicesCspWithHostileNamesEscaped() throws Exception {
        for (String page : List.of("/", "/strategies", "/portfolio", "/backtests")) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(r.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(
                            csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            // no inline script: every script element either loads a file or carries JSON data
            assertThat(r.body()).doesNotContainPattern("<script>").doesNotContain("<img");
            // no server paths (DESIGN §9): a component's source is its type, name, version and hash
            assertThat(r.body()).doesNotContain(dir.toString());
        }
        assertThat(get("/").body()).contains("&lt;img src=x onerror=alert(1)&gt;", "No stored runs yet");
        assertThat(get("/strategies").body()).contains("&lt;script&gt;alert(3)&lt;/script&gt;");
    }

    @Test
    void theAssetsAndTheChartingLibraryAreServedFromTheApplication() throws Exception {
        for (String file : PageAssets.FILES) {
            HttpResponse<String> r = get(PageAssets.PREFIX + file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).isEqualTo(PageAssets.file(file));
        }
        HttpResponse<String> echarts = get(PageAssets.ECHARTS_PATH);
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).hasSize(PageAssets.echarts().length()).contains("echarts");
        assertThat(get(PageAssets.PREFIX + "secret.js").statusCode()).isEqualTo(404);
        assertThat(get(PageAssets.PREFIX + "..%2Fpom.xml").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownRunAnswersNotFoundNamingIt() throws Exception {
        HttpResponse<String> r = get("/backtests/no-such-run");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no-such-run").doesNotContain("\tat ");
    }

    @Test
    void theStudyEndpointTakesOnlyJsonFromItsOwnOrigin() throws Exception {
        HttpResponse<String> form = post("/portfolio/run", "application/x-www-form-urlencoded", null, "a=b");
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("Content-Type must be application/json");
        HttpResponse<String> foreign = post("/portfolio/run", "application/json", "http://evil.example", "{}");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("http://evil.example");
        HttpResponse<String> notJson = post("/portfolio/run", "application/json", base, "{nope");
        assertThat(notJson.statusCode()).isEqualTo(400);
        HttpResponse<String> badConfig = post(
                "/portfolio/run",
                "application/json",
                base,
                "{\"data\": {\"dataset\": \"sample\"}, \"strategies\": [{\"id\": \"xss_probe\"}], \"combiner\": \"nope\"}");
        assertThat(badConfig.statusCode()).as(badConfig.body()).isEqualTo(400);
        assertThat(badConfig.body()).contains("nope");
        // the refused requests started nothing; the bad config is a run that FAILED, as the store keeps it
        assertThat(get("/backtests/runs.json").body())
                .startsWith("[{")
                .contains("\"status\":\"FAILED\"")
                .doesNotContain("},{");
    }

    @Test
    void theQueueFormsEndpointQueuesOnlyAValidJsonRequestFromItsOwnOrigin() throws Exception {
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w).datasetsOnly();
        try (Database queueDb = Database.open(
                        StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/queue"), Clock.systemUTC()));
                ApiServer queued = ApiServer.create(
                                new ApiServer.Settings(1 << 20, 100_000, false, List.of(), "9.9.9-test"),
                                new ApiServer.Services(
                                        registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog)),
                                new AccessTokens(dir.resolve("tokens-queue.json"), Clock.systemUTC()),
                                Clock.systemUTC(),
                                List.of(new PagesModule(
                                        registry,
                                        catalog,
                                        queueDb,
                                        "9.9.9-test",
                                        new io.alphaweave.platform.jobs.BacktestQueue(
                                                queueDb, catalog, 1, Clock.systemUTC()))))
                        .start("127.0.0.1", 0)) {
            String own = "http://127.0.0.1:" + queued.port();
            String path = own + "/backtests/queue";
            String config = "name: q\ndata: {dataset: sample}\nstrategies: [{id: xss_probe}]\n";
            String body = json(Map.of("config", config, "format", "yaml"));
            assertThat(postTo(path, "text/plain", own, body).statusCode()).isEqualTo(415);
            HttpResponse<String> foreign = postTo(path, "application/json", "http://evil.example", body);
            assertThat(foreign.statusCode()).isEqualTo(403);
            assertThat(foreign.body()).contains("http://evil.example");
            assertThat(postTo(path, "application/json", own, "{nope").statusCode())
                    .isEqualTo(400);
            HttpResponse<String> noConfig = postTo(path, "application/json", own, "{\"config\": 3}");
            assertThat(noConfig.statusCode()).isEqualTo(400);
            assertThat(noConfig.body()).contains("\\\"config\\\"");
            HttpResponse<String> badFormat =
                    postTo(path, "application/json", own, json(Map.of("config", config, "format", "toml")));
            assertThat(badFormat.statusCode()).isEqualTo(400);
            assertThat(badFormat.body()).contains("format must be yaml or json, was \\\"toml\\\"");
            HttpResponse<String> badCompare =
                    postTo(path, "application/json", own, json(Map.of("config", config, "compare", "yes")));
            assertThat(badCompare.statusCode()).isEqualTo(400);
            assertThat(badCompare.body()).contains("compare must be true or false");
            HttpResponse<String> badDataset =
                    postTo(path, "application/json", own, json(Map.of("config", config.replace("sample", "nosuch"))));
            assertThat(badDataset.statusCode()).isEqualTo(400);
            assertThat(badDataset.body()).contains("nosuch");
            assertThat(queueDb.runs().list(io.alphaweave.platform.store.RunQuery.latest(10)))
                    .isEmpty();

            HttpResponse<String> ok = postTo(path, "application/json", own, body);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
            String id = io.alphaweave.platform.app.JsonMapper.mapper()
                    .readTree(ok.body())
                    .get("id")
                    .asText();
            assertThat(ok.body()).contains("\"events\":\"/api/v1/backtests/" + id + "/events\"");
            assertThat(queueDb.runs().get(id).summary().status().name()).isEqualTo("QUEUED");
            assertThat(queueDb.runs().get(id).summary().name()).isEqualTo("q");
            // no worker here: the run stays queued, and the queue (1 place) is full
            HttpResponse<String> full = postTo(path, "application/json", own, body);
            assertThat(full.statusCode()).isEqualTo(503);
            assertThat(full.headers().firstValue("Retry-After")).isPresent();
            assertThat(get("/backtests").body()).doesNotContain("id=\"queue\"");
        }
    }

    private static String json(Object value) {
        return io.alphaweave.platform.app.JsonMapper.write(value);
    }
}
