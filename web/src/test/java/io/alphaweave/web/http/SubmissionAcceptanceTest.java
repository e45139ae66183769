package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as {@code serve} wires it ({@link SubmissionRoutes#into}) with the shipped plugins: the
 * verdict's novelty names plugin strategies as well as definition files, and an ACCEPTED submission is
 * written to the workspace's accepted folder and registered at once, so the registry routes serve it
 * without a restart.
 */
class SubmissionAcceptanceTest {
    static final Path ROOT = ApiTestClient.ROOT;

    /** A one-day reversal; on the sample data with an empty ledger it passes every default threshold. */
    static final String REVERSAL = "id: accepted_reversal\nkind: strategy\ndescription: one-day reversal\n"
            + "horizon_days: 1\nalpha: |\n  if (i < 1) return null;\n"
            + "  const r = close / series.close[i - 1] - 1;\n"
            + "  return Math.max(-1, Math.min(1, -r * 5));\n";

    @TempDir
    static Path dir;

    static ComponentRegistry registry;
    static Workspace workspace;
    static ApiServer server;
    static ApiTestClient client;
    static String writeToken;
    static final List<ApiModule> modules = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        registry = ComponentRegistry.builder()
                .pluginsDirectory(ROOT.resolve("plugins-dist"))
                .build();
        Files.createDirectories(dir.resolve("shared"));
        workspace = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, ROOT.toString(), "user.home", dir.toString()));
        SubmissionRoutes.into(
                modules,
                workspace,
                "jdbc:h2:file:" + dir.resolve("store/submissions"),
                registry,
                ROOT.resolve("data/sample/sp500_sample.csv.gz"),
                1);
        AccessTokens tokens = new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC());
        writeToken = tokens.create(Role.WRITE).token();
        server = ApiServer.create(
                        new ApiServer.Settings(64 * 1024, 100_000, false, List.of(), "9.9.9-test"),
                        ApiTestClient.services(registry, ROOT, dir.resolve("shared")),
                        tokens,
                        Clock.systemUTC(),
                        modules)
                .start("127.0.0.1", 0);
        client = new ApiTestClient(server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        for (ApiModule m : modules) {
            if (m instanceof AutoCloseable c) {
                c.close();
            }
        }
    }

    @Test
    void anAcceptedSubmissionIsWrittenToTheAcceptedFolderAndServedByTheRegistryAtOnce() throws Exception {
        assertThat(client.get("/api/v1/components/accepted_reversal").status()).isEqualTo(404);

        ApiTestClient.Answer posted = client.post(
                "/api/v1/submissions?filename=reversal.yaml&author=tester&family=reversal",
                "application/yaml",
                REVERSAL,
                "Authorization",
                "Bearer " + writeToken);
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        JsonNode done = await(posted.json().get("id").asText());

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("ACCEPTED");
        // novelty compares with every registered strategy: definition files and plugin strategies
        List<String> peers = new ArrayList<>();
        done.get("verdict")
                .get("novelty")
                .get("peers")
                .forEach(p -> peers.add(p.get("strategy").asText()));
        assertThat(peers)
                .contains("momentum_rank_yaml", "donchian_breakout_js")
                .contains("momentum_rank", "sma_cross", "volume_breakout");
        String hash = done.get("verdict").get("content_hash").asText();
        Path acceptedDir = workspace.userDefinitionsDirectory().resolve("accepted");
        Path file = acceptedDir.resolve("accepted_reversal-" + hash.substring(0, 12) + ".yaml");
        assertThat(file).exists();
        assertThat(Files.readString(file)).isEqualTo(REVERSAL);
        try (Stream<Path> files = Files.list(acceptedDir)) {
            assertThat(files).containsExactly(file);
        }

        ApiTestClient.Answer component = client.get("/api/v1/components/accepted_reversal");
        assertThat(component.status()).as(component.body()).isEqualTo(200);
        assertThat(component.json().get("kind").asText()).isEqualTo("strategy");
        assertThat(component.body()).contains(hash);
        assertThat(client.get("/api/v1/components?kind=strategy").body()).contains("\"accepted_reversal\"");
    }

    private static JsonNode await(String id) throws Exception {
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (true) {
            ApiTestClient.Answer g = client.get("/api/v1/submissions/" + id);
            assertThat(g.status()).isEqualTo(200);
            String status = g.json().get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return g.json();
            }
            assertThat(System.nanoTime()).as("a verdict within 4 minutes").isLessThan(until);
            Thread.sleep(200);
        }
    }
}
