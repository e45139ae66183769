package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.platform.submission.SubmissionRequest;
import io.alphaweave.platform.submission.SubmissionStatus;
import io.alphaweave.platform.submission.Verdict;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.pages.PagesModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submission pages over HTTP, on a real H2 store holding a rejected and a hostile submission. */
class SubmissionPagesTest {
    static final String HOSTILE = "<img src=x onerror=alert(1)>";
    static final String HOSTILE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";
    static final String REJECTED_ID = "11111111-2222-3333-4444-555555555555";
    static final String HOSTILE_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    @TempDir
    static Path dir;

    static ComponentRegistry registry;
    static Database db;
    static ApiServer server;
    static String base;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        registry = ComponentRegistry.empty();
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(dir.resolve("home")),
                Map.of(),
                Map.of(Workspace.HOME_PROPERTY, PagesBrowserTest.ROOT.toString(), "user.home", dir.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w).datasetsOnly();
        db = Database.open(StoreSettings.of("jdbc:h2:file:" + dir.resolve("store/runs"), Clock.systemUTC()));
        storeSubmissions(new SubmissionRepository(db));
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

    /** A REJECTED verdict with every section filled, hostile text where a verdict quotes the user. */
    static Verdict rejected(String hash) {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("schema", "passed");
        checks.put("lookahead", "passed");
        return new Verdict(
                SubmissionStatus.REJECTED,
                hash,
                null,
                "momentum_probe",
                "rejected: the deflated Sharpe ratio is below its threshold " + HOSTILE,
                List.of(new Verdict.Reason("DEFLATED_SHARPE", "DSR 0.41 is below 0.95", 0.41, 0.95)),
                List.of(new DefinitionException.Problem(
                        "probe.yaml", 7, 3, "W_UNUSED", "unused parameter " + HOSTILE, "remove it")),
                checks,
                new Verdict.InSample(
                        LocalDate.of(2020, 1, 2), LocalDate.of(2022, 12, 30), 755, 0.812, 0.153, 0.1234, -0.087, 0.97),
                new Verdict.Ic(
                        5,
                        10,
                        true,
                        0.0312,
                        List.of(
                                new Verdict.IcPoint(1, 0.011, 1.5, 750),
                                new Verdict.IcPoint(5, 0.0312, 2.7, 740),
                                new Verdict.IcPoint(10, 0.0355, 2.9, 735))),
                new Verdict.Sharpe(
                        0.0511, 755, -0.2, 4.1, 0.9123, 0.0601, 0.41, 0.0402, 0.63, "Bailey & López de Prado (2014)"),
                new Verdict.Trials("momentum", 3, 17, 0.0004, 0.0002),
                new Verdict.Novelty(
                        List.of(new Verdict.Peer("mean_reversion_5d", 0.62, 0.48), new Verdict.Peer(HOSTILE, 0.1, 0.2)),
                        "mean_reversion_5d",
                        0.62),
                new Verdict.Marginal("equal-weight of the registered strategies", 1.05, 1.11, 0.06),
                new Verdict.Holdout(false, 0.5, 0.2));
    }

    static void storeSubmissions(SubmissionRepository repo) {
        String hash = "ab".repeat(32);
        repo.insert(REJECTED_ID, new SubmissionRequest("momentum_probe.yaml", "id: x", "alice", "momentum"), hash);
        repo.finish(REJECTED_ID, SubmissionStatus.REJECTED, JsonMapper.write(rejected(hash)));
        // the request's rules keep markup out of author and file name; the pages escape them anyway
        db.withHandle("storing a hostile submission", h -> h.createUpdate("INSERT INTO strategy_submission (id,"
                        + " author, family, filename, content_hash, source, status, created_at) VALUES (:id, :t,"
                        + " 'default', :t, :hash, 'x', 'QUEUED', CURRENT_TIMESTAMP)")
                .bind("id", HOSTILE_ID)
                .bind("t", HOSTILE)
                .bind("hash", "cd".repeat(32))
                .execute());
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

    @Test
    void theListShowsEverySubmissionWithALinkToItsVerdictAndHostileNamesAsText() throws Exception {
        HttpResponse<String> r = get("/submissions");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body())
                .contains("href=\"/submissions/" + REJECTED_ID + "\"", "alice", "momentum", "momentum_probe.yaml")
                .contains("status-REJECTED", "status-QUEUED", "href=\"/submissions/" + HOSTILE_ID + "\"")
                .contains(HOSTILE_ESCAPED)
                .doesNotContain("<img")
                .doesNotContainPattern("<script>");
    }

    @Test
    void theHomePageListsTheRecentSubmissionsInsteadOfThePlaceholder() throws Exception {
        String home = get("/").body();
        assertThat(home)
                .contains("href=\"/submissions/" + REJECTED_ID + "\"", "href=\"/submissions/" + HOSTILE_ID + "\"")
                .contains(HOSTILE_ESCAPED)
                .doesNotContain("No submissions yet", "<img");
    }

    @Test
    void theVerdictPageShowsEverySectionOfTheVerdict() throws Exception {
        HttpResponse<String> r = get("/submissions/" + REJECTED_ID);
        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        assertThat(body)
                .contains("id=\"status\">REJECTED<")
                .contains("DEFLATED_SHARPE", "DSR 0.41 is below 0.95", "0.4100", "0.9500")
                .contains("<td>probe.yaml</td><td>7</td><td>3</td><td>W_UNUSED</td>", "remove it")
                .contains("schema", "lookahead", "passed")
                .contains("2020-01-02", "2022-12-30", "755 daily returns", "0.8120", "15.30%", "12.34%", "-8.70%")
                .contains("Declared horizon 5 days, peak of the decay at 10 days", "horizon matches", "0.0312")
                .contains("<td>10</td><td>0.0355</td><td>2.9000</td><td>735</td>")
                .contains("id=\"psr\">0.9123<", "id=\"dsr\">0.4100<", "id=\"dsr-family\">0.6300<")
                .contains("3 in family momentum, 17 overall")
                .contains("Closest registered strategy: <strong>mean_reversion_5d</strong>", "0.6200", "0.4800")
                .contains("Δ 0.0600")
                .contains("<strong>failed</strong>", "20.00% of dates had to reach 0.5000");
        assertThat(body).contains(HOSTILE_ESCAPED).doesNotContain("<img");
    }

    @Test
    void aSubmissionWithoutAVerdictSaysSoAndEscapesItsNames() throws Exception {
        HttpResponse<String> r = get("/submissions/" + HOSTILE_ID);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("No verdict yet: the submission is QUEUED")
                .contains("<td>" + HOSTILE_ESCAPED + "</td>")
                .doesNotContain("<img", "Sealed holdout");
    }

    @Test
    void anUnknownIdIsNotFoundAndAMalformedOrTraversalIdIsABadRequest() throws Exception {
        HttpResponse<String> unknown = get("/submissions/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no submission 00000000-0000-0000-0000-000000000000");
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "..", "not-a-uuid", "%3Cimg%3E")) {
            HttpResponse<String> r = get("/submissions/" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(r.body()).as(bad).contains("id must be a submission id").doesNotContain("<img");
        }
    }
}
