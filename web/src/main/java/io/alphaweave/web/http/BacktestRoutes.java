package io.alphaweave.web.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.util.RawValue;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.BacktestStatus;
import io.alphaweave.platform.jobs.QueueFullException;
import io.alphaweave.platform.jobs.RunNotCompleteException;
import io.alphaweave.platform.store.RunStateException;
import io.alphaweave.platform.store.RunStatus;
import io.alphaweave.platform.store.UnknownRunException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The backtest routes (DESIGN §9): submit a config (JSON or YAML naming a dataset) to the {@link
 * BacktestQueue}, list and read runs, their stored reports and their progress as server-sent events,
 * cancel or delete. Handlers check the request's shape and render; the queue does the work.
 */
public final class BacktestRoutes implements ApiModule {
    /** A run id: a UUID, lower case. Anything else (a path, "..", any encoding of them) is refused. */
    private static final Pattern RUN_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static final List<String> JSON_TYPES = List.of("application/json");
    private static final List<String> YAML_TYPES =
            List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml");
    private static final int MAX_PAGE = 1_000;
    private static final int MAX_PART_PAGE = 1_000;
    private static final int DEFAULT_PART_PAGE = 100;
    private static final Pattern STRATEGY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectWriter COMPACT =
            JsonMapper.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final BacktestQueue queue;
    private final ReportCache reports = new ReportCache(256, 64L << 20);
    private final long eventIntervalMillis;

    /**
     * @param queue the backtest queue (the caller owns it and its database)
     * @param eventIntervalMillis how often the events route looks at a run, ≥ 10
     */
    public BacktestRoutes(BacktestQueue queue, long eventIntervalMillis) {
        this.queue = Objects.requireNonNull(queue, "queue");
        if (eventIntervalMillis < 10) {
            throw new IllegalArgumentException("eventIntervalMillis must be ≥ 10, was " + eventIntervalMillis);
        }
        this.eventIntervalMillis = eventIntervalMillis;
    }

    @Override
    public List<Route> routes() {
        List<String> consumes = new ArrayList<>(JSON_TYPES);
        consumes.addAll(YAML_TYPES);
        Route.Parameter id = Route.Parameter.path("id", "the run id (a UUID)");
        String statuses = "QUEUED, RUNNING, COMPLETE, FAILED, CANCELLED, INTERRUPTED";
        return List.of(
                new Route(
                        HandlerType.POST,
                        "/backtests",
                        Role.WRITE,
                        consumes,
                        "submitBacktest",
                        "backtests",
                        "Queue a backtest: a config (JSON or YAML) naming a dataset; answers with the run id and"
                                + " its Location",
                        List.of(Route.Parameter.query(
                                "compare", "also compare every registered combiner (default false)", "true", "false")),
                        Map.of(
                                202, "queued; Location names the run",
                                400, "the body is not valid JSON/YAML or not a valid config (detail says where)",
                                503, "the queue is full; Retry-After says when to try again"),
                        this::submit),
                new Route(
                        HandlerType.GET,
                        "/backtests",
                        Role.READ,
                        List.of(),
                        "listBacktests",
                        "backtests",
                        "Runs, newest first, a page at a time",
                        List.of(
                                Route.Parameter.query("status", "only runs in this state", statuses.split(", ")),
                                Route.Parameter.query("limit", "at most this many, 1–" + MAX_PAGE + " (default 50)"),
                                Route.Parameter.query("offset", "skip this many (default 0)")),
                        Map.of(200, "the page", 400, "a bad status, limit or offset"),
                        this::list),
                new Route(
                        HandlerType.GET,
                        "/backtests/{id}",
                        Role.READ,
                        List.of(),
                        "getBacktest",
                        "backtests",
                        "One run: status, progress, timings, error",
                        List.of(id),
                        Map.of(200, "the run", 400, "a malformed id"),
                        ctx -> json(ctx, view(translate(() -> queue.status(runId(ctx)))))),
                new Route(
                        HandlerType.GET,
                        "/backtests/{id}/report",
                        Role.READ,
                        List.of(),
                        "getBacktestReport",
                        "backtests",
                        "The stored report of a COMPLETE run: by default its summary — everything but the trades,"
                                + " the daily weights and each strategy's daily confidence, which `omitted` counts and"
                                + " links to their paged routes; with full=true the whole stored report. Gzip when"
                                + " accepted; a strong ETag, 304 to a matching If-None-Match",
                        List.of(
                                id,
                                Route.Parameter.query(
                                        "full",
                                        "true: the whole stored report, as `alphaweave runs show ID --json` prints it"
                                                + " (default false: the summary)",
                                        "true",
                                        "false")),
                        Map.of(
                                200, "the report summary, or the full report with full=true",
                                304, "the report has not changed since the ETag in If-None-Match",
                                400, "a malformed id, a full other than true or false, or an unknown query parameter",
                                409, "the run has no report (yet)"),
                        this::report),
                pagedPart(
                        "/backtests/{id}/trades",
                        "getBacktestTrades",
                        "The trades of a COMPLETE run's report, a page at a time, in the report's order",
                        List.of(id),
                        ctx -> ReportParts.TRADES),
                pagedPart(
                        "/backtests/{id}/weights",
                        "getBacktestWeights",
                        "The daily weights (one item per day with fills) of a COMPLETE run's report, a page at a time",
                        List.of(id),
                        ctx -> ReportParts.WEIGHTS),
                pagedPart(
                        "/backtests/{id}/strategies/{strategy}/confidence_over_time",
                        "getBacktestStrategyConfidence",
                        "One strategy's daily confidence (strategies.{strategy}.confidence_over_time of the report), a"
                                + " page at a time",
                        List.of(
                                id,
                                Route.Parameter.path(
                                        "strategy", "a strategy id of the run (a key of the report's strategies)")),
                        BacktestRoutes::confidencePointer),
                new Route(
                        HandlerType.GET,
                        "/backtests/{id}/events",
                        Role.READ,
                        List.of(),
                        "backtestEvents",
                        "backtests",
                        "Server-sent events: the run's status and progress whenever they change, until it ends",
                        List.of(id),
                        Map.of(200, "a text/event-stream of progress events and one end event", 400, "a malformed id"),
                        this::events),
                new Route(
                        HandlerType.DELETE,
                        "/backtests/{id}",
                        Role.WRITE,
                        List.of(),
                        "deleteBacktest",
                        "backtests",
                        "Cancel a queued or running run, or delete a finished one with its results",
                        List.of(id),
                        Map.of(
                                200, "cancelled (it was queued) or deleted (it had finished)",
                                202, "cancelling: the running run stops at its next check",
                                400, "a malformed id"),
                        this::delete));
    }

    private void submit(Context ctx) {
        String type = RequestGuard.mediaType(ctx.contentType());
        BacktestQueue.Format format = JSON_TYPES.contains(type) ? BacktestQueue.Format.JSON : BacktestQueue.Format.YAML;
        String compareRaw = ctx.queryParam("compare");
        if (compareRaw != null && !compareRaw.equals("true") && !compareRaw.equals("false")) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST, "compare must be true or false, was \"" + compareRaw + "\"");
        }
        String body = utf8(ctx.bodyAsBytes());
        BacktestQueue.Submission s = translate(() -> queue.submit(body, format, "true".equals(compareRaw)));
        String location = ApiServer.PREFIX + "/backtests/" + s.runId();
        ctx.status(202).header("Location", location);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.runId());
        out.put("status", RunStatus.QUEUED.name());
        out.put("location", location);
        out.put("report", location + "/report");
        out.put("events", location + "/events");
        json(ctx, out);
    }

    private void list(Context ctx) {
        RunStatus status = null;
        String raw = ctx.queryParam("status");
        if (raw != null) {
            try {
                status = RunStatus.valueOf(raw.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.of(
                        ApiProblem.Kind.BAD_REQUEST,
                        "status must be one of QUEUED, RUNNING, COMPLETE, FAILED, CANCELLED, INTERRUPTED; was \"" + raw
                                + "\"");
            }
        }
        int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE - MAX_PAGE);
        RunStatus filter = status;
        List<BacktestStatus> page = translate(() -> queue.list(filter, limit, offset));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.stream().map(BacktestRoutes::view).toList());
        out.put("limit", limit);
        out.put("offset", offset);
        if (page.size() == limit) {
            out.put(
                    "next",
                    ApiServer.PREFIX + "/backtests?limit=" + limit + "&offset=" + (offset + limit)
                            + (filter == null ? "" : "&status=" + filter.name()));
        }
        json(ctx, out);
    }

    private Route pagedPart(
            String path,
            String operationId,
            String summary,
            List<Route.Parameter> pathParameters,
            java.util.function.Function<Context, String> pointer) {
        List<Route.Parameter> parameters = new ArrayList<>(pathParameters);
        parameters.add(Route.Parameter.query("offset", "skip this many items (default 0, at most the total)"));
        parameters.add(Route.Parameter.query(
                "limit", "at most this many items, 1–" + MAX_PART_PAGE + " (default " + DEFAULT_PART_PAGE + ")"));
        return new Route(
                HandlerType.GET,
                path,
                Role.READ,
                List.of(),
                operationId,
                "backtests",
                summary + ": {items, offset, limit, total, next}",
                parameters,
                Map.of(
                        200, "the page; next is the following page, null on the last",
                        400, "a malformed id, an offset or limit out of range, or an unknown query parameter",
                        409, "the run has no report (yet)"),
                ctx -> part(ctx, parameters, pointer));
    }

    private void report(Context ctx) {
        String id = runId(ctx);
        RequestGuard.onlyParameters(ctx, List.of("full"));
        String fullRaw = ctx.queryParam("full");
        if (fullRaw != null && !fullRaw.equals("true") && !fullRaw.equals("false")) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST, "full must be true or false, was \"" + clip(fullRaw) + "\"");
        }
        ReportCache.Entry entry = translate(() -> reports.get(id, () -> queue.reportJson(id)));
        ReportCache.Body body = "true".equals(fullRaw) ? entry.full() : entry.summary();
        String accept = ctx.header("Accept-Encoding");
        boolean gzip = accept != null && acceptsGzip(accept);
        String tag = gzip ? body.gzipTag() : body.jsonTag();
        ctx.header("ETag", tag).header("Vary", "Accept-Encoding");
        if (matches(ctx.header("If-None-Match"), tag)) {
            ctx.status(304);
            return;
        }
        ctx.contentType("application/json");
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
        }
        send(ctx, gzip ? body.gzip() : body.json());
    }

    /**
     * Writes held bytes in one write with their length, rather than as a result stream Javalin copies in
     * small chunks: Jetty then sends the array as it is, without copying it into its buffer.
     */
    private static void send(Context ctx, byte[] bytes) {
        ctx.res().setContentLength(bytes.length);
        try {
            ctx.res().getOutputStream().write(bytes);
        } catch (IOException gone) {
            // the client went away: nothing to answer
        }
    }

    private void part(Context ctx, List<Route.Parameter> parameters, java.util.function.Function<Context, String> at) {
        String id = runId(ctx);
        RequestGuard.onlyParameters(
                ctx,
                parameters.stream()
                        .filter(p -> p.in().equals("query"))
                        .map(Route.Parameter::name)
                        .toList());
        String pointer = at.apply(ctx);
        int limit = intParam(ctx, "limit", DEFAULT_PART_PAGE, 1, MAX_PART_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        ReportCache.Entry entry = translate(() -> reports.get(id, () -> queue.reportJson(id)));
        List<String> items = entry.parts().get(pointer);
        if (items == null) {
            List<String> strategies = entry.parts().keySet().stream()
                    .filter(k -> k.startsWith("/strategies/"))
                    .map(k -> k.substring("/strategies/".length(), k.lastIndexOf('/')))
                    .toList();
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND,
                    pointer.startsWith("/strategies/")
                            ? "no strategy \"" + ctx.pathParam("strategy") + "\" in this run's report; its strategies: "
                                    + strategies
                            : "this run's report has no " + pointer.substring(1));
        }
        int total = items.size();
        if (offset > total) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST, "offset must be at most the total, " + total + ", was " + offset);
        }
        int end = (int) Math.min(total, (long) offset + limit);
        String base = ctx.path();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items.subList(offset, end).stream().map(RawValue::new).toList());
        out.put("offset", offset);
        out.put("limit", limit);
        out.put("total", total);
        out.put("next", end < total ? base + "?offset=" + end + "&limit=" + limit : null);
        try {
            ctx.contentType("application/json").result(COMPACT.writeValueAsBytes(out));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException("cannot write a page of a report: " + e.getOriginalMessage(), e);
        }
    }

    private static String confidencePointer(Context ctx) {
        String strategy = ctx.pathParam("strategy");
        if (!STRATEGY_ID.matcher(strategy).matches()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "strategy must be a component id (letters, digits, '.', '_', '-'; at most 128), was \""
                            + clip(strategy) + "\"");
        }
        return ReportParts.confidencePointer(strategy);
    }

    /** If-None-Match (RFC 9110 §13.1.2): "*" or any listed tag, weak or strong, equal to the current one. */
    private static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || (c.startsWith("W/") ? c.substring(2) : c).equals(tag)) {
                return true;
            }
        }
        return false;
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private void delete(Context ctx) {
        String id = runId(ctx);
        BacktestQueue.Removal removal = translate(() -> queue.cancelOrDelete(id));
        reports.evict(id);
        ctx.status(removal == BacktestQueue.Removal.CANCELLING ? 202 : 200);
        json(ctx, Map.of("id", id, "result", removal.name()));
    }

    private void events(Context ctx) throws IOException {
        String id = runId(ctx);
        BacktestStatus first = translate(() -> queue.status(id));
        ctx.res().setStatus(200);
        ctx.res().setContentType("text/event-stream;charset=utf-8");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        OutputStream out = ctx.res().getOutputStream();
        BacktestStatus last = null;
        BacktestStatus now = first;
        try {
            while (true) {
                if (last == null || now.status() != last.status() || now.progress() != last.progress()) {
                    send(out, "progress", now);
                    last = now;
                }
                if (now.isFinal()) {
                    send(out, "end", now);
                    return;
                }
                Thread.sleep(eventIntervalMillis);
                try {
                    now = queue.status(id);
                } catch (UnknownRunException deleted) {
                    out.write(("event: end\ndata: {\"id\":\"" + id + "\",\"status\":\"DELETED\"}\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // the client went away: nothing to answer
        }
    }

    private static void send(OutputStream out, String event, BacktestStatus s) throws IOException {
        String data = JsonMapper.mapper()
                .writer()
                .without(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(view(s));
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static boolean acceptsGzip(String header) {
        for (String part : header.split(",")) {
            String[] codingAndQ = part.strip().split(";");
            if (codingAndQ[0].strip().equalsIgnoreCase("gzip")) {
                for (int i = 1; i < codingAndQ.length; i++) {
                    String p = codingAndQ[i].strip();
                    if (p.startsWith("q=") && p.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> view(BacktestStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("status", s.status().name());
        m.put("progress", s.progress());
        m.put("created_at", s.createdAt());
        m.put("started_at", s.startedAt());
        m.put("finished_at", s.finishedAt());
        m.put("queued_millis", s.queuedMillis());
        m.put("running_millis", s.runningMillis());
        m.put("attempts", s.attempts());
        m.put("cancel_requested", s.cancelRequested());
        if (s.errorCategory() != null) {
            m.put("error_category", s.errorCategory());
        }
        if (s.errorMessage() != null) {
            // a store or internal failure names databases, files and SQL: those stay with the operator
            boolean internal = "INTERNAL".equals(s.errorCategory());
            m.put(
                    "error",
                    internal
                            ? "the run failed inside the service; its operator finds the cause with `alphaweave runs"
                                    + " show " + s.id() + "`"
                            : Redact.paths(s.errorMessage()));
        }
        m.put(
                "report",
                s.status() == RunStatus.COMPLETE ? ApiServer.PREFIX + "/backtests/" + s.id() + "/report" : null);
        return m;
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(raw);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.of(
                ApiProblem.Kind.BAD_REQUEST,
                name + " must be an integer in [" + min + ", " + max + "], was \"" + raw + "\"");
    }

    private static String runId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!RUN_ID.matcher(id).matches()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "a run id is a lower-case UUID such as 123e4567-e89b-12d3-a456-426614174000; was \"" + clip(id)
                            + "\"");
        }
        return id;
    }

    /** The platform's answers about runs as HTTP problems. */
    private static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownRunException e) {
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND,
                    "no run with this id; GET " + ApiServer.PREFIX + "/backtests lists them");
        } catch (RunNotCompleteException | RunStateException e) {
            throw ApiProblem.of(ApiProblem.Kind.CONFLICT, e.getMessage());
        } catch (QueueFullException e) {
            throw ApiProblem.retryLater(ApiProblem.Kind.UNAVAILABLE, e.getMessage(), e.retryAfterSeconds());
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "the body is not valid UTF-8; send the config as UTF-8");
        }
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(JsonMapper.write(body));
    }
}
