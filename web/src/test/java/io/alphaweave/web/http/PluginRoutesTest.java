package io.alphaweave.web.http;

import static io.alphaweave.web.http.ApiTestClient.ROOT;
import static io.alphaweave.web.http.ApiTestClient.assertProblem;
import static io.alphaweave.web.http.ApiTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.PluginInstaller;
import io.alphaweave.platform.registry.TestPluginJar;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /plugins} and {@code DELETE /plugins/{id}} against a started service with real PF4J JARs. */
class PluginRoutesTest {
    /** Small limits, so that hostile JARs stay small. */
    private static final PluginInstaller.Limits LIMITS = new PluginInstaller.Limits(256 * 1024, 50, 8L << 20, 100);

    private static final String JAR = "application/java-archive";

    @TempDir
    Path dir;

    private Path plugins;
    private ComponentRegistry registry;
    private PluginRoutes module;
    private ApiServer server;
    private ApiTestClient client;
    private String admin;
    private String writer;
    private String reader;

    @BeforeEach
    void start() {
        plugins = dir.resolve("plugins");
        registry = ComponentRegistry.builder()
                .pluginsDirectory(plugins)
                .watchPlugins(false)
                .build();
        AccessTokens tokens = new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC());
        admin = tokens.create(Role.ADMIN).token();
        writer = tokens.create(Role.WRITE).token();
        reader = tokens.create(Role.READ).token();
        module = new PluginRoutes(new PluginInstaller(registry, LIMITS));
        server = ApiServer.create(
                        new ApiServer.Settings(1 << 20, 100_000, false, List.of(), "1.0.0-test"),
                        ApiTestClient.servicesWithInsights(registry, ROOT, dir, null),
                        tokens,
                        Clock.systemUTC(),
                        List.of(module))
                .start("127.0.0.1", 0);
        client = new ApiTestClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
        module.close();
        registry.close();
    }

    private byte[] goodJar(String pluginId, String strategyId) throws IOException {
        Path jar = TestPluginJar.plugin(pluginId, "0.3.0")
                .strategy("acme." + pluginId.replace('-', '_'), "Trend", strategyId)
                .writeTo(dir.resolve("build").resolve(pluginId + ".jar"));
        return Files.readAllBytes(jar);
    }

    private ApiTestClient.Answer install(byte[] jar) {
        return client.postBytes("/api/v1/plugins", JAR, jar, "Authorization", bearer(admin));
    }

    /** Every file under the plugins directory (the staging folder included) with its size. */
    private Map<String, Long> pluginFiles() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(plugins)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(plugins.relativize(p).toString(), Files.size(p));
            }
        }
        return files;
    }

    private List<String> componentIds() {
        return client.get("/api/v1/components").json().findValuesAsText("id");
    }

    @Test
    void anInstalledJarStartsWithoutARestartAndItsComponentsComeAndGoWithIt() throws Exception {
        byte[] jar = goodJar("acme-pack", "acme_trend");
        assertThat(componentIds()).doesNotContain("acme_trend");

        ApiTestClient.Answer installed = install(jar);

        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        JsonNode view = installed.json();
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        assertThat(view.get("id").asText()).isEqualTo("acme-pack");
        assertThat(view.get("version").asText()).isEqualTo("0.3.0");
        assertThat(view.get("file").asText()).isEqualTo("acme-pack-0.3.0.jar");
        assertThat(view.get("sha_256").asText()).isEqualTo(sha256);
        assertThat(view.get("state").asText()).isEqualTo("started");
        assertThat(view.get("components").get(0).asText()).isEqualTo("acme_trend");
        assertThat(componentIds()).contains("acme_trend");
        JsonNode listed = client.get("/api/v1/plugins").json();
        assertThat(listed.findValuesAsText("id")).containsExactly("acme-pack");
        assertThat(listed.get(0).get("sha_256").asText()).isEqualTo(sha256);
        assertThat(pluginFiles()).containsOnlyKeys("acme-pack-0.3.0.jar");
        assertThat(client.get("/api/v1/components/acme_trend")
                        .json()
                        .get("source")
                        .get("sha_256")
                        .asText())
                .isEqualTo(sha256);

        ApiTestClient.Answer removed =
                client.method("DELETE", "/api/v1/plugins/acme-pack", "Authorization", bearer(admin));

        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("sha_256").asText()).isEqualTo(sha256);
        assertThat(componentIds()).doesNotContain("acme_trend");
        assertProblem(client.get("/api/v1/components/acme_trend"), 404);
        assertThat(client.get("/api/v1/plugins").json()).isEmpty();
        assertThat(pluginFiles()).isEmpty();
        // and it can come back
        assertThat(install(jar).status()).isEqualTo(201);
        assertThat(componentIds()).contains("acme_trend");
    }

    /** A refused JAR: 422 with its reason, the service answers, nothing new in the plugins directory. */
    private JsonNode assertRefused(byte[] jar, String reason) throws IOException {
        Map<String, Long> filesBefore = pluginFiles();
        String pluginsBefore = client.get("/api/v1/plugins").body();
        List<String> componentsBefore = componentIds();

        JsonNode problem = assertProblem(install(jar), 422);

        assertThat(problem.get("type").asText()).isEqualTo("urn:alphaweave:problem:invalid-plugin");
        assertThat(problem.get("reason").asText()).as(problem.toString()).isEqualTo(reason);
        assertThat(problem.get("detail").asText()).doesNotContain(dir.toString());
        assertThat(client.get("/api/v1/health").status()).isEqualTo(200);
        assertThat(pluginFiles()).isEqualTo(filesBefore);
        assertThat(client.get("/api/v1/plugins").body()).isEqualTo(pluginsBefore);
        assertThat(componentIds()).isEqualTo(componentsBefore);
        return problem;
    }

    @Test
    void aFileThatIsNoJarIsRefused() throws Exception {
        assertRefused("just some text, no zip".getBytes(), "not_a_jar");
        // a JAR cut short: the ZIP header is there, the central directory is not
        byte[] jar = goodJar("cut", "cut_one");
        assertRefused(java.util.Arrays.copyOf(jar, jar.length / 2), "not_a_jar");
    }

    @Test
    void zipSlipEntriesAreRefused() throws Exception {
        for (String name :
                List.of("../evil.class", "lib/../../evil.sh", "/etc/cron.d/evil", "C:/evil.dll", "..\\evil.dll")) {
            JsonNode p = assertRefused(jar(Map.of(name, "x".getBytes())), "zip_slip");
            assertThat(p.get("detail").asText()).contains("evil");
        }
    }

    @Test
    void zipBombsAreRefused() throws Exception {
        // 20 MiB of zeros: over the 8 MiB uncompressed limit, from a few KiB
        assertRefused(jar(Map.of("bomb.bin", new byte[20 << 20])), "zip_bomb");
        // 2 MiB of zeros: under the size limits, but expanding about 1000 times
        assertRefused(jar(Map.of("ratio.bin", new byte[2 << 20])), "zip_bomb");
        // more entries than the limit of 50
        Map<String, byte[]> many = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            many.put("e" + i + ".txt", new byte[] {(byte) i});
        }
        assertRefused(jar(many), "zip_bomb");
    }

    @Test
    void brokenDescriptorsAreRefused() throws Exception {
        assertRefused(
                Files.readAllBytes(TestPluginJar.plugin(null, null).writeTo(dir.resolve("b/none.jar"))),
                "bad_descriptor");
        assertRefused(
                Files.readAllBytes(TestPluginJar.plugin("vless", "one").writeTo(dir.resolve("b/vless.jar"))),
                "bad_descriptor");
        assertRefused(
                Files.readAllBytes(TestPluginJar.plugin("no/slash", "1.0.0").writeTo(dir.resolve("b/slash.jar"))),
                "bad_descriptor");
        JsonNode p = assertRefused(
                Files.readAllBytes(
                        TestPluginJar.plugin(null, null).withoutManifest().writeTo(dir.resolve("b/nomf.jar"))),
                "bad_descriptor");
        assertThat(p.get("detail").asText()).contains("MANIFEST.MF");
    }

    @Test
    void aPluginWhoseStartThrowsIsUnloadedAndRemoved() throws Exception {
        byte[] jar = Files.readAllBytes(TestPluginJar.withStrategy("boom", "boom_one")
                .pluginClass("test.boom.BoomPlugin", "throw new IllegalStateException(\"no licence key\");")
                .writeTo(dir.resolve("b/boom.jar")));

        JsonNode p = assertRefused(jar, "start_failed");

        assertThat(p.get("detail").asText()).contains("no licence key");
        assertThat(componentIds()).doesNotContain("boom_one");
    }

    @Test
    void aPluginWhoseDependencyIsNotInstalledIsRemoved() throws Exception {
        byte[] jar = Files.readAllBytes(TestPluginJar.withStrategy("needy", "needy_one")
                .dependencies("absent-base")
                .writeTo(dir.resolve("b/needy.jar")));

        JsonNode p = assertRefused(jar, "start_failed");

        assertThat(p.get("detail").asText()).contains("absent-base").doesNotContain(plugins.toString());
    }

    @Test
    void aPluginWhoseComponentCannotBeCreatedIsRemoved() throws Exception {
        byte[] jar = Files.readAllBytes(TestPluginJar.plugin("fragile", "1.0.0")
                .extension(
                        "test.fragile.Fragile",
                        TestPluginJar.strategySource(
                                "test.fragile",
                                "Fragile",
                                "fragile_one",
                                "1.0.0",
                                "throw new RuntimeException(\"bad init\");"))
                .writeTo(dir.resolve("b/fragile.jar")));

        JsonNode p = assertRefused(jar, "component_failed");

        assertThat(p.get("detail").asText()).contains("bad init");
    }

    @Test
    void anIdThatIsTakenIsRefusedAndTheInstalledPluginStays() throws Exception {
        assertThat(install(goodJar("acme-pack", "acme_trend")).status()).isEqualTo(201);

        // the same plugin id again, and another plugin whose strategy id is taken
        assertRefused(goodJar("acme-pack", "acme_other"), "id_clash");
        assertRefused(goodJar("copycat", "acme_trend"), "component_failed");

        assertThat(componentIds()).contains("acme_trend").doesNotContain("acme_other");
        assertThat(pluginFiles()).containsOnlyKeys("acme-pack-0.3.0.jar");
    }

    @Test
    void twoUploadsOfTheSamePluginAtOnceInstallItExactlyOnce() throws Exception {
        byte[] jar = goodJar("acme-pack", "acme_trend");
        List<java.util.concurrent.Future<ApiTestClient.Answer>> answers;
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            answers = pool.invokeAll(java.util.Collections.nCopies(4, () -> install(jar)));
        }
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var a : answers) {
            ApiTestClient.Answer answer = a.get();
            statuses.add(answer.status());
            if (answer.status() == 422) {
                assertThat(assertProblem(answer, 422).get("reason").asText()).isEqualTo("id_clash");
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 422, 422, 422);
        assertThat(pluginFiles()).containsOnlyKeys("acme-pack-0.3.0.jar");
        assertThat(componentIds()).containsOnlyOnce("acme_trend");
    }

    @Test
    void anInstalledStrategyGetsASampleHistogramAndOneThatBreaksOnTheSampleStillHasADetail() throws Exception {
        assertThat(install(goodJar("acme-pack", "acme_trend")).status()).isEqualTo(201);
        JsonNode h = client.get("/api/v1/components/acme_trend").json().get("alpha_histogram");
        // the test strategy says 0.5 on every bar with a close: every score falls in bin 15 of 20
        assertThat(h.get("source").asText()).isEqualTo("sample");
        assertThat(h.get("total").asLong()).isPositive();
        assertThat(h.get("counts").get(15).asLong()).isEqualTo(h.get("total").asLong());

        String throwing = TestPluginJar.strategySource("test.flaky", "Flaky", "flaky_one", "1.0.0", "")
                .replace(
                        "int s = context.data().indexOf(symbol);",
                        "if (symbol != null) throw new IllegalStateException(\"flaky\"); int s = 0;");
        byte[] jar = Files.readAllBytes(TestPluginJar.plugin("flaky", "1.0.0")
                .extension("test.flaky.Flaky", throwing)
                .writeTo(dir.resolve("b/flaky.jar")));
        assertThat(install(jar).status()).isEqualTo(201);
        ApiTestClient.Answer detail = client.get("/api/v1/components/flaky_one");
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.json().get("alpha_histogram").isNull()).isTrue();
    }

    @Test
    void onlyAnAdminMayInstallOrUninstall() throws Exception {
        byte[] jar = goodJar("acme-pack", "acme_trend");
        assertProblem(client.postBytes("/api/v1/plugins", JAR, jar), 401);
        assertProblem(client.postBytes("/api/v1/plugins", JAR, jar, "Authorization", bearer("wrong")), 401);
        assertProblem(client.postBytes("/api/v1/plugins", JAR, jar, "Authorization", bearer(reader)), 403);
        assertProblem(client.postBytes("/api/v1/plugins", JAR, jar, "Authorization", bearer(writer)), 403);
        assertThat(pluginFiles()).isEmpty();
        assertThat(install(jar).status()).isEqualTo(201);
        assertProblem(client.method("DELETE", "/api/v1/plugins/acme-pack"), 401);
        assertProblem(client.method("DELETE", "/api/v1/plugins/acme-pack", "Authorization", bearer(writer)), 403);
        assertThat(componentIds()).contains("acme_trend");
    }

    @Test
    void aWrongContentTypeIs415AndAJarOverTheCapIs413() throws Exception {
        byte[] jar = goodJar("acme-pack", "acme_trend");
        assertProblem(client.postBytes("/api/v1/plugins", "text/plain", jar, "Authorization", bearer(admin)), 415);
        assertProblem(client.postBytes("/api/v1/plugins", null, jar, "Authorization", bearer(admin)), 415);
        // application/octet-stream is accepted as well
        assertThat(client.postBytes("/api/v1/plugins", "application/octet-stream", jar, "Authorization", bearer(admin))
                        .status())
                .isEqualTo(201);

        byte[] big = jar(Map.of("noise.bin", random(300 * 1024)));
        JsonNode declared = assertProblem(install(big), 413);
        assertThat(declared.get("reason").asText()).isEqualTo("too_large");
        // without a Content-Length the cap is enforced while streaming
        JsonNode chunked =
                assertProblem(client.postChunked("/api/v1/plugins", JAR, big, "Authorization", bearer(admin)), 413);
        assertThat(chunked.get("reason").asText()).isEqualTo("too_large");
        assertThat(pluginFiles()).containsOnlyKeys("acme-pack-0.3.0.jar");
    }

    @Test
    void uninstallingAnUnknownOrMalformedIdIsAProblem() {
        assertProblem(client.method("DELETE", "/api/v1/plugins/nope", "Authorization", bearer(admin)), 404);
        for (String id : List.of("..%2f..%2fetc", "%2e%2e", "a%00b")) {
            ApiTestClient.Answer a = client.method("DELETE", "/api/v1/plugins/" + id, "Authorization", bearer(admin));
            assertThat(a.status()).as(id).isIn(400, 404);
            assertProblem(a, a.status());
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new java.util.Random(7).nextBytes(b);
        return b;
    }

    /** A JAR with a valid descriptor and the given extra entries. */
    private static byte[] jar(Map<String, byte[]> entries) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Plugin-Id", "hostile");
        m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, m)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
