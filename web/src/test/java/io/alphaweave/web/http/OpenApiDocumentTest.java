package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.PluginInstaller;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiDocumentTest {
    @TempDir
    static Path dir;

    private static ComponentRegistry registry;
    private static ApiServer server;
    private static Database store;
    private static ApiTestClient.Answer document;

    @BeforeAll
    static void start() {
        registry = ComponentRegistry.builder()
                .pluginsDirectory(dir.resolve("plugins"))
                .watchPlugins(false)
                .build();
        store = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/runs"), Clock.systemUTC()));
        // every module serve wires in, so that their routes are held to the same document
        server = ApiServer.create(
                        new ApiServer.Settings(1024, 1000, false, List.of(), "1.2.3"),
                        ApiTestClient.services(registry, ApiTestClient.ROOT, dir),
                        new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC()),
                        Clock.systemUTC(),
                        List.of(
                                new PluginRoutes(new PluginInstaller(registry, PluginInstaller.Limits.defaults())),
                                new BacktestRoutes(
                                        new BacktestQueue(
                                                store,
                                                ApiTestClient.catalog(ApiTestClient.ROOT, dir),
                                                10,
                                                Clock.systemUTC()),
                                        250)))
                .start("127.0.0.1", 0);
        document = new ApiTestClient(server.port()).get("/api/v1/openapi.json");
    }

    @AfterAll
    static void stop() {
        server.close();
        store.close();
        registry.close();
    }

    /** "METHOD /api/v1/path" for every operation of the served document. */
    private static Set<String> documented() {
        Set<String> ops = new TreeSet<>();
        JsonNode paths = document.json().get("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                ops.add(method.getKey().toUpperCase(Locale.ROOT) + " " + ApiServer.PREFIX + path.getKey());
            }
        }
        return ops;
    }

    /** What Javalin itself has registered under the API prefix (before/after filters aside). */
    private static Set<String> registered() {
        Set<String> ops = new TreeSet<>();
        for (String e : server.registeredEndpoints()) {
            String path = e.substring(e.indexOf(' ') + 1);
            if (path.startsWith(ApiServer.PREFIX + "/")) {
                ops.add(e);
            }
        }
        return ops;
    }

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        assertThat(document.status()).isEqualTo(200);
        assertThat(registered())
                .contains(
                        "GET /api/v1/health",
                        "GET /api/v1/components/{id}",
                        "GET /api/v1/datasets/{id}",
                        "POST /api/v1/validate",
                        "GET /api/v1/openapi.json",
                        "GET /api/v1/plugins",
                        "POST /api/v1/plugins",
                        "DELETE /api/v1/plugins/{id}",
                        "GET /api/v1/backtests/{id}/report",
                        "GET /api/v1/backtests/{id}/trades",
                        "GET /api/v1/backtests/{id}/weights",
                        "GET /api/v1/backtests/{id}/strategies/{strategy}/confidence_over_time");
        assertThat(documented()).isEqualTo(registered());
    }

    @Test
    void theDocumentIsValidOpenApi31() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document.body(), null, options);
        assertThat(result.getMessages()).isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getSpecVersion()).isEqualTo(SpecVersion.V31);
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(api.getComponents().getSchemas()).containsKey("Problem");
        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        // a 304 is documented without a body
        var notModified = api.getPaths()
                .get("/backtests/{id}/report")
                .getGet()
                .getResponses()
                .get("304");
        assertThat(notModified.getDescription()).contains("ETag");
        assertThat(notModified.getContent()).isNull();
    }

    @Test
    void theValidityCheckNoticesABrokenDocument() {
        // the same check on the document without its info object
        com.fasterxml.jackson.databind.node.ObjectNode broken =
                (com.fasterxml.jackson.databind.node.ObjectNode) document.json();
        broken.remove("info");
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken.toString(), null, new ParseOptions());
        assertThat(result.getMessages()).anyMatch(m -> m.contains("info"));
    }

    @Test
    void operationIdsAreUniqueAndPathParametersAreDeclared() {
        List<String> ids = new ArrayList<>();
        JsonNode paths = document.json().get("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (JsonNode op : path.getValue()) {
                ids.add(op.get("operationId").asText());
                Set<String> declared = new HashSet<>();
                for (JsonNode p : op.path("parameters")) {
                    if (p.get("in").asText().equals("path")) {
                        assertThat(p.get("required").asBoolean()).isTrue();
                        declared.add(p.get("name").asText());
                    }
                }
                assertThat(declared)
                        .as(path.getKey())
                        .isEqualTo(new HashSet<>(OpenApiDocument.pathParameters(path.getKey())));
                assertThat(op.get("responses").size()).isPositive();
            }
        }
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void everyErrorAnswerIsDocumentedAsAProblem() {
        JsonNode validate = document.json().get("paths").get("/validate").get("post");
        for (String status : List.of("400", "401", "403", "413", "415", "422", "429")) {
            assertThat(validate.get("responses").get(status).get("content").has("application/problem+json"))
                    .as(status)
                    .isTrue();
        }
        assertThat(validate.get("x-required-role").asText()).isEqualTo("write");
        assertThat(validate.get("requestBody").get("content").has("application/yaml"))
                .isTrue();
    }

    @Test
    void pluginInstallIsDocumentedAsAnAdminRouteThatReadsAJar() {
        JsonNode install = document.json().get("paths").get("/plugins").get("post");
        assertThat(install.get("x-required-role").asText()).isEqualTo("admin");
        assertThat(install.get("requestBody").get("content").has("application/java-archive"))
                .isTrue();
        assertThat(install.get("requestBody").get("content").has("application/octet-stream"))
                .isTrue();
        for (String status : List.of("201", "401", "403", "413", "415", "422")) {
            assertThat(install.get("responses").has(status)).as(status).isTrue();
        }
        JsonNode uninstall = document.json().get("paths").get("/plugins/{id}").get("delete");
        assertThat(uninstall.get("x-required-role").asText()).isEqualTo("admin");
        assertThat(uninstall.get("responses").has("404")).isTrue();
    }

    @Test
    void everyDocumentedRouteAnswersOtherwiseThanNoSuchRoute() {
        // each documented operation, called without credentials, reaches its route (no "no route" 404)
        ApiTestClient client = new ApiTestClient(server.port());
        for (String op : documented()) {
            String method = op.substring(0, op.indexOf(' '));
            String path = op.substring(op.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x1");
            ApiTestClient.Answer a = client.method(method, path);
            assertThat(a.body()).as(op).doesNotContain("no route ");
            assertThat(a.status()).as(op).isNotEqualTo(405);
        }
    }
}
