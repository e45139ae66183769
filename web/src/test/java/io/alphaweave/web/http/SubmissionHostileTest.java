package io.alphaweave.web.http;

import static io.alphaweave.web.http.ApiTestClient.ROOT;
import static io.alphaweave.web.http.ApiTestClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.platform.submission.SubmissionService;
import io.alphaweave.platform.submission.VerdictThresholds;
import io.alphaweave.platform.submission.WorkerPool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile submissions over HTTP against a real worker JVM (a pool of one, so one worker sees them all in
 * turn): each gets its status while {@code GET /health} keeps answering within a second, and a later
 * well-behaved submission is not affected by an earlier one that redefined built-ins.
 */
class SubmissionHostileTest {
    @TempDir
    static Path dir;

    static Database db;
    static SubmissionRepository repo;
    static SubmissionService service;
    static SubmissionRoutes routes;
    static ApiServer server;
    static ApiTestClient client;
    static String writeToken;
    static Thread prober;
    static final AtomicBoolean probing = new AtomicBoolean(true);
    static final List<String> healthFailures = Collections.synchronizedList(new ArrayList<>());
    static int healthProbes;

    static String yaml(String id, String alpha) {
        return yaml(id, "hostile test", alpha);
    }

    static String yaml(String id, String description, String alpha) {
        StringBuilder b = new StringBuilder(
                "id: " + id + "\nkind: strategy\ndescription: \"" + description + "\"\nhorizon_days: 1\nalpha: |\n");
        for (String line : alpha.split("\n")) {
            b.append("  ").append(line).append('\n');
        }
        return b.toString();
    }

    /** A well-behaved strategy: yesterday's return, reversed (uses Math.max and Math.min). */
    static String reversal(String id, String comment) {
        return yaml(
                id,
                "// " + comment + "\nif (i < 1) return null;\nconst r = close / series.close[i - 1] - 1;\n"
                        + "return Math.max(-1, Math.min(1, -r * 10));");
    }

    @BeforeAll
    static void start() throws Exception {
        db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(dir.resolve("home")), Clock.systemUTC()));
        repo = new SubmissionRepository(db);
        Path accepted = dir.resolve("accepted");
        List<Path> folders = List.of(ROOT.resolve("strategies-yaml/strategies"), accepted);
        WorkerPool pool = new WorkerPool(
                WorkerPool.Settings.of(
                                Path.of(System.getProperty("java.home")),
                                System.getProperty("java.class.path"),
                                ROOT.resolve("data/sample/sp500_sample.csv.gz"),
                                1)
                        .withDeadline(Duration.ofSeconds(60)),
                () -> SubmissionService.definitionFiles(folders));
        service = new SubmissionService(repo, pool, VerdictThresholds.defaults(), accepted, (f, v) -> {}, 1);
        routes = new SubmissionRoutes(() -> service, () -> repo);
        AccessTokens tokens = new AccessTokens(dir.resolve("tokens.json"), Clock.systemUTC());
        writeToken = tokens.create(Role.WRITE).token();
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        server = ApiServer.create(
                        new ApiServer.Settings(64 * 1024, 100_000, false, List.of(), "9.9.9-test"),
                        ApiTestClient.services(ComponentRegistry.empty(), ROOT, shared),
                        tokens,
                        Clock.systemUTC(),
                        List.of(routes))
                .start("127.0.0.1", 0);
        client = new ApiTestClient(server.port());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI health = URI.create("http://127.0.0.1:" + server.port() + "/api/v1/health");
        prober = Thread.ofPlatform().daemon().start(() -> {
            while (probing.get()) {
                try {
                    HttpResponse<String> r = http.send(
                            HttpRequest.newBuilder(health)
                                    .timeout(Duration.ofSeconds(1))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        healthFailures.add("status " + r.statusCode());
                    }
                    healthProbes++;
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    healthFailures.add(e.toString());
                }
            }
        });
    }

    @AfterAll
    static void stop() throws Exception {
        probing.set(false);
        prober.join(5000);
        server.close();
        routes.close();
        db.close();
    }

    static JsonNode submit(String filename, String source) throws Exception {
        String type = filename.endsWith(".js") ? "application/javascript" : "application/yaml";
        ApiTestClient.Answer a = client.post(
                "/api/v1/submissions?filename=" + filename + "&author=hostile&family=hostile",
                type,
                source,
                "Authorization",
                bearer(writeToken));
        assertThat(a.status()).as(a.body()).isEqualTo(202);
        String id = a.json().get("id").asText();
        assertThat(a.header("Location")).isEqualTo("/api/v1/submissions/" + id);
        long until = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (true) {
            // a long poll: answered when the verdict is stored, or after 20 s with the status then
            ApiTestClient.Answer g = client.get("/api/v1/submissions/" + id + "?wait_seconds=20");
            assertThat(g.status()).isEqualTo(200);
            assertThat(g.body()).doesNotContain("<").doesNotContain(">");
            JsonNode s = g.json();
            String status = s.get("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return s;
            }
            assertThat(System.nanoTime()).as("a verdict within 4 minutes").isLessThan(until);
        }
    }

    @Test
    void eachHostileSubmissionGetsItsStatusWhileTheServiceKeepsAnswering() throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("loop.yaml", new String[] {"TIMEOUT", yaml("h_loop", "while (true) {}\nreturn 0;")});
        cases.put("array_bomb.yaml", new String[] {
            "MEMORY_LIMIT",
            yaml("h_array", "const a = [];\nwhile (true) { a.push(new Array(100000).fill(1)); }\nreturn 0;")
        });
        cases.put("string_bomb.yaml", new String[] {
            "MEMORY_LIMIT", yaml("h_string", "let s = 'x';\nwhile (true) { s = s + s; }\nreturn 0;")
        });
        cases.put("recursion.yaml", new String[] {
            "SANDBOX_VIOLATION", yaml("h_rec", "function f(n) { return f(n + 1) + 1; }\nreturn f(0);")
        });
        cases.put(
                "java_type.yaml",
                new String[] {"SANDBOX_VIOLATION", yaml("h_java", "return Java.type('java.lang.System').exit(0);")});
        cases.put("polyglot.yaml", new String[] {"SANDBOX_VIOLATION", yaml("h_poly", "return Polyglot.eval('js', '1');")
        });
        cases.put(
                "load.yaml",
                new String[] {"SANDBOX_VIOLATION", yaml("h_load", "load('https://example.org/x.js');\nreturn 0;")});
        cases.put("nan.yaml", new String[] {"INVALID", yaml("h_nan", "return NaN;")});
        cases.put("infinity.yaml", new String[] {"INVALID", yaml("h_inf", "return -Infinity;")});
        cases.put("string.yaml", new String[] {"INVALID", yaml("h_str", "return 'a lot';")});
        cases.put("range.yaml", new String[] {"INVALID", yaml("h_range", "return 2;")});
        cases.put("tomorrow.yaml", new String[] {
            "LOOKAHEAD",
            yaml(
                    "h_tomorrow",
                    "if (i + 1 >= series.close.length) return 0;\nreturn series.close[i + 1] > close ? 1 : -1;")
        });
        // the console is capped by the sandbox: a flood is no error, the strategy is judged as any other
        cases.put("console.yaml", new String[] {
            "REJECTED", yaml("h_console", "for (let k = 0; k < 20; k++) { console.log('flood ' + k); }\nreturn 0;")
        });
        Map<String, String> got = new LinkedHashMap<>();
        Map<String, String> want = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            JsonNode s = submit(c.getKey(), c.getValue()[1]);
            got.put(c.getKey(), s.get("status").asText());
            want.put(c.getKey(), c.getValue()[0]);
            assertThat(s.get("verdict").get("status").asText())
                    .isEqualTo(s.get("status").asText());
        }
        assertThat(got).isEqualTo(want);
        List<String> floodReasons = service.list("hostile", null, 1000).stream()
                .filter(x -> x.filename().equals("console.yaml"))
                .findFirst()
                .orElseThrow()
                .verdict()
                .reasons()
                .stream()
                .map(io.alphaweave.platform.submission.Verdict.Reason::code)
                .toList();
        assertThat(floodReasons).contains("NO_VARIANCE");
        // every failure recycled the worker; the pool is back to its size
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (service.pool().idleWorkers() < 1 && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(service.pool().liveWorkers()).isEqualTo(1);
        assertThat(service.pool().recycledWorkers()).isGreaterThanOrEqualTo(12);
        assertThat(healthFailures)
                .as("GET /health answered within 1 s, %d probes", healthProbes)
                .isEmpty();
        assertThat(healthProbes).isGreaterThan(10);
    }

    @Test
    void redefiningBuiltInsDoesNotPoisonALaterSubmission() throws Exception {
        JsonNode before = submit("reversal_a.yaml", reversal("rev_a", "first"));
        JsonNode poison = submit(
                "poison.yaml",
                yaml(
                        "h_poison",
                        "Math.max = function () { return 99; };\nMath.min = function () { return -99; };\n"
                                + "Object.prototype.valueOf = function () { return 42; };\nreturn 0.1;"));
        assertThat(poison.get("status").asText()).isEqualTo("REJECTED");
        JsonNode after = submit("reversal_b.yaml", reversal("rev_b", "second"));
        assertThat(after.get("verdict").get("in_sample"))
                .isEqualTo(before.get("verdict").get("in_sample"));
        assertThat(after.get("verdict").get("ic"))
                .isEqualTo(before.get("verdict").get("ic"));
        assertThat(after.get("verdict").get("in_sample").get("days").asInt()).isGreaterThan(100);
        assertThat(healthFailures).isEmpty();
    }

    @Test
    void theSameSubmissionTenTimesIsOneTrialWithByteIdenticalVerdicts() throws Exception {
        int trialsBefore = service.trialCount();
        String source = reversal("rev_ten", "ten times");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<JsonNode>> all = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                all.add(pool.submit(() -> submit("ten.yaml", source)));
            }
            List<String> verdicts = new ArrayList<>();
            for (Future<JsonNode> f : all) {
                verdicts.add(f.get().get("verdict").toString());
            }
            assertThat(verdicts).hasSize(10).containsOnly(verdicts.get(0));
            assertThat(verdicts.get(0)).contains("\"deflated_sharpe\"");
        } finally {
            pool.shutdownNow();
        }
        assertThat(service.trialCount()).isEqualTo(trialsBefore + 1);
        // and the stored text is the same byte for byte
        List<String> stored = service.list("hostile", null, 1000).stream()
                .filter(s -> s.filename().equals("ten.yaml"))
                .map(s -> io.alphaweave.platform.app.JsonMapper.write(s.verdict()))
                .distinct()
                .toList();
        assertThat(stored).hasSize(1);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWith413AndMarkupInTextsComesBackEscaped() throws Exception {
        String big = yaml("h_big", "return 0;") + "# " + "x".repeat(70 * 1024) + "\n";
        ApiTestClient.Answer a = client.post(
                "/api/v1/submissions?filename=big.yaml", "application/yaml", big, "Authorization", bearer(writeToken));
        assertThat(a.status()).isEqualTo(413);
        String html = yaml(
                        "h_html",
                        "<script>alert(1)</script>",
                        "if (i > 3) throw new Error('<img src=x onerror=alert(2)>');\nreturn 0;")
                + "params:\n  p: {type: double, default: 1.0, min: 0, max: 2, description: \"<b>bold</b>\"}\n";
        JsonNode s = submit("html.yaml", html);
        assertThat(s.get("status").asText()).isEqualTo("INVALID");
        assertThat(s.get("verdict").get("problems").get(0).get("message").asText())
                .contains("<img src=x onerror=alert(2)>");
        ApiTestClient.Answer list = client.get("/api/v1/submissions?author=hostile");
        assertThat(list.body()).doesNotContain("<").contains("\\u003cimg");
        assertThat(client.get("/api/v1/submissions?status=NOPE").status()).isEqualTo(400);
        assertThat(client.get("/api/v1/submissions/not-an-id").status()).isEqualTo(400);
        assertThat(client.get("/api/v1/submissions/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
        ApiTestClient.Answer anonymous =
                client.post("/api/v1/submissions?filename=x.yaml", "application/yaml", yaml("x", "return 0;"));
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void aWaitingGetIsAnsweredWithTheVerdictOnceItIsStoredAndItsParametersAreChecked() throws Exception {
        // a submission some other process evaluates: the waiting request finds its verdict in the store
        String id = java.util.UUID.randomUUID().toString();
        repo.insert(
                id,
                new io.alphaweave.platform.submission.SubmissionRequest(
                        "elsewhere.yaml", yaml("h_elsewhere", "return 0;"), "hostile", "hostile"),
                "f".repeat(64));
        ApiTestClient.Answer quick = client.get("/api/v1/submissions/" + id + "?wait_seconds=0");
        assertThat(quick.json().get("status").asText()).isEqualTo("QUEUED");
        ApiTestClient.Answer timedOut = client.get("/api/v1/submissions/" + id + "?wait_seconds=1");
        assertThat(timedOut.status()).isEqualTo(200);
        assertThat(timedOut.json().get("status").asText()).isEqualTo("QUEUED");
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            Future<ApiTestClient.Answer> waiting =
                    one.submit(() -> client.get("/api/v1/submissions/" + id + "?wait_seconds=20"));
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            repo.finish(
                    id,
                    io.alphaweave.platform.submission.SubmissionStatus.TIMEOUT,
                    io.alphaweave.platform.app.JsonMapper.write(
                            io.alphaweave.platform.submission.Verdict.withoutFigures(
                                    io.alphaweave.platform.submission.SubmissionStatus.TIMEOUT,
                                    "f".repeat(64),
                                    "h_elsewhere",
                                    "evaluated elsewhere")));
            ApiTestClient.Answer answered = waiting.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.status()).isEqualTo(200);
            assertThat(answered.json().get("status").asText()).isEqualTo("TIMEOUT");
            assertThat(answered.json().get("verdict").get("detail").asText()).isEqualTo("evaluated elsewhere");
        } finally {
            one.shutdownNow();
        }
        for (String bad : List.of("21", "-1", "1.5", "soon")) {
            JsonNode p =
                    ApiTestClient.assertProblem(client.get("/api/v1/submissions/" + id + "?wait_seconds=" + bad), 400);
            assertThat(p.get("detail").asText())
                    .isEqualTo("wait_seconds must be an integer in 0..20, was \"" + bad + "\"");
        }
        assertThat(ApiTestClient.assertProblem(
                                client.get("/api/v1/submissions/" + id + "?wait_seconds=1&wait_seconds=2"), 400)
                        .get("detail")
                        .asText())
                .isEqualTo("wait_seconds must be given at most once, was given 2 times");
        assertThat(ApiTestClient.assertProblem(client.get("/api/v1/submissions/" + id + "?wait=5"), 400)
                        .get("detail")
                        .asText())
                .isEqualTo("unknown query parameter \"wait\"; this route reads [wait_seconds]");
        assertThat(ApiTestClient.assertProblem(client.get("/api/v1/submissions?author=x&sort=new"), 400)
                        .get("detail")
                        .asText())
                .isEqualTo("unknown query parameter \"sort\"; this route reads [author, status, limit]");
        ApiTestClient.Answer jsonWithQuery = client.post(
                "/api/v1/submissions?author=ignored",
                "application/json",
                "{\"filename\": \"j.yaml\", \"source\": \"id: j\"}",
                "Authorization",
                bearer(writeToken));
        assertThat(ApiTestClient.assertProblem(jsonWithQuery, 400).get("detail").asText())
                .isEqualTo("unknown query parameter \"author\"; this route reads none");
        ApiTestClient.Answer yamlWithTypo = client.post(
                "/api/v1/submissions?filename=t.yaml&autor=me",
                "application/yaml",
                yaml("h_typo", "return 0;"),
                "Authorization",
                bearer(writeToken));
        assertThat(ApiTestClient.assertProblem(yamlWithTypo, 400).get("detail").asText())
                .isEqualTo("unknown query parameter \"autor\"; this route reads [filename, author, family]");
    }
}
