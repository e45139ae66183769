package io.alphaweave.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.PortfolioStudy;
import io.alphaweave.platform.app.ReportCharts;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.app.StoredReports;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.QueueFullException;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.RunQuery;
import io.alphaweave.platform.store.RunSummary;
import io.alphaweave.platform.store.UnknownRunException;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.web.http.ApiModule;
import io.alphaweave.web.http.ApiProblem;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The web pages of {@code alphaweave serve} (DESIGN §9): {@code /} (recent runs, components,
 * submissions), {@code /strategies}, {@code /portfolio} (runs a study through {@link PortfolioStudy}),
 * {@code /backtests} (stored runs with their status; runs still going follow the queue's progress
 * events, and a config can be queued from the page), {@code /backtests/{id}} (the report with its
 * charts) and the submission pages of {@link SubmissionPages}. Server-rendered with auto-escaping
 * templates; charts drawn by ECharts from the
 * application's own WebJar; page data travels in {@code <script type="application/json">} blocks
 * and every script is a file, so the service's CSP (no inline script) holds for the pages too.
 *
 * <p>The pages are served only on a loopback-bound service (as the API's reads are open there);
 * {@code POST /portfolio/run} and {@code POST /backtests/queue} accept only a JSON body from the same
 * origin, so another site cannot start runs through a researcher's browser.
 */
public final class PagesModule implements ApiModule {
    /** How many recent runs the home and backtests pages list. */
    static final int RECENT_RUNS = 50;

    private final ComponentRegistry registry;
    private final DatasetCatalog catalog;
    private final Database database;
    private final StoredReports reports;
    private final PortfolioStudy study;
    private final String version;
    private final SubmissionPages submissions;
    private final BacktestQueue queue;

    /**
     * Pages without a backtest queue: {@code /backtests} lists runs but cannot queue one.
     *
     * @param registry the components
     * @param catalog the datasets
     * @param database the run store (the caller closes it)
     * @param version the application version shown in the footer
     */
    public PagesModule(ComponentRegistry registry, DatasetCatalog catalog, Database database, String version) {
        this(registry, catalog, database, version, null);
    }

    /**
     * @param registry the components
     * @param catalog the datasets
     * @param database the run store (the caller closes it)
     * @param version the application version shown in the footer
     * @param queue the backtest queue over the same store that {@code /backtests} submits to (its
     *     progress events are the API's {@code /backtests/{id}/events}), or null for none
     */
    public PagesModule(
            ComponentRegistry registry,
            DatasetCatalog catalog,
            Database database,
            String version,
            BacktestQueue queue) {
        this.queue = queue;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.database = Objects.requireNonNull(database, "database");
        this.version = Objects.requireNonNull(version, "version");
        this.reports = new StoredReports(database, catalog);
        this.submissions = new SubmissionPages(new SubmissionRepository(database), version);
        this.study = new PortfolioStudy(registry, new BacktestService(registry, catalog), new RunService(database));
    }

    @Override
    public boolean servesRoot() {
        return true;
    }

    @Override
    public void configure(JavalinConfig config) {
        config.routes.get("/", this::home);
        config.routes.get("/strategies", this::strategies);
        config.routes.get("/portfolio", this::portfolio);
        config.routes.post("/portfolio/run", this::runStudy);
        config.routes.get("/backtests", this::backtests);
        config.routes.get("/backtests/runs.json", this::runsJson);
        config.routes.post("/backtests/queue", this::queueRun);
        config.routes.get("/backtests/{id}", this::report);
        config.routes.get(PageAssets.PREFIX + "{file}", PagesModule::asset);
        submissions.configure(config);
    }

    private Map<String, Object> page(String title, String active) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("title", title);
        p.put("active", active);
        p.put("version", version);
        return p;
    }

    private void home(Context ctx) {
        Map<String, Object> p = page("alphaweave", "home");
        p.put("runs", database.runs().list(RunQuery.latest(10)));
        p.put("components", registry.entries());
        p.put("submissions", submissions.recent());
        html(ctx, "home.jte", p);
    }

    private void strategies(Context ctx) {
        List<ComponentEntry> entries = registry.entries(ComponentKind.STRATEGY);
        var latest = reports.latestByStrategy(
                entries.stream().map(ComponentEntry::id).toList(), 20);
        Map<String, Object> charts = new LinkedHashMap<>();
        latest.forEach((id, l) -> charts.put(
                id,
                Map.of(
                        "run_id", l.runId(),
                        "histogram", l.report().alphaHistogram(),
                        "confidence", l.report().confidenceOverTime())));
        Map<String, Object> p = page("Strategies", "strategies");
        p.put("entries", entries);
        p.put("latest", latest);
        p.put("data", SafeJson.of(charts));
        html(ctx, "strategies.jte", p);
    }

    private void portfolio(Context ctx) {
        Map<String, Object> p = page("Portfolio", "portfolio");
        p.put("strategies", loaded(ComponentKind.STRATEGY));
        p.put("combiners", loaded(ComponentKind.COMBINER));
        p.put("allocators", loaded(ComponentKind.ALLOCATOR));
        p.put("datasets", catalog.datasets());
        html(ctx, "portfolio.jte", p);
    }

    private List<ComponentEntry> loaded(ComponentKind kind) {
        return registry.entries(kind).stream().filter(ComponentEntry::isLoaded).toList();
    }

    private void runStudy(Context ctx) {
        sameOriginJson(ctx);
        JsonNode body;
        try {
            body = JsonMapper.mapper().readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "the body must be a JSON object (a portfolio config)");
        }
        BacktestConfig config = BacktestConfig.fromTree(body, "portfolio", catalog);
        PortfolioStudy.Result result = study.run(config);
        ctx.contentType("application/json").result(SafeJson.of(result));
    }

    /** Refuses a body that is not JSON or a request whose Origin is another site (no CSRF). */
    private static void sameOriginJson(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw ApiProblem.of(
                    ApiProblem.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json, was " + (type.isEmpty() ? "missing" : "\"" + type + "\""));
        }
        String origin = ctx.header("Origin");
        if (origin != null) {
            String host = ctx.header("Host");
            String originHost;
            try {
                originHost = URI.create(origin).getRawAuthority();
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (host == null || !host.equalsIgnoreCase(originHost)) {
                throw ApiProblem.of(
                        ApiProblem.Kind.FORBIDDEN, "runs start only from this service's own pages, not from " + origin);
            }
        }
    }

    private void backtests(Context ctx) {
        Map<String, Object> p = page("Backtests", "backtests");
        p.put("runs", database.runs().list(RunQuery.latest(RECENT_RUNS)));
        p.put("queueing", queue != null);
        p.put("sampleConfig", SAMPLE_CONFIG);
        html(ctx, "backtests.jte", p);
    }

    /** The config the queue form starts with: a short portfolio run over the shipped sample. */
    static final String SAMPLE_CONFIG = """
            name: queued from the pages
            data: {dataset: sample}
            universe: all
            period: {start: 2017-01-03, end: 2018-02-07}
            capital: 1000000
            strategies:
              - {id: bollinger_mean_reversion, weight: 1.0, params: {window: 20, k: 2.0}}
              - {id: momentum_rank, weight: 1.5, params: {lookback: 126}}
            combiner: weighted
            allocator: risk_parity
            constraints: {max_position: 0.10, max_sector: 0.30, min_positions: 10, long_only: true}
            rebalance: weekly
            mode: portfolio
            """;

    /**
     * Queues a backtest from the page: a JSON object {@code {"config": TEXT, "format": "yaml"|"json",
     * "compare": BOOLEAN}}; answers 202 with the run id and its events address.
     */
    private void queueRun(Context ctx) {
        if (queue == null) {
            throw ApiProblem.of(ApiProblem.Kind.NOT_FOUND, "this service has no backtest queue");
        }
        sameOriginJson(ctx);
        JsonNode body;
        try {
            body = JsonMapper.mapper().readTree(ctx.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject() || !body.path("config").isTextual()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "the body must be a JSON object whose \"config\" is the config's text (YAML or JSON)");
        }
        String format = body.path("format").asText("yaml");
        if (!format.equals("yaml") && !format.equals("json")) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "format must be yaml or json, was \"" + format + "\"");
        }
        JsonNode compare = body.path("compare");
        if (!compare.isMissingNode() && !compare.isBoolean()) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "compare must be true or false, was " + compare);
        }
        BacktestQueue.Submission s;
        try {
            s = queue.submit(
                    body.get("config").asText(),
                    format.equals("json") ? BacktestQueue.Format.JSON : BacktestQueue.Format.YAML,
                    compare.asBoolean(false));
        } catch (QueueFullException e) {
            throw ApiProblem.retryLater(ApiProblem.Kind.UNAVAILABLE, e.getMessage(), e.retryAfterSeconds());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.runId());
        out.put("status", "QUEUED");
        out.put("events", io.alphaweave.web.http.ApiServer.PREFIX + "/backtests/" + s.runId() + "/events");
        ctx.status(202).contentType("application/json").result(SafeJson.of(out));
    }

    private void runsJson(Context ctx) {
        List<Map<String, Object>> rows = database.runs().list(RunQuery.latest(RECENT_RUNS)).stream()
                .map(PagesModule::runRow)
                .toList();
        ctx.contentType("application/json").result(SafeJson.of(rows));
    }

    private static Map<String, Object> runRow(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("status", r.status().name());
        m.put("progress", r.progress());
        m.put("final", r.status().isFinal());
        return m;
    }

    private void report(Context ctx) {
        String id = ctx.pathParam("id");
        ReportCharts charts;
        try {
            charts = reports.charts(id);
        } catch (UnknownRunException e) {
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND, "no stored run " + id + "; the stored runs are on /backtests");
        }
        Map<String, Object> p = page("Run " + charts.name(), "backtests");
        p.put("charts", charts);
        p.put("data", SafeJson.of(charts));
        p.put("standalone", false);
        p.put("inlineCss", "");
        p.put("inlineScripts", List.of());
        html(ctx, "report.jte", p);
    }

    private static void asset(Context ctx) {
        String file = ctx.pathParam("file");
        if (!PageAssets.FILES.contains(file)) {
            throw ApiProblem.of(ApiProblem.Kind.NOT_FOUND, "no page asset named " + file);
        }
        ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                .result(PageAssets.file(file));
    }

    private static void html(Context ctx, String template, Map<String, Object> params) {
        ctx.contentType("text/html; charset=utf-8").result(PageRenderer.render(template, params));
    }
}
