package io.alphaweave.web.http;

import static io.alphaweave.web.http.ApiTestClient.ROOT;
import static io.alphaweave.web.http.ApiTestClient.assertProblem;
import static io.alphaweave.web.http.ApiTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiServerTest {
    private static final String GOOD_YAML = """
            id: api_test_strategy
            kind: strategy
            description: "Buys weakness: the negative of yesterday's return."
            readme: |
              Mean reversion over one day.
            horizon_days: 1
            params:
              scale: {type: double, default: 1.0, min: 0.1, max: 10.0, description: how hard}
            alpha: |
              if (i < 1) return null;
              const r = close / series.close[i - 1] - 1;
              return Math.max(-1, Math.min(1, -r * params.scale * 10));
            """;

    @TempDir
    static Path dir;

    private static ComponentRegistry registry;
    private static ApiServer server;
    private static ApiTestClient client;
    private static AccessTokens tokens;
    private static String readToken;
    private static String writeToken;
    private static Path definition;
    private static Path shared;

    @BeforeAll
    static void start() throws Exception {
        // the shared data: an sp500 dataset that is a copy of the sample, so that it is cheap to describe
        shared = dir.resolve("shared");
        Files.createDirectories(shared.resolve("sp500"));
        Files.copy(ROOT.resolve("data/sample/sp500_sample.csv.gz"), shared.resolve("sp500/all_stocks_5yr.csv.gz"));
        definition = dir.resolve("api_test_strategy.yaml");
        Files.writeString(definition, GOOD_YAML);
        registry = ComponentRegistry.empty();
        register(definition);
        register(ROOT.resolve("strategies-yaml/combiners/agreement_weighted.js"));
        Files.writeString(dir.resolve("broken.yaml"), "id: broken\n");
        registry.registerFailure(
                ComponentSource.definition(dir.resolve("broken.yaml")),
                ComponentKind.STRATEGY,
                "broken",
                "cannot read " + ROOT.resolve("secret/broken.yaml") + ": denied");
        tokens = new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC());
        readToken = tokens.create(Role.READ).token();
        writeToken = tokens.create(Role.WRITE).token();
        server = ApiServer.create(
                        new ApiServer.Settings(64 * 1024, 10_000, false, List.of(), "9.9.9-test"),
                        ApiTestClient.services(registry, ROOT, shared),
                        tokens,
                        Clock.systemUTC())
                .start("127.0.0.1", 0);
        client = new ApiTestClient(server.port());
    }

    private static void register(Path file) {
        registry.register(
                ComponentSource.definition(file),
                DefinitionLoader.shared().load(file).component());
    }

    @AfterAll
    static void stop() {
        server.close();
        registry.close();
    }

    @Test
    void healthAndVersionAnswerWithoutAToken() {
        var health = client.get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.header("Content-Type")).startsWith("application/json");
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        var version = client.get("/api/v1/version");
        assertThat(version.json().get("version").asText()).isEqualTo("9.9.9-test");
        assertThat(version.json().get("api").asText()).isEqualTo("v1");
    }

    @Test
    void listsComponentsAndFiltersThemByKind() {
        JsonNode all = client.get("/api/v1/components").json();
        assertThat(all.findValuesAsText("id")).contains("api_test_strategy", "agreement_weighted_js", "broken");
        JsonNode strategies = client.get("/api/v1/components?kind=strategy").json();
        assertThat(strategies.findValuesAsText("kind")).containsOnly("strategy");
        assertThat(strategies.findValuesAsText("id"))
                .contains("api_test_strategy")
                .doesNotContain("agreement_weighted_js");
        JsonNode combiners = client.get("/api/v1/components?kind=combiner").json();
        assertThat(combiners.findValuesAsText("id")).containsExactly("agreement_weighted_js");
    }

    @Test
    void anUnknownKindIsABadRequest() {
        JsonNode p = assertProblem(client.get("/api/v1/components?kind=strategies"), 400);
        assertThat(p.get("detail").asText())
                .contains("strategy, combiner, allocator")
                .contains("strategies");
    }

    @Test
    void describesAComponentWithParametersReadmeVersionHashAndSource() throws Exception {
        var a = client.get("/api/v1/components/api_test_strategy");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode c = a.json();
        assertThat(c.get("kind").asText()).isEqualTo("strategy");
        assertThat(c.get("status").asText()).isEqualTo("loaded");
        assertThat(c.get("readme").asText()).isEqualTo("Mean reversion over one day.\n");
        assertThat(c.get("horizon_days").asInt()).isEqualTo(1);
        JsonNode scale = c.get("parameters").get(0);
        assertThat(scale.get("name").asText()).isEqualTo("scale");
        assertThat(scale.get("default_value").asDouble()).isEqualTo(1.0);
        assertThat(scale.get("min").asDouble()).isEqualTo(0.1);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(definition)));
        // the one JsonMapper writes a digit run as a word: sha256 → sha_256
        assertThat(c.get("source").get("sha_256").asText()).isEqualTo(sha);
        assertThat(c.get("source").get("type").asText()).isEqualTo("yaml");
        assertThat(c.get("source").has("location")).isFalse();
        assertThat(a.body()).doesNotContain(dir.toString());
    }

    @Test
    void aFailedComponentShowsItsReasonWithoutServerPaths() {
        var a = client.get("/api/v1/components/broken");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("error").asText()).isEqualTo("cannot read broken.yaml: denied");
        assertThat(a.body()).doesNotContain(ROOT.toString());
    }

    @Test
    void anUnknownComponentIs404() {
        JsonNode p = assertProblem(client.get("/api/v1/components/no_such_thing"), 404);
        assertThat(p.get("detail").asText()).contains("no_such_thing");
        assertThat(p.get("instance").asText()).isEqualTo("/api/v1/components/no_such_thing");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..%2f..%2f..%2fetc%2fpasswd",
                "%2e%2e",
                "%2e%2e%2f%2e%2e%2fpom.xml",
                "..%5c..%5cpom.xml",
                "%2Fetc%2Fpasswd",
                "%252e%252e%252fpom.xml",
                "..",
                "a..b",
                "C:%5cWindows"
            })
    void traversalIdsAreRefusedInEveryEncoding(String id) {
        for (String route : List.of("/api/v1/components/", "/api/v1/datasets/")) {
            var a = client.get(route + id);
            assertThat(a.status()).as(route + id).isIn(400, 404);
            assertProblem(a, a.status());
            assertThat(a.body()).doesNotContain("root:x:").doesNotContain("<project");
        }
    }

    @Test
    void absoluteAndDotSegmentPathsNeverReachAFile() {
        for (String raw : List.of("/api/v1/datasets//etc/passwd", "/api/v1/datasets/../../../etc/passwd")) {
            var a = client.get(raw);
            assertThat(a.status()).as(raw).isIn(400, 404);
            assertProblem(a, a.status());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/components/%zz",
                "/api/v1/components/%",
                "/api/v1/datasets/a%00b",
                "/api/v1/../../etc/passwd"
            })
    void requestsTheServerCannotDecodeStillAnswerWithAProblem(String target) {
        String answer = client.raw(target);
        assertThat(answer).containsPattern("^HTTP/1.1 4\\d\\d ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer)
                .containsPattern("\"status\"\\s*:\\s*4\\d\\d")
                .contains("\"type\" : \"urn:alphaweave:problem:")
                .contains("X-Content-Type-Options: nosniff")
                .contains("frame-ancestors 'none'")
                .doesNotContain("<html")
                .doesNotContain("Exception");
    }

    @Test
    void listsPluginJarsByFileNameWithTheirStateAndHash(@TempDir Path plugins) throws Exception {
        byte[] notAJar = {'n', 'o', 't', ' ', 'a', ' ', 'j', 'a', 'r'};
        Files.write(plugins.resolve("broken-plugin.jar"), notAJar);
        try (ComponentRegistry withPlugins =
                        ComponentRegistry.builder().pluginsDirectory(plugins).build();
                ApiServer s = ApiServer.create(
                                new ApiServer.Settings(1024, 100, false, List.of(), "t"),
                                ApiTestClient.services(withPlugins, ROOT, shared),
                                tokens,
                                Clock.systemUTC())
                        .start("127.0.0.1", 0)) {
            var a = new ApiTestClient(s.port()).get("/api/v1/plugins");
            assertThat(a.status()).as(a.body()).isEqualTo(200);
            JsonNode p = a.json().get(0);
            assertThat(p.get("file").asText()).isEqualTo("broken-plugin.jar");
            assertThat(p.get("state").asText()).isEqualTo("failed");
            assertThat(p.get("error").asText()).isNotBlank();
            assertThat(p.get("sha_256").asText())
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(notAJar)));
            assertThat(a.body()).doesNotContain(plugins.toString());
        }
        assertThat(client.get("/api/v1/plugins").json().size()).isZero();
    }

    @Test
    void anUnknownRouteIs404AndAWrongMethodIs405WithAllow() {
        JsonNode p = assertProblem(client.get("/api/v1/nothing-here"), 404);
        assertThat(p.get("detail").asText()).contains("/api/v1/nothing-here").contains("openapi.json");
        var wrong = client.method("DELETE", "/api/v1/health");
        assertProblem(wrong, 405);
        assertThat(wrong.header("Allow")).contains("GET");
    }

    @Test
    void listsTheDatasetsByNameAndOriginWithoutFiles() {
        JsonNode list = client.get("/api/v1/datasets").json();
        assertThat(list.findValuesAsText("id")).containsExactly("sample", "sp500");
        assertThat(list.findValuesAsText("origin")).containsExactly("shipped", "shared");
        assertThat(client.get("/api/v1/datasets").body())
                .doesNotContain("csv.gz")
                .doesNotContain(dir.toString());
    }

    @Test
    void describesTheSharedSp500DatasetWhenItIsPresent() {
        var a = client.get("/api/v1/datasets/sp500");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("origin").asText()).isEqualTo("shared");
        assertThat(a.json().get("symbol_count").asInt()).isEqualTo(50);
    }

    @Test
    void describesTheSampleDatasetWithSymbolsDatesAndDefects() {
        var a = client.get("/api/v1/datasets/sample");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode d = a.json();
        // data/sample/README.md: 50 stocks, 2013-02-08 .. 2018-02-07, 1,259 trading days, 60,331 rows
        assertThat(d.get("symbol_count").asInt()).isEqualTo(50);
        assertThat(d.get("first_date").asText()).isEqualTo("2013-02-08");
        assertThat(d.get("last_date").asText()).isEqualTo("2018-02-07");
        assertThat(d.get("trading_days").asInt()).isEqualTo(1259);
        assertThat(d.get("rows").asLong()).isEqualTo(60_331);
        assertThat(d.get("symbols").findValuesAsText("symbol")).contains("AAPL");
        assertThat(d.get("defects").size()).isPositive();
        for (JsonNode defect : d.get("defects")) {
            assertThat(defect.get("file").asText()).doesNotContain("/").doesNotContain("\\");
        }
        int counted = 0;
        for (JsonNode n : d.get("defect_counts")) {
            counted += n.asInt();
        }
        assertThat(counted).isEqualTo(d.get("defects").size());
    }

    @Test
    void anUnknownDatasetIs404NamingTheKnownOnes() {
        JsonNode p = assertProblem(client.get("/api/v1/datasets/nasdaq"), 404);
        assertThat(p.get("detail").asText()).contains("nasdaq").contains("sample");
    }

    @Test
    void validateNeedsAToken() {
        var none = client.post("/api/v1/validate", "application/yaml", GOOD_YAML);
        var wrong = client.post(
                "/api/v1/validate", "application/yaml", GOOD_YAML, "Authorization", bearer("aw_not-a-real-token"));
        var notBearer =
                client.post("/api/v1/validate", "application/yaml", GOOD_YAML, "Authorization", "Basic " + writeToken);
        assertProblem(none, 401);
        assertProblem(wrong, 401);
        assertProblem(notBearer, 401);
        // one answer, so that a caller cannot tell a wrong token from none
        assertThat(wrong.body()).isEqualTo(none.body());
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo(none.header("WWW-Authenticate"));
    }

    @Test
    void validateRefusesAReadToken() {
        JsonNode p = assertProblem(
                client.post("/api/v1/validate", "application/yaml", GOOD_YAML, "Authorization", bearer(readToken)),
                403);
        assertThat(p.get("detail").asText()).contains("write").contains("read");
    }

    @Test
    void aWrongTokenOnAnOpenRouteIsStill401() {
        assertProblem(client.get("/api/v1/health", "Authorization", bearer("aw_guess")), 401);
        assertThat(client.get("/api/v1/health", "Authorization", bearer(readToken))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void validatesAGoodDefinitionWithAnInSampleBacktest() {
        var a = client.post(
                "/api/v1/validate?filename=mine.yaml",
                "application/yaml; charset=utf-8",
                GOOD_YAML,
                "Authorization",
                bearer(writeToken));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode r = a.json();
        assertThat(r.get("ok").asBoolean()).isTrue();
        assertThat(r.get("id").asText()).isEqualTo("api_test_strategy");
        assertThat(r.get("file").asText()).isEqualTo("mine.yaml");
        assertThat(r.get("checks").get("lookahead").asText()).isEqualTo("passed");
        assertThat(r.get("backtest").get("data").asText()).isEqualTo("sample");
        assertThat(r.get("backtest").get("symbols").asInt()).isEqualTo(50);
    }

    @Test
    void validatesJavaScriptByContentType() throws Exception {
        String js = Files.readString(ROOT.resolve("strategies-yaml/combiners/agreement_weighted.js"));
        var a = client.post("/api/v1/validate", "text/javascript", js, "Authorization", bearer(writeToken));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().get("kind").asText()).isEqualTo("combiner");
        assertThat(a.json().get("file").asText()).isEqualTo("definition.js");
    }

    @Test
    void malformedYamlIs400WithWhereItBroke() {
        var a = client.post(
                "/api/v1/validate",
                "application/yaml",
                "id: x\nkind: [strategy\nalpha: 1\n",
                "Authorization",
                bearer(writeToken));
        JsonNode p = assertProblem(a, 400);
        JsonNode first = p.get("problems").get(0);
        assertThat(first.get("code").asText()).startsWith("YAML_");
        assertThat(first.get("file").asText()).isEqualTo("definition.yaml");
        assertThat(first.get("line").asInt()).isPositive();
    }

    @Test
    void malformedJsonIs400() {
        var a = client.post(
                "/api/v1/validate", "application/json", "{\"id\": \"x\", ", "Authorization", bearer(writeToken));
        JsonNode p = assertProblem(a, 400);
        assertThat(p.get("problems").size()).isPositive();
    }

    @Test
    void aDefinitionThatFailsItsChecksIs422WithProblemsAndChecks() {
        var a = client.post(
                "/api/v1/validate",
                "application/yaml",
                "id: Bad-Id\nkind: strategy\nhorizon_days: 1\nalpah: \"0\"\n",
                "Authorization",
                bearer(writeToken));
        JsonNode p = assertProblem(a, 422);
        assertThat(p.get("type").asText()).isEqualTo("urn:alphaweave:problem:invalid-definition");
        assertThat(p.get("problems").size()).isGreaterThanOrEqualTo(2);
        for (JsonNode problem : p.get("problems")) {
            assertThat(problem.has("line") && problem.has("column") && problem.has("code") && problem.has("hint"))
                    .as(problem.toString())
                    .isTrue();
        }
        assertThat(p.get("checks").get("schema").asText()).isEqualTo("failed");
    }

    @Test
    void aWrongContentTypeIs415() {
        JsonNode p = assertProblem(
                client.post("/api/v1/validate", "text/plain", GOOD_YAML, "Authorization", bearer(writeToken)), 415);
        assertThat(p.get("detail").asText()).contains("text/plain").contains("application/yaml");
        assertProblem(client.post("/api/v1/validate", null, GOOD_YAML, "Authorization", bearer(writeToken)), 415);
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "# " + "x".repeat(70 * 1024) + "\n" + GOOD_YAML;
        JsonNode p = assertProblem(
                client.post("/api/v1/validate", "application/yaml", big, "Authorization", bearer(writeToken)), 413);
        assertThat(p.get("detail").asText()).contains(Integer.toString(64 * 1024));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2F..%2Fetc%2Fpasswd.yaml", "%2Ftmp%2Fx.yaml", "x.txt", "x.js"})
    void aBadFilenameIs400(String filename) {
        assertProblem(
                client.post(
                        "/api/v1/validate?filename=" + filename,
                        "application/yaml",
                        GOOD_YAML,
                        "Authorization",
                        bearer(writeToken)),
                400);
    }

    @Test
    void aRevokedTokenIsRefusedByTheRunningService() {
        AccessTokens.Created c = tokens.create(Role.WRITE);
        String auth = bearer(c.token());
        assertThat(client.get("/api/v1/health", "Authorization", auth).status()).isEqualTo(200);
        assertThat(tokens.revoke(c.entry().id())).isTrue();
        assertProblem(client.get("/api/v1/health", "Authorization", auth), 401);
    }

    @Test
    void theExplorerPageLoadsSwaggerUiFromTheWebJar() {
        var page = client.get("/explorer");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body())
                .contains("/webjars/swagger-ui/" + ApiRoutes.SWAGGER_UI_VERSION + "/swagger-ui-bundle.js");
        assertThat(page.body()).doesNotContain("<script>");
        assertThat(ApiRoutes.SWAGGER_UI_VERSION).matches("\\d+\\.\\d+\\.\\d+");
        var bundle = client.get("/webjars/swagger-ui/" + ApiRoutes.SWAGGER_UI_VERSION + "/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(client.get("/explorer/init.js").body()).contains("/api/v1/openapi.json");
    }

    @Test
    void aFaultInsideTheServiceIs500WithAReferenceAndNoDetails(@TempDir Path other) throws Exception {
        Path broken = other.resolve("data/sample");
        Files.createDirectories(broken);
        Files.write(broken.resolve("sp500_sample.csv.gz"), new byte[] {1, 2, 3, 4});
        try (ApiServer s = ApiServer.create(
                        new ApiServer.Settings(1024, 100, false, List.of(), "t"),
                        ApiTestClient.services(registry, other, other),
                        tokens,
                        Clock.systemUTC())
                .start("127.0.0.1", 0)) {
            var a = new ApiTestClient(s.port()).get("/api/v1/datasets/sample");
            JsonNode p = assertProblem(a, 500);
            assertThat(p.get("detail").asText()).contains("reference");
            assertThat(a.body()).doesNotContain(other.toString()).doesNotContain("csv.gz");
        }
    }

    @Test
    void overThePerCallerRateIs429WithRetryAfter() {
        Clock frozen = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
        try (ApiServer s = ApiServer.create(
                        new ApiServer.Settings(1024, 2, false, List.of(), "t"),
                        ApiTestClient.services(registry, ROOT, shared),
                        tokens,
                        frozen)
                .start("127.0.0.1", 0)) {
            ApiTestClient c = new ApiTestClient(s.port());
            String auth = bearer(readToken);
            assertThat(c.get("/api/v1/health", "Authorization", auth).status()).isEqualTo(200);
            assertThat(c.get("/api/v1/health", "Authorization", auth).status()).isEqualTo(200);
            var limited = c.get("/api/v1/health", "Authorization", auth);
            JsonNode p = assertProblem(limited, 429);
            // 2 a minute: one request every 30 s, and the clock stands still
            assertThat(limited.header("Retry-After")).isEqualTo("30");
            assertThat(p.get("detail").asText()).contains("2 requests a minute");
            // another token has its own budget
            assertThat(c.get("/api/v1/health", "Authorization", bearer(writeToken))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void beyondLoopbackEveryRouteNeedsAToken() {
        try (ApiServer s = ApiServer.create(
                        new ApiServer.Settings(1024, 100, true, List.of(), "t"),
                        ApiTestClient.services(registry, ROOT, shared),
                        tokens,
                        Clock.systemUTC())
                .start("127.0.0.1", 0)) {
            ApiTestClient c = new ApiTestClient(s.port());
            assertProblem(c.get("/api/v1/components"), 401);
            assertThat(c.get("/api/v1/components", "Authorization", bearer(readToken))
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void corsIsOffUnlessConfigured() {
        assertThat(client.get("/api/v1/health", "Origin", "https://app.example").header("Access-Control-Allow-Origin"))
                .isNull();
        try (ApiServer s = ApiServer.create(
                        new ApiServer.Settings(1024, 100, false, List.of("https://app.example"), "t"),
                        ApiTestClient.services(registry, ROOT, shared),
                        tokens,
                        Clock.systemUTC())
                .start("127.0.0.1", 0)) {
            ApiTestClient c = new ApiTestClient(s.port());
            assertThat(c.get("/api/v1/health", "Origin", "https://app.example").header("Access-Control-Allow-Origin"))
                    .isEqualTo("https://app.example");
            assertThat(c.get("/api/v1/health", "Origin", "https://evil.example").header("Access-Control-Allow-Origin"))
                    .isNull();
        }
    }
}
