package io.alphaweave.web.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.JsonMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, Deliver 4: the SDK's own MCP client drives {@code alphaweave mcp} in a child JVM over stdio
 * (the application as the launcher starts it, with the test class path): it lists the tools, validates a
 * good and a bad definition, runs a small backtest on the sample dataset and reads its report, and submits
 * a strategy and reads its verdict. Bad arguments come back as tool errors naming the field and the rule.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class McpStdioServerTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static final String GOOD = """
            id: mcp_close_momentum
            kind: strategy
            description: "Rate of change of the close, squashed into [-1, 1]."
            horizon_days: 10
            params:
              lookback: {type: int, default: 10, min: 2, max: 250, description: look-back in days}
            indicators:
              change: {fn: roc, window: $lookback}
            alpha: clamp(change * 5, -1, 1)
            """;

    /** Uses a name that is not an indicator or a column: the schema check names line and column. */
    static final String BAD = """
            id: mcp_broken
            kind: strategy
            description: "refers to something that does not exist"
            horizon_days: 5
            alpha: clamp(no_such_series * 2, -1, 1)
            """;

    @TempDir
    static Path dir;

    private McpSyncClient client;
    private final StringBuffer stderr = new StringBuffer();

    /** The application as the launcher starts it, in a JVM of its own, serving MCP. */
    static List<String> command(Path home, String... extra) throws Exception {
        Path plugins = Files.createDirectories(home.resolve("no-plugins"));
        String db = "jdbc:h2:file:" + home.resolve("db").resolve("alphaweave").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx768m",
                "-Dalphaweave.home=" + ROOT,
                "-Duser.home=" + home,
                "-Dalphaweave.user.dir=" + home.resolve("user"),
                "-Dalphaweave.cache.dir=" + home.resolve("cache"),
                "-cp",
                System.getProperty("java.class.path"),
                "io.alphaweave.web.Main",
                "mcp",
                "--plugins",
                plugins.toString(),
                "--db",
                db));
        command.addAll(List.of(extra));
        return command;
    }

    @BeforeAll
    void startServer() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = command(home, "--max-wait", "240");
        ServerParameters params = ServerParameters.builder(command.getFirst())
                .args(command.subList(1, command.size()))
                .addEnvVar("ALPHAWEAVE_HOME", home.toString())
                .build();
        StdioClientTransport transport = new StdioClientTransport(params, new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> stderr.append(line).append('\n'));
        client = McpClient.sync(transport)
                .initializationTimeout(Duration.ofMinutes(3))
                .requestTimeout(Duration.ofMinutes(5))
                .build();
        McpSchema.InitializeResult init = client.initialize();
        assertThat(init.serverInfo().name()).isEqualTo("alphaweave");
    }

    @AfterAll
    void stopServer() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private record Answer(boolean error, String text) {
        JsonNode json() {
            return JsonMapper.read(text, JsonNode.class);
        }
    }

    private Answer call(String tool, Map<String, Object> args) {
        McpSchema.CallToolResult r = client.callTool(
                McpSchema.CallToolRequest.builder(tool).arguments(args).build());
        assertThat(r.content())
                .as("content of %s; server stderr:%n%s", tool, stderr)
                .hasSize(1);
        String text = ((McpSchema.TextContent) r.content().getFirst()).text();
        return new Answer(Boolean.TRUE.equals(r.isError()), text);
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void listsTheNineToolsEachWithAnObjectSchemaThatAllowsNoOtherArguments() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet()))
                .isEqualTo(Set.of(
                        "list_components",
                        "describe_component",
                        "list_datasets",
                        "validate_definition",
                        "submit_strategy",
                        "get_submission",
                        "run_backtest",
                        "get_report",
                        "get_report_part"));
        for (McpSchema.Tool t : tools) {
            assertThat(t.inputSchema().get("type")).as(t.name()).isEqualTo("object");
            assertThat(t.inputSchema().get("additionalProperties")).as(t.name()).isEqualTo(false);
            assertThat(t.description()).as(t.name()).isNotBlank();
        }
        McpSchema.Tool validate = tools.stream()
                .filter(t -> t.name().equals("validate_definition"))
                .findFirst()
                .orElseThrow();
        assertThat(validate.inputSchema().get("required")).isEqualTo(List.of("filename", "source"));
        assertThat(((Map<?, ?>) validate.inputSchema().get("properties")).keySet())
                .isEqualTo(java.util.Set.of("filename", "source"));
    }

    @Test
    void listsAndDescribesComponentsAndDatasetsAsTheHttpApiDoes() {
        Answer all = call("list_components", Map.of());
        assertThat(all.error()).as(all.text()).isFalse();
        assertThat(all.json().findValuesAsText("id")).contains("momentum_rank_yaml", "agreement_weighted_js");
        Answer combiners = call("list_components", args("kind", "combiner"));
        assertThat(combiners.json().findValuesAsText("kind")).containsOnly("combiner");

        Answer momentum = call("describe_component", args("id", "momentum_rank_yaml"));
        assertThat(momentum.error()).as(momentum.text()).isFalse();
        assertThat(momentum.json().get("id").asText()).isEqualTo("momentum_rank_yaml");
        assertThat(momentum.json().get("parameters").isArray()).isTrue();
        assertThat(momentum.json().has("alpha_histogram")).isTrue();

        Answer missing = call("describe_component", args("id", "no_such_strategy"));
        assertThat(missing.error()).isTrue();
        assertThat(missing.text()).contains("id: no component \"no_such_strategy\"");

        Answer datasets = call("list_datasets", Map.of());
        assertThat(datasets.json().findValuesAsText("id")).contains("sample");
    }

    @Test
    void validatesAGoodDefinitionAndReportsWhereABadOneIsWrong() {
        Answer good = call("validate_definition", args("filename", "mcp_close_momentum.yaml", "source", GOOD));
        assertThat(good.error()).as(good.text()).isFalse();
        assertThat(good.json().get("ok").asBoolean()).as(good.text()).isTrue();
        assertThat(good.json().get("id").asText()).isEqualTo("mcp_close_momentum");
        assertThat(good.json().get("checks").get("lookahead").asText()).isEqualTo("passed");

        Answer bad = call("validate_definition", args("filename", "mcp_broken.yaml", "source", BAD));
        assertThat(bad.error()).as(bad.text()).isFalse();
        JsonNode report = bad.json();
        assertThat(report.get("ok").asBoolean()).isFalse();
        JsonNode first = report.get("problems").get(0);
        assertThat(first.get("file").asText()).isEqualTo("mcp_broken.yaml");
        assertThat(first.get("line").asInt()).isEqualTo(5);
        assertThat(first.get("code").asText()).isNotBlank();
        assertThat(first.get("message").asText()).contains("no_such_series");
    }

    @Test
    void badArgumentsAreToolErrorsNamingTheFieldAndTheRule() {
        Answer missing = call("validate_definition", args("filename", "x.yaml"));
        assertThat(missing.error()).isTrue();
        assertThat(missing.text()).isEqualTo("source is required: the definition's text, was missing");

        Answer extra = call("list_datasets", args("verbose", true));
        assertThat(extra.error()).isTrue();
        assertThat(extra.text()).startsWith("verbose is not an argument of this tool (additionalProperties is false)");

        Answer wrongType = call("run_backtest", args("config", 42));
        assertThat(wrongType.error()).isTrue();
        assertThat(wrongType.text()).isEqualTo("config must be a JSON object or YAML text, was a number");

        Answer tooLong =
                call("get_submission", args("id", "00000000-0000-0000-0000-000000000000", "wait_seconds", 999));
        assertThat(tooLong.error()).isTrue();
        assertThat(tooLong.text())
                .contains("wait_seconds must be an integer in 0..240 (the server's --max-wait), was 999");

        Answer kind = call("list_components", args("kind", "widget"));
        assertThat(kind.error()).isTrue();
        assertThat(kind.text()).isEqualTo("kind must be one of strategy, combiner, allocator, was \"widget\"");

        Answer badConfig = call(
                "run_backtest",
                args("config", Map.of("name", "x", "data", Map.of("dataset", "nosuch"), "strategies", List.of())));
        assertThat(badConfig.error()).isTrue();
        assertThat(badConfig.text()).contains("nosuch").doesNotContain("\tat ").doesNotContain("Exception");

        Answer noRun = call("get_report", args("run_id", "00000000-0000-0000-0000-000000000000"));
        assertThat(noRun.error()).isTrue();
        assertThat(noRun.text()).startsWith("run_id: no run 00000000-0000-0000-0000-000000000000");
    }

    @Test
    void runsASmallBacktestOnTheSampleDatasetAndReadsItsReport() {
        Map<String, Object> config = args(
                "name",
                "mcp-small",
                "data",
                Map.of("dataset", "sample"),
                "period",
                Map.of("start", "2017-01-03", "end", "2017-06-30"),
                "strategies",
                List.of(Map.of("id", "momentum_rank_yaml")),
                "combiner",
                "agreement_weighted_js",
                "allocator",
                "inverse_vol_alpha_js");
        Answer run = call("run_backtest", args("config", config, "wait_seconds", 200));
        assertThat(run.error()).as(run.text() + "\nserver stderr:\n" + stderr).isFalse();
        JsonNode status = run.json().get("run");
        assertThat(status.get("status").asText()).as(run.text()).isEqualTo("COMPLETE");
        assertThat(run.json().get("metrics").get("sharpe_ratio").isNumber())
                .as(run.text())
                .isTrue();
        String id = status.get("id").asText();

        Answer report = call("get_report", args("run_id", id));
        assertThat(report.error()).as(report.text()).isFalse();
        JsonNode full = report.json();
        assertThat(full.get("config").get("name").asText()).isEqualTo("mcp-small");
        assertThat(full.get("metrics")).isEqualTo(run.json().get("metrics"));
        assertThat(full.get("daily_returns").size()).isGreaterThan(50);

        // the summary: trades, weights and daily confidence are left out, named, counted and paged
        assertThat(full.has("trades")).isFalse();
        assertThat(full.has("weights")).isFalse();
        JsonNode omitted = full.get("omitted");
        assertThat(omitted.findValuesAsText("pointer"))
                .containsExactly("/trades", "/weights", "/strategies/momentum_rank_yaml/confidence_over_time");
        int trades = omitted.get(0).get("count").asInt();
        assertThat(trades).isGreaterThan(3);
        List<JsonNode> paged = new java.util.ArrayList<>();
        Integer offset = 0;
        while (offset != null) {
            Answer page =
                    call("get_report_part", args("run_id", id, "pointer", "/trades", "offset", offset, "limit", 3));
            assertThat(page.error()).as(page.text()).isFalse();
            assertThat(page.json().get("total").asInt()).isEqualTo(trades);
            assertThat(page.json().get("offset").asInt()).isEqualTo(offset);
            page.json().get("items").forEach(paged::add);
            JsonNode next = page.json().get("next_offset");
            offset = next.isNull() ? null : next.asInt();
        }
        assertThat(paged).hasSize(trades);
        assertThat(paged.getFirst().has("symbol")).isTrue();
        assertThat(paged.stream().distinct().count()).isEqualTo(trades);
        Answer badPointer = call("get_report_part", args("run_id", id, "pointer", "/metrics"));
        assertThat(badPointer.error()).isTrue();
        assertThat(badPointer.text())
                .isEqualTo("pointer must be one of the report's omitted parts: /trades, /weights or the"
                        + " confidence_over_time of a strategy [momentum_rank_yaml] (the pointers get_report lists"
                        + " under omitted), was \"/metrics\"");
        Answer confidence = call(
                "get_report_part",
                args("run_id", id, "pointer", "/strategies/momentum_rank_yaml/confidence_over_time", "limit", 2));
        assertThat(confidence.error()).as(confidence.text()).isFalse();
        assertThat(confidence.json().get("total").asInt())
                .isEqualTo(omitted.get(2).get("count").asInt());
        assertThat(confidence.json().get("items").get(0).has("mean_confidence")).isTrue();
        Answer badLimit = call("get_report_part", args("run_id", id, "pointer", "/trades", "limit", 0));
        assertThat(badLimit.error()).isTrue();
        assertThat(badLimit.text()).isEqualTo("limit must be an integer in 1..1000, was 0");

        Answer some = call("get_report", args("run_id", id, "sections", List.of("metrics", "hashes")));
        assertThat(some.json().properties().stream().map(Map.Entry::getKey).toList())
                .containsExactly("metrics", "hashes");
        Answer unknown = call("get_report", args("run_id", id, "sections", List.of("secrets")));
        assertThat(unknown.error()).isTrue();
        assertThat(unknown.text())
                .startsWith("sections must name top-level fields of the report [")
                .contains("metrics");
    }

    @Test
    void submitsAStrategyAndReadsItsVerdict() {
        Answer submitted = call(
                "submit_strategy",
                args(
                        "filename",
                        "mcp_close_momentum.yaml",
                        "source",
                        GOOD,
                        "author",
                        "mcp-agent",
                        "family",
                        "mcp-test",
                        "wait_seconds",
                        200));
        assertThat(submitted.error())
                .as(submitted.text() + "\nserver stderr:\n" + stderr)
                .isFalse();
        JsonNode s = submitted.json().get("submission");
        String id = s.get("id").asText();
        assertThat(s.get("author").asText()).isEqualTo("mcp-agent");
        assertThat(s.get("family").asText()).isEqualTo("mcp-test");
        assertThat(submitted.json().get("final").asBoolean())
                .as("a verdict within 200 s: " + submitted.text() + "\nserver stderr:\n" + stderr)
                .isTrue();
        JsonNode verdict = s.get("verdict");
        assertThat(verdict.get("status").asText()).isIn("ACCEPTED", "REJECTED");
        assertThat(verdict.get("reasons").isArray()).isTrue();
        assertThat(verdict.get("content_hash").asText())
                .isEqualTo(s.get("content_hash").asText());
        assertThat(verdict.get("trials").get("overall_trials").asInt()).isGreaterThanOrEqualTo(1);

        Answer read = call("get_submission", args("id", id));
        assertThat(read.error()).as(read.text()).isFalse();
        assertThat(read.json().get("submission").get("verdict")).isEqualTo(verdict);

        Answer bad = call("submit_strategy", args("filename", "../evil.yaml", "source", GOOD));
        assertThat(bad.error()).isTrue();
        assertThat(bad.text()).startsWith("filename must be 1..100 characters of [A-Za-z0-9_.-], was \"../evil.yaml\"");
    }

    @Test
    void stdoutCarriesOnlyProtocolMessagesStderrStaysQuietAndTheServerStopsWhenStdinEnds() throws Exception {
        Path home = Files.createDirectories(dir.resolve("raw"));
        ProcessBuilder pb = new ProcessBuilder(command(home, "--max-wait", "5"));
        pb.environment().put("ALPHAWEAVE_HOME", home.toString());
        Path err = home.resolve("stderr.txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    all.add(line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Writer w = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
            w.write("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                    + "\"2024-11-05\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}\n");
            w.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
            w.write("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":"
                    + "\"list_datasets\",\"arguments\":{}}}\n");
            w.flush();
            JsonNode answer = null;
            while (answer == null) {
                String line = lines.poll(180, TimeUnit.SECONDS);
                assertThat(line)
                        .as("an answer to tools/call; stderr:%n%s", Files.readString(err))
                        .isNotNull();
                JsonNode n = JsonMapper.read(line, JsonNode.class);
                if (n.path("id").asInt() == 2) {
                    answer = n;
                }
            }
            assertThat(answer.get("result").get("content").get(0).get("text").asText())
                    .contains("\"sample\"");
            w.close(); // the client goes away
            assertThat(p.waitFor(60, TimeUnit.SECONDS))
                    .as("stops when stdin ends")
                    .isTrue();
            assertThat(p.exitValue()).isZero();
            reader.join(10_000);
            assertThat(all).hasSize(2);
            for (String line : all) {
                assertThat(JsonMapper.read(line, JsonNode.class).get("jsonrpc").asText())
                        .as(line)
                        .isEqualTo("2.0");
            }
            assertThat(Files.readString(err)).as("stderr without --verbose").doesNotContain("INFO");
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
