package io.alphaweave.web.http;

import static io.alphaweave.web.http.ApiTestClient.ROOT;
import static io.alphaweave.web.http.ApiTestClient.assertProblem;
import static io.alphaweave.web.http.ApiTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.WorkerPool;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.cli.AlphaweaveCli;
import io.alphaweave.web.cli.JobsTestPlugin;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backtest routes over a real H2 store, a real worker pool and a real plugin: the lifecycle of a
 * run, its report, its events, cancellation and deletion, and every error answer as one problem shape.
 */
class BacktestApiTest {
    private static final AtomicInteger GATES = new AtomicInteger();

    @TempDir
    static Path dir;

    private static ComponentRegistry registry;
    private static Database db;
    private static String dbUrl;
    private static WorkerPool pool;
    private static ApiServer server;
    private static ApiServer queueOnly;
    private static Database queueOnlyDb;
    private static ApiTestClient client;
    private static ApiTestClient fullClient;
    private static String readToken;
    private static String writeToken;
    private static Path gates;

    @BeforeAll
    static void start() throws Exception {
        gates = Files.createDirectories(dir.resolve("gates"));
        System.setProperty(JobsTestPlugin.GATES_PROPERTY, gates.toString());
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        JobsTestPlugin.write(plugins.resolve("test-jobs.jar"));
        registry = ComponentRegistry.builder().pluginsDirectory(plugins).build();
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, ROOT.toString(), "user.home", dir.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w).datasetsOnly();
        ApiServer.Services services =
                new ApiServer.Services(registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog));
        AccessTokens tokens = new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC());
        readToken = tokens.create(Role.READ).token();
        writeToken = tokens.create(Role.WRITE).token();
        ApiServer.Settings settings = new ApiServer.Settings(64 * 1024, 100_000, false, List.of(), "9.9.9-test");

        dbUrl = "jdbc:h2:file:" + dir.resolve("store/runs");
        db = Database.open(StoreSettings.of(dbUrl, Clock.systemUTC()));
        BacktestQueue queue = new BacktestQueue(db, catalog, 50, Clock.systemUTC());
        pool = new WorkerPool(
                db,
                new BacktestService(registry, catalog),
                catalog,
                new WorkerPool.Settings(2, Duration.ofMillis(50), Duration.ofMillis(20), Duration.ofSeconds(5)));
        queue.onSubmit(pool::wake);
        server = ApiServer.create(settings, services, tokens, Clock.systemUTC(), List.of(new BacktestRoutes(queue, 20)))
                .start("127.0.0.1", 0);
        pool.start();
        client = new ApiTestClient(server.port());

        // a service whose queue takes one backtest and has no workers: the second submission is refused
        queueOnlyDb = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("full/runs"), Clock.systemUTC()));
        queueOnly = ApiServer.create(
                        settings,
                        services,
                        tokens,
                        Clock.systemUTC(),
                        List.of(new BacktestRoutes(new BacktestQueue(queueOnlyDb, catalog, 1, Clock.systemUTC()), 20)))
                .start("127.0.0.1", 0);
        fullClient = new ApiTestClient(queueOnly.port());
    }

    @AfterAll
    static void stop() {
        queueOnly.close();
        server.close();
        pool.close();
        db.close();
        queueOnlyDb.close();
        registry.close();
        System.clearProperty(JobsTestPlugin.GATES_PROPERTY);
    }

    private static ApiTestClient.Answer submit(String yaml) {
        return client.post("/api/v1/backtests", "application/yaml", yaml, "Authorization", bearer(writeToken));
    }

    private static void open(int gate) throws Exception {
        Files.writeString(gates.resolve(Integer.toString(gate)), "go");
    }

    private static JsonNode status(String id) {
        var a = client.get("/api/v1/backtests/" + id);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json();
    }

    private static JsonNode awaitStatus(String id, String... wanted) throws InterruptedException {
        List<String> ok = List.of(wanted);
        for (int i = 0; i < 6000; i++) {
            JsonNode s = status(id);
            if (ok.contains(s.get("status").asText())) {
                return s;
            }
            // a run that ended otherwise never gets there: fail now, with its error
            assertThat(s.get("status").asText()).as(s.toString()).isIn("QUEUED", "RUNNING");
            Thread.sleep(10);
        }
        throw new AssertionError("run " + id + " never reached " + ok + ": " + status(id));
    }

    @Test
    void aRunGoesQueuedRunningCompleteAndItsReportIsTheOneRunsShowGives() throws Exception {
        int gate = GATES.incrementAndGet() + 1000;
        var posted = submit(JobsTestPlugin.config("lifecycle", gate));
        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        String id = posted.json().get("id").asText();
        assertThat(id).matches("[0-9a-f-]{36}");
        assertThat(posted.header("Location")).isEqualTo("/api/v1/backtests/" + id);
        assertThat(posted.json().get("status").asText()).isEqualTo("QUEUED");

        // the first status the service reports is QUEUED or (a worker took it at once) RUNNING; the
        // gate holds it RUNNING until the test opens it
        List<String> seen = new ArrayList<>();
        seen.add(status(id).get("status").asText());
        JsonNode running = awaitStatus(id, "RUNNING");
        seen.add("RUNNING");
        assertThat(running.get("started_at").isNull()).isFalse();
        assertThat(running.get("attempts").asInt()).isEqualTo(1);
        assertProblem(client.get("/api/v1/backtests/" + id + "/report"), 409);
        open(gate);
        JsonNode done = awaitStatus(id, "COMPLETE", "FAILED", "CANCELLED", "INTERRUPTED");
        seen.add(done.get("status").asText());
        assertThat(seen).containsSubsequence("RUNNING", "COMPLETE");
        assertThat(seen.getFirst()).isIn("QUEUED", "RUNNING");
        assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(done.get("running_millis").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(done.get("report").asText()).isEqualTo("/api/v1/backtests/" + id + "/report");

        var report = client.get("/api/v1/backtests/" + id + "/report?full=true");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.header("Content-Type")).startsWith("application/json");
        assertThat(report.body()).doesNotContain("\n");
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(
                new String[] {"runs", "show", id, "--json", "--db", dbUrl},
                List.of(),
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(report.json()).isEqualTo(json.readTree(out.toString()));
        assertThat(report.json().get("config").get("name").asText()).isEqualTo("lifecycle");

        // gzip when asked: the same document, compressed
        HttpResponse<byte[]> zipped = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/v1/backtests/"
                                        + id + "/report?full=true"))
                                .header("Accept-Encoding", "gzip")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(report.body());
        assertThat(zipped.body().length).isLessThan(unzipped.length);

        // the run's rows: one job, COMPLETE, claimed once
        try (Connection c = DriverManager.getConnection(dbUrl);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT status, attempts FROM job WHERE run_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("COMPLETE");
            assertThat(rs.getInt(2)).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void eventsStreamProgressUntilTheRunEnds() throws Exception {
        int gate = GATES.incrementAndGet() + 2000;
        String id =
                submit(JobsTestPlugin.config("events", gate)).json().get("id").asText();
        awaitStatus(id, "RUNNING");
        HttpResponse<java.io.InputStream> stream = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://127.0.0.1:" + server.port() + "/api/v1/backtests/" + id + "/events"))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        open(gate);
        String text;
        try (var in = stream.body()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<JsonNode> events = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String block : text.split("\n\n")) {
            String[] lines = block.split("\n");
            names.add(lines[0].substring("event: ".length()));
            events.add(new ObjectMapper().readTree(lines[1].substring("data: ".length())));
        }
        assertThat(names.getFirst()).isEqualTo("progress");
        assertThat(names.getLast()).isEqualTo("end");
        assertThat(events.getFirst().get("status").asText()).isEqualTo("RUNNING");
        assertThat(events.getLast().get("status").asText()).isEqualTo("COMPLETE");
        double last = -1;
        for (JsonNode e : events) {
            assertThat(e.get("id").asText()).isEqualTo(id);
            assertThat(e.get("progress").asDouble()).isGreaterThanOrEqualTo(last);
            last = e.get("progress").asDouble();
        }
    }

    @Test
    void deleteCancelsARunningRunThenDeletesItOnceFinished() throws Exception {
        int gate = GATES.incrementAndGet() + 3000;
        String id = submit(JobsTestPlugin.config("cancel-me", gate))
                .json()
                .get("id")
                .asText();
        awaitStatus(id, "RUNNING");
        assertProblem(client.method("DELETE", "/api/v1/backtests/" + id, "Authorization", bearer(readToken)), 403);
        var cancel = client.method("DELETE", "/api/v1/backtests/" + id, "Authorization", bearer(writeToken));
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(202);
        assertThat(cancel.json().get("result").asText()).isEqualTo("CANCELLING");
        assertThat(status(id).get("cancel_requested").asBoolean()).isTrue();
        // two heartbeats after the request the worker has seen it (a heartbeat cancels before the next one),
        // unless the run noticed on its own before it reached its gate and has ended already
        java.sql.Timestamp asked = heartbeat(id);
        while (jobRunning(id) && !heartbeat(id).after(asked)) {
            Thread.sleep(5);
        }
        java.sql.Timestamp once = heartbeat(id);
        while (jobRunning(id) && !heartbeat(id).after(once)) {
            Thread.sleep(5);
        }
        open(gate);
        JsonNode cancelled = awaitStatus(id, "CANCELLED", "COMPLETE", "FAILED");
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertProblem(client.get("/api/v1/backtests/" + id + "/report"), 409);

        var deleted = client.method("DELETE", "/api/v1/backtests/" + id, "Authorization", bearer(writeToken));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("result").asText()).isEqualTo("DELETED");
        assertProblem(client.get("/api/v1/backtests/" + id), 404);
        assertProblem(client.method("DELETE", "/api/v1/backtests/" + id, "Authorization", bearer(writeToken)), 404);
    }

    private static boolean jobRunning(String runId) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl);
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT status FROM job WHERE run_id = '" + runId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1).equals("RUNNING");
        }
    }

    private static java.sql.Timestamp heartbeat(String runId) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT heartbeat_at FROM job WHERE run_id = '" + runId + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getTimestamp(1);
        }
    }

    @Test
    void aQueuedRunIsCancelledAtOnceAndAFullQueueAnswers503WithRetryAfter() {
        String yaml = JobsTestPlugin.config("queued", 0);
        var first = fullClient.post("/api/v1/backtests", "application/yaml", yaml, "Authorization", bearer(writeToken));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        var full = fullClient.post("/api/v1/backtests", "application/yaml", yaml, "Authorization", bearer(writeToken));
        JsonNode p = assertProblem(full, 503);
        assertThat(full.header("Retry-After")).isEqualTo("1");
        assertThat(p.get("detail").asText()).contains("queue is full", "limit is 1");

        String id = first.json().get("id").asText();
        assertThat(fullClient
                        .get("/api/v1/backtests/" + id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("QUEUED");
        assertProblem(fullClient.get("/api/v1/backtests/" + id + "/report"), 409);
        var cancel = fullClient.method("DELETE", "/api/v1/backtests/" + id, "Authorization", bearer(writeToken));
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().get("result").asText()).isEqualTo("CANCELLED");
        assertThat(fullClient
                        .get("/api/v1/backtests/" + id)
                        .json()
                        .get("status")
                        .asText())
                .isEqualTo("CANCELLED");
        // the queue has room again
        var again = fullClient.post(
                "/api/v1/backtests",
                "application/json",
                "{\"name\": \"json\", \"data\": {\"dataset\":"
                        + " \"sample\"}, \"strategies\": [{\"id\": \"test_momentum\"}], \"combiner\": \"test_average\","
                        + " \"allocator\": \"test_proportional\"}",
                "Authorization",
                bearer(writeToken));
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        fullClient.method(
                "DELETE", "/api/v1/backtests/" + again.json().get("id").asText(), "Authorization", bearer(writeToken));
    }

    @Test
    void listsRunsNewestFirstByStatusAPageAtATime() throws Exception {
        String a = submit(JobsTestPlugin.config("list-a", 0)).json().get("id").asText();
        String b = submit(JobsTestPlugin.config("list-b", 0)).json().get("id").asText();
        awaitStatus(a, "COMPLETE");
        awaitStatus(b, "COMPLETE");
        JsonNode complete =
                client.get("/api/v1/backtests?status=COMPLETE&limit=1000").json();
        List<String> ids = complete.get("items").findValuesAsText("id");
        assertThat(ids).contains(a, b);
        assertThat(ids.indexOf(b)).isLessThan(ids.indexOf(a));
        assertThat(complete.get("items").findValuesAsText("status")).containsOnly("COMPLETE");

        JsonNode first = client.get("/api/v1/backtests?limit=1").json();
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("next").asText()).isEqualTo("/api/v1/backtests?limit=1&offset=1");
        JsonNode second = client.get(first.get("next").asText()).json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asText())
                .isNotEqualTo(first.get("items").get(0).get("id").asText());

        assertProblem(client.get("/api/v1/backtests?status=DONE"), 400);
        assertProblem(client.get("/api/v1/backtests?limit=0"), 400);
        assertProblem(client.get("/api/v1/backtests?limit=abc"), 400);
        assertProblem(client.get("/api/v1/backtests?offset=-1"), 400);
    }

    @Test
    void writesNeedAWriteToken() {
        String yaml = JobsTestPlugin.config("nope", 0);
        JsonNode none = assertProblem(client.post("/api/v1/backtests", "application/yaml", yaml), 401);
        JsonNode wrong = assertProblem(
                client.post("/api/v1/backtests", "application/yaml", yaml, "Authorization", bearer("aw_wrong")), 401);
        assertThat(wrong.get("detail")).isEqualTo(none.get("detail"));
        assertProblem(
                client.post("/api/v1/backtests", "application/yaml", yaml, "Authorization", bearer(readToken)), 403);
        assertProblem(client.method("DELETE", "/api/v1/backtests/00000000-0000-0000-0000-000000000000"), 401);
    }

    @Test
    void aWrongContentTypeIs415() {
        assertProblem(
                client.post(
                        "/api/v1/backtests",
                        "text/plain",
                        JobsTestPlugin.config("x", 0),
                        "Authorization",
                        bearer(writeToken)),
                415);
        assertProblem(
                client.post(
                        "/api/v1/backtests", null, JobsTestPlugin.config("x", 0), "Authorization", bearer(writeToken)),
                415);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json|{\"name\": \"x\", ",
                "application/json|[1, 2]",
                "application/json|{\"name\": \"a\", \"name\": \"b\"}",
                "application/yaml|name: [unclosed",
                "application/yaml|name: x\n  bad: indent\n",
                "application/yaml|",
                "application/yaml|name: x\ndata: {dataset: sample}\nstrategies: [{id: test_momentum}]\nnot_a_field: 1\n",
                "application/yaml|name: x\ndata: {path: /etc/passwd}\nstrategies: [{id: test_momentum}]\n",
                "application/yaml|name: x\ndata: {dataset: ../../etc}\nstrategies: [{id: test_momentum}]\n",
                "application/yaml|name: x\ndata: {dataset: nosuch}\nstrategies: [{id: test_momentum}]\n"
            })
    void aMalformedOrInvalidBodyIs400WithAProblem(String spec) {
        String[] typeAndBody = spec.split("\\|", 2);
        var a = client.post("/api/v1/backtests", typeAndBody[0], typeAndBody[1], "Authorization", bearer(writeToken));
        JsonNode p = assertProblem(a, 400);
        assertThat(p.get("detail").asText()).doesNotContain("/etc/passwd/").isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..%2f..%2fetc%2fpasswd",
                "%2e%2e",
                "%2e%2e%2f%2e%2e%2fetc",
                "%2Fetc%2Fpasswd",
                "..",
                "not-a-uuid",
                "00000000-0000-0000-0000-00000000000G",
                "..%252f..%252fetc"
            })
    void traversalAndMalformedIdsAre400Or404AndNeverReachTheStore(String raw) {
        for (String suffix : List.of(
                "", "/report", "/events", "/trades", "/weights", "/strategies/test_gate/confidence_over_time")) {
            var a = client.get("/api/v1/backtests/" + raw + suffix);
            assertThat(a.status()).as(raw + suffix + ": " + a.body()).isIn(400, 404);
            assertProblem(a, a.status());
        }
        var d = client.method("DELETE", "/api/v1/backtests/" + raw, "Authorization", bearer(writeToken));
        assertThat(d.status()).isIn(400, 404, 405);
        assertProblem(d, d.status());
    }

    @Test
    void anUnknownRunIs404OnEveryRoute() {
        String unknown = "/api/v1/backtests/123e4567-e89b-12d3-a456-426614174000";
        assertProblem(client.get(unknown), 404);
        assertProblem(client.get(unknown + "/report"), 404);
        assertProblem(client.get(unknown + "/events"), 404);
        assertProblem(client.get(unknown + "/trades"), 404);
        assertProblem(client.get(unknown + "/weights"), 404);
        assertProblem(client.get(unknown + "/strategies/test_gate/confidence_over_time"), 404);
        assertProblem(client.method("DELETE", unknown, "Authorization", bearer(writeToken)), 404);
    }

    @Test
    void everyBacktestRouteIsInTheOpenApiDocument() {
        JsonNode paths = client.get("/api/v1/openapi.json").json().get("paths");
        assertThat(paths.get("/backtests").has("post")).isTrue();
        assertThat(paths.get("/backtests").has("get")).isTrue();
        assertThat(paths.get("/backtests/{id}").has("get")).isTrue();
        assertThat(paths.get("/backtests/{id}").has("delete")).isTrue();
        assertThat(paths.get("/backtests/{id}/report")
                        .get("get")
                        .get("responses")
                        .has("409"))
                .isTrue();
        assertThat(paths.get("/backtests/{id}/events").has("get")).isTrue();
        for (String part : List.of("trades", "weights", "strategies/{strategy}/confidence_over_time")) {
            JsonNode get = paths.get("/backtests/{id}/" + part).get("get");
            assertThat(get.get("responses").has("400")).as(part).isTrue();
            assertThat(get.get("parameters").findValuesAsText("name")).as(part).contains("offset", "limit");
        }
        assertThat(paths.get("/backtests/{id}/report")
                        .get("get")
                        .get("parameters")
                        .findValuesAsText("name"))
                .contains("full");
        assertThat(paths.get("/backtests").get("post").get("responses").has("503"))
                .isTrue();
    }

    /** One COMPLETE run of the test plugin's config, shared by the report tests. */
    private static String completedRun;

    private static synchronized String completedRun() throws Exception {
        if (completedRun == null) {
            int gate = GATES.incrementAndGet() + 1000;
            open(gate);
            // reversal over 5 days against momentum over 20, so that the average is not 0 and there are trades
            var posted = submit(JobsTestPlugin.config("parts", gate)
                    .replace("{id: test_reversal}", "{id: test_reversal, params: {lookback: 5}}"));
            assertThat(posted.status()).as(posted.body()).isEqualTo(202);
            String id = posted.json().get("id").asText();
            assertThat(awaitStatus(id, "COMPLETE").get("status").asText()).isEqualTo("COMPLETE");
            completedRun = id;
        }
        return completedRun;
    }

    @Test
    void theReportSummaryIsTheFullReportWithoutItsPagedPartsAndThePagesGiveThemBackItemByItem() throws Exception {
        String id = completedRun();
        String base = "/api/v1/backtests/" + id;
        JsonNode full = client.get(base + "/report?full=true").json();
        var answer = client.get(base + "/report");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode summary = answer.json();

        // the parts left out, each named, counted and linked
        List<String> strategies = new ArrayList<>();
        full.get("strategies").fieldNames().forEachRemaining(strategies::add);
        assertThat(strategies).containsExactlyInAnyOrder("test_gate", "test_reversal");
        Map<String, String> pointers = new java.util.LinkedHashMap<>();
        pointers.put("/trades", base + "/trades");
        pointers.put("/weights", base + "/weights");
        for (String s : strategies) {
            pointers.put(
                    "/strategies/" + s + "/confidence_over_time", base + "/strategies/" + s + "/confidence_over_time");
        }
        JsonNode omitted = summary.get("omitted");
        assertThat(omitted.findValuesAsText("pointer")).containsExactlyElementsOf(pointers.keySet());
        for (JsonNode o : omitted) {
            String pointer = o.get("pointer").asText();
            assertThat(o.get("href").asText()).isEqualTo(pointers.get(pointer));
            assertThat(o.get("count").asInt())
                    .as(pointer)
                    .isEqualTo(full.at(pointer).size());
        }
        assertThat(summary.get("full_report").asText()).isEqualTo(base + "/report?full=true");

        // the summary is the full report minus exactly those parts (plus the two members that say so)
        com.fasterxml.jackson.databind.node.ObjectNode expected = full.deepCopy();
        expected.remove(List.of("trades", "weights"));
        for (String s : strategies) {
            ((com.fasterxml.jackson.databind.node.ObjectNode)
                            expected.get("strategies").get(s))
                    .remove("confidence_over_time");
        }
        com.fasterxml.jackson.databind.node.ObjectNode rest = summary.deepCopy();
        rest.remove(List.of("omitted", "full_report"));
        assertThat(rest).isEqualTo(expected);
        assertThat(full.get("trades").size()).isGreaterThan(7);
        assertThat(full.get("weights").size()).isGreaterThan(7);
        assertThat(answer.body().length())
                .isLessThan(client.get(base + "/report?full=true").body().length() / 2);

        // each part paged back together by following next, 7 items a time, equals the full report's
        for (JsonNode o : omitted) {
            String pointer = o.get("pointer").asText();
            JsonNode whole = full.at(pointer);
            List<JsonNode> paged = new ArrayList<>();
            String next = o.get("href").asText() + "?limit=7";
            int pages = 0;
            while (next != null) {
                var page = client.get(next);
                assertThat(page.status()).as(next + ": " + page.body()).isEqualTo(200);
                JsonNode p = page.json();
                assertThat(p.get("offset").asInt()).isEqualTo(paged.size());
                assertThat(p.get("limit").asInt()).isEqualTo(7);
                assertThat(p.get("total").asInt()).isEqualTo(whole.size());
                p.get("items").forEach(paged::add);
                next = p.get("next").isNull() ? null : p.get("next").asText();
                pages++;
            }
            assertThat(pages).as(pointer).isEqualTo((whole.size() + 6) / 7);
            assertThat(paged).as(pointer).containsExactlyElementsOf(whole);
        }

        // the default page is the first 100 items
        JsonNode first = client.get(base + "/trades").json();
        assertThat(first.get("limit").asInt()).isEqualTo(100);
        assertThat(first.get("items").size())
                .isEqualTo(Math.min(100, full.get("trades").size()));
        assertThat(first.get("items").get(0)).isEqualTo(full.get("trades").get(0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/trades?limit=0|limit must be an integer in [1, 1000], was \"0\"",
                "/trades?limit=1001|limit must be an integer in [1, 1000], was \"1001\"",
                "/weights?limit=ten|limit must be an integer in [1, 1000], was \"ten\"",
                "/weights?offset=-1|offset must be an integer in [0, 2147483647], was \"-1\"",
                "/trades?offset=100000|offset must be at most the total, ",
                "/trades?page=2|unknown query parameter \"page\"; this route reads [offset, limit]",
                "/trades?limit=5&limit=6|limit must be given at most once, was given 2 times",
                "/strategies/test_gate/confidence_over_time?from=2016-01-01|unknown query parameter \"from\"",
                "/strategies/no*such/confidence_over_time|strategy must be a component id",
                "/report?full=yes|full must be true or false, was \"yes\"",
                "/report?fields=metrics|unknown query parameter \"fields\"; this route reads [full]"
            })
    void badPagingValuesAndUnknownParametersAre400ProblemsNamingTheParameterTheRuleAndTheValue(String spec)
            throws Exception {
        String[] target = spec.split("\\|", 2);
        var a = client.get("/api/v1/backtests/" + completedRun() + target[0]);
        assertThat(assertProblem(a, 400).get("detail").asText()).startsWith(target[1]);
    }

    @Test
    void aStrategyTheRunDoesNotHaveIs404NamingTheOnesItHas() throws Exception {
        var a = client.get("/api/v1/backtests/" + completedRun() + "/strategies/momentum_rank/confidence_over_time");
        assertThat(assertProblem(a, 404).get("detail").asText())
                .isEqualTo("no strategy \"momentum_rank\" in this run's report; its strategies: [test_gate,"
                        + " test_reversal]");
    }

    @Test
    void theReportCarriesAStrongETagOfItsBytesAndAMatchingIfNoneMatchIs304() throws Exception {
        String url = "/api/v1/backtests/" + completedRun() + "/report";
        for (String variant : List.of("", "?full=true")) {
            var plain = client.get(url + variant);
            String tag = plain.header("ETag");
            assertThat(tag)
                    .isEqualTo("\""
                            + java.util.HexFormat.of()
                                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(plain.body().getBytes(StandardCharsets.UTF_8)))
                            + "\"");
            var again = client.get(url + variant, "If-None-Match", tag);
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(tag);
            assertThat(client.get(url + variant, "If-None-Match", "\"stale\", W/" + tag)
                            .status())
                    .isEqualTo(304);
            assertThat(client.get(url + variant, "If-None-Match", "\"stale\"").status())
                    .isEqualTo(200);

            // the gzip bytes are another representation, with a tag of their own
            HttpResponse<byte[]> zipped = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + url + variant))
                                    .header("Accept-Encoding", "gzip")
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            String gzipTag = zipped.headers().firstValue("ETag").orElseThrow();
            assertThat(gzipTag)
                    .isNotEqualTo(tag)
                    .isEqualTo("\""
                            + java.util.HexFormat.of()
                                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                            .digest(zipped.body()))
                            + "\"");
            assertThat(client.get(url + variant, "If-None-Match", gzipTag).status())
                    .as("a gzip tag does not match the identity bytes")
                    .isEqualTo(200);
        }
        assertThat(client.get(url).header("ETag"))
                .isNotEqualTo(client.get(url + "?full=true").header("ETag"));
    }

    @Test
    void thePagedPartsOfARunStillRunningAre409() throws Exception {
        int gate = GATES.incrementAndGet() + 1000;
        String id = submit(JobsTestPlugin.config("parts-running", gate))
                .json()
                .get("id")
                .asText();
        awaitStatus(id, "RUNNING");
        try {
            for (String part : List.of("/trades", "/weights", "/strategies/test_gate/confidence_over_time")) {
                assertProblem(client.get("/api/v1/backtests/" + id + part), 409);
            }
        } finally {
            open(gate);
        }
        awaitStatus(id, "COMPLETE");
    }
}
