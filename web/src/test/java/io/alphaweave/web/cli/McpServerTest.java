package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.store.StoreSettings;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alphaweave mcp} in a real child process, driven by the MCP SDK's client over stdio. */
class McpServerTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    static final String STRATEGY = """
            id: mcp_reversal
            kind: strategy
            description: "<b>yesterday's</b> return, reversed"
            horizon_days: 1
            alpha: |
              if (i < 1) return null;
              const r = close / series.close[i - 1] - 1;
              return Math.max(-1, Math.min(1, -r * 10));
            """;

    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().get(0)).text();
    }

    @Test
    void anAgentListsTheToolsValidatesSubmitsAndReadsItsVerdict() throws Exception {
        Path definitions = Files.createDirectories(dir.resolve("defs"));
        Files.copy(ROOT.resolve("strategies-yaml/strategies/rsi_reversion.yaml"), definitions.resolve("mine_rsi.yaml"));
        Files.writeString(
                definitions.resolve("mine_rsi.yaml"),
                Files.readString(definitions.resolve("mine_rsi.yaml")).replaceFirst("(?m)^id: .*$", "id: my_own_rsi"));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        String db = StoreSettings.h2FileUrl(dir.resolve("db"));
        ServerParameters params = ServerParameters.builder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString())
                .args(
                        "-D" + Workspace.HOME_PROPERTY + "=" + ROOT,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "io.alphaweave.web.Main",
                        "mcp",
                        "--db",
                        db,
                        "--definitions",
                        definitions.toString(),
                        "--plugins",
                        plugins.toString())
                .addEnvVar(Workspace.HOME_ENV, dir.resolve("home").toString())
                .build();
        Set<String> exercised = new TreeSet<>(List.of("--db", "--definitions", "--plugins"));
        ObjectMapper json = new ObjectMapper();
        try (McpSyncClient client = McpClient.sync(
                        new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper())))
                .requestTimeout(Duration.ofMinutes(6))
                .initializationTimeout(Duration.ofMinutes(2))
                .build()) {
            client.initialize();
            assertThat(client.listTools().tools())
                    .extracting(McpSchema.Tool::name)
                    .containsExactlyInAnyOrder(
                            "list_components",
                            "describe_component",
                            "list_datasets",
                            "validate_definition",
                            "submit_strategy",
                            "get_submission",
                            "run_backtest",
                            "get_report");

            JsonNode components = json.readTree(text(
                    client.callTool(new McpSchema.CallToolRequest("list_components", Map.of("kind", "strategy")))));
            assertThat(components.get("components").findValuesAsText("id")).contains("my_own_rsi", "sma_cross_yaml");
            JsonNode plugin = json.readTree(text(
                    client.callTool(new McpSchema.CallToolRequest("describe_component", Map.of("id", "my_own_rsi")))));
            assertThat(plugin.get("source").asText()).isEqualTo("yaml");
            assertThat(json.readTree(text(client.callTool(new McpSchema.CallToolRequest("list_datasets", Map.of()))))
                            .get("datasets")
                            .toString())
                    .contains("sample");

            McpSchema.CallToolResult validated = client.callTool(new McpSchema.CallToolRequest(
                    "validate_definition", Map.of("filename", "mcp_reversal.yaml", "source", STRATEGY)));
            assertThat(validated.isError()).isFalse();
            assertThat(json.readTree(text(validated)).get("ok").asBoolean()).isTrue();
            McpSchema.CallToolResult broken = client.callTool(new McpSchema.CallToolRequest(
                    "validate_definition", Map.of("filename", "b.yaml", "source", "id: b\nkind: strategy\n")));
            assertThat(json.readTree(text(broken)).get("ok").asBoolean()).isFalse();

            McpSchema.CallToolResult submitted = client.callTool(new McpSchema.CallToolRequest(
                    "submit_strategy",
                    Map.of(
                            "filename", "mcp_reversal.yaml",
                            "source", STRATEGY,
                            "author", "agent7",
                            "family", "reversal",
                            "wait_seconds", 300)));
            assertThat(submitted.isError()).as(text(submitted)).isFalse();
            JsonNode s = json.readTree(text(submitted));
            String status = s.get("status").asText();
            assertThat(status).isIn("ACCEPTED", "REJECTED");
            assertThat(s.get("verdict").get("sharpe").get("deflated_sharpe").isNumber())
                    .isTrue();
            JsonNode again = json.readTree(text(client.callTool(new McpSchema.CallToolRequest(
                    "get_submission", Map.of("id", s.get("id").asText())))));
            assertThat(again.get("verdict")).isEqualTo(s.get("verdict"));

            McpSchema.CallToolResult missing =
                    client.callTool(new McpSchema.CallToolRequest("get_report", Map.of("run_id", "no-such-run")));
            assertThat(missing.isError()).isTrue();
            assertThat(text(missing)).contains("no-such-run");
        }
        EveryOptionTakesEffectTest.assertExercisedEveryOption("mcp", exercised);
    }
}
