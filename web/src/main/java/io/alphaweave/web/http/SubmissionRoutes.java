package io.alphaweave.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.submission.Submission;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.platform.submission.SubmissionRequest;
import io.alphaweave.platform.submission.SubmissionService;
import io.alphaweave.platform.submission.SubmissionStatus;
import io.alphaweave.platform.submission.VerdictNotifier;
import io.alphaweave.platform.submission.VerdictThresholds;
import io.alphaweave.platform.submission.WorkerPool;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The submission routes (DESIGN §10): {@code POST /submissions} (202 and an id), {@code GET
 * /submissions/{id}} (the verdict when it is there) and {@code GET /submissions?author=&status=}. The
 * store and the worker pool open on first use (a service that takes no submission starts no worker), and
 * close with the module. JSON answers escape {@code <}, {@code >} and {@code &} so a submitted text never
 * reaches a page as markup.
 */
public final class SubmissionRoutes implements ApiModule, AutoCloseable {
    private static final List<String> SOURCE_TYPES = List.of(
            "application/yaml",
            "application/x-yaml",
            "text/yaml",
            "text/x-yaml",
            "application/javascript",
            "text/javascript");
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");
    /** The longest {@code wait_seconds}: below the server's idle timeout for a quiet connection (30 s). */
    static final int MAX_WAIT_SECONDS = 20;

    private final Supplier<SubmissionService> opener;
    private final Supplier<SubmissionRepository> reader;
    private SubmissionService service;
    private SubmissionRepository repository;
    private Database database;
    private VerdictNotifier readerWaits;
    private final Object lock = new Object();
    private final List<AutoCloseable> owned = new ArrayList<>();

    /**
     * @param opener opens the service (store, worker pool) on first use
     * @param reader opens the store on first use (for reads)
     */
    SubmissionRoutes(Supplier<SubmissionService> opener, Supplier<SubmissionRepository> reader) {
        this.opener = opener;
        this.reader = reader;
    }

    /**
     * The module of {@code serve}: the workspace's store, a pool of {@code workers} worker JVMs on this
     * JVM's {@code java} and class path, the sample data, and the registry ACCEPTED definitions join.
     *
     * @param modules the serve modules; this one adds itself
     * @param workspace the workspace (definitions folders)
     * @param databaseUrl the store's JDBC URL, the one {@code serve --db} names (opened on first use)
     * @param registry the registry accepted strategies are registered in
     * @param sampleData the data file verdicts are computed on
     * @param workers the pool size
     * @return the module (close it after the server)
     */
    public static SubmissionRoutes into(
            List<ApiModule> modules,
            Workspace workspace,
            String databaseUrl,
            ComponentRegistry registry,
            Path sampleData,
            int workers) {
        Path accepted = workspace.userDefinitionsDirectory().resolve("accepted");
        List<Path> folders = new ArrayList<>(workspace.definitionsDirectories());
        if (!folders.contains(accepted)) {
            folders.add(accepted);
        }
        SubmissionRoutes[] self = new SubmissionRoutes[1];
        Supplier<SubmissionRepository> repo = () -> self[0].openRepository(databaseUrl);
        Supplier<SubmissionService> open = () -> {
            WorkerPool pool = new WorkerPool(
                    WorkerPool.Settings.of(
                                    Path.of(System.getProperty("java.home")),
                                    System.getProperty("java.class.path"),
                                    sampleData,
                                    workers)
                            .withPlugins(registry.pluginsDirectory().orElse(null)),
                    () -> SubmissionService.definitionFiles(folders));
            SubmissionService s = new SubmissionService(
                    repo.get(),
                    pool,
                    VerdictThresholds.defaults(),
                    accepted,
                    (file, verdict) -> register(registry, file),
                    workers);
            s.resumePending();
            return s;
        };
        self[0] = new SubmissionRoutes(open, repo);
        modules.add(self[0]);
        return self[0];
    }

    private static void register(ComponentRegistry registry, Path file) {
        DefinitionLoader.Loaded loaded = DefinitionLoader.shared().load(file);
        registry.register(ComponentSource.definition(file), loaded.component());
    }

    private SubmissionRepository openRepository(String url) {
        synchronized (lock) {
            if (repository == null) {
                database = Database.open(StoreSettings.of(url, Clock.systemUTC()));
                owned.add(database);
                repository = new SubmissionRepository(database);
            }
            return repository;
        }
    }

    /** @return the service, opened now if it was not */
    public SubmissionService service() {
        synchronized (lock) {
            if (service == null) {
                service = opener.get();
                owned.add(0, service);
            }
            return service;
        }
    }

    private SubmissionRepository repository() {
        synchronized (lock) {
            return repository != null ? repository : reader.get();
        }
    }

    @Override
    public List<Route> routes() {
        List<String> consumes = new ArrayList<>(SOURCE_TYPES);
        consumes.add("application/json");
        return List.of(
                new Route(
                        HandlerType.POST,
                        "/submissions",
                        Role.WRITE,
                        consumes,
                        "submitStrategy",
                        "submissions",
                        "Submit a strategy definition (YAML or JavaScript body, or JSON {filename, source, author,"
                                + " family}) for a verdict; answers 202 with its id at once",
                        List.of(
                                Route.Parameter.query(
                                        "filename", "with a YAML/JS body: the file name (.yaml/.yml/.js/.mjs)"),
                                Route.Parameter.query("author", "with a YAML/JS body: who submits"),
                                Route.Parameter.query("family", "with a YAML/JS body: the trial family")),
                        Map.of(
                                202,
                                "queued; the submission (id, status QUEUED)",
                                400,
                                "a bad field (named), or a query parameter the body kind does not read"),
                        this::submit),
                new Route(
                        HandlerType.GET,
                        "/submissions/{id}",
                        Role.READ,
                        List.of(),
                        "getSubmission",
                        "submissions",
                        "One submission: its status and, once reached, its verdict. With wait_seconds the"
                                + " answer comes as soon as the verdict is stored, or after that many seconds"
                                + " with the status then (a long poll: no need to ask again and again)",
                        List.of(
                                Route.Parameter.path("id", "the submission id"),
                                Route.Parameter.query(
                                        "wait_seconds",
                                        "wait up to this many seconds for the verdict (0.." + MAX_WAIT_SECONDS
                                                + ", default 0: answer at once)")),
                        Map.of(
                                200,
                                "the submission",
                                400,
                                "a malformed id, a wait_seconds out of range, or an unknown query parameter",
                                404,
                                "no such submission"),
                        this::get),
                new Route(
                        HandlerType.GET,
                        "/submissions",
                        Role.READ,
                        List.of(),
                        "listSubmissions",
                        "submissions",
                        "Submissions, newest first, optionally of one author and one status",
                        List.of(
                                Route.Parameter.query("author", "only this author"),
                                Route.Parameter.query(
                                        "status",
                                        "only this status",
                                        Arrays.stream(SubmissionStatus.values())
                                                .map(Enum::name)
                                                .toArray(String[]::new)),
                                Route.Parameter.query("limit", "at most this many (1..1000, default 100)")),
                        Map.of(200, "the submissions"),
                        this::list));
    }

    private void submit(Context ctx) {
        String type = RequestGuard.mediaType(ctx.contentType());
        String body = utf8(ctx.bodyAsBytes());
        SubmissionRequest request;
        // a JSON body carries every field itself: query parameters beside it would be ignored, so they are refused
        RequestGuard.onlyParameters(
                ctx, "application/json".equals(type) ? List.of() : List.of("filename", "author", "family"));
        try {
            if ("application/json".equals(type)) {
                JsonNode n;
                try {
                    n = JsonMapper.mapper().readTree(body);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw ApiProblem.of(
                            ApiProblem.Kind.BAD_REQUEST,
                            "the body is not a JSON object {filename, source, author, family}: "
                                    + e.getOriginalMessage());
                }
                if (n == null || !n.isObject()) {
                    throw ApiProblem.of(
                            ApiProblem.Kind.BAD_REQUEST,
                            "the body must be a JSON object {filename, source, author, family}");
                }
                request = new SubmissionRequest(
                        text(n, "filename"), text(n, "source"), text(n, "author"), text(n, "family"));
            } else {
                boolean js = type.contains("javascript");
                String name = ctx.queryParam("filename");
                request = new SubmissionRequest(
                        name == null ? (js ? "submission.js" : "submission.yaml") : name,
                        body,
                        ctx.queryParam("author"),
                        ctx.queryParam("family"));
            }
        } catch (AlphaweaveException e) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, e.getMessage());
        }
        Submission s = service().submit(request);
        ctx.status(202).header("Location", ApiServer.PREFIX + "/submissions/" + s.id());
        json(ctx, s);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new AlphaweaveException(
                    field + " must be a string, was " + v.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return v.asText();
    }

    private void get(Context ctx) {
        RequestGuard.onlyParameters(ctx, List.of("wait_seconds"));
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST, "a submission id is a UUID (36 characters of 0-9, a-f and -)");
        }
        int wait = waitSeconds(ctx.queryParam("wait_seconds"));
        Submission s = repository()
                .find(id)
                .orElseThrow(() -> ApiProblem.of(ApiProblem.Kind.NOT_FOUND, "no submission " + id));
        if (wait == 0 || s.status().isFinal()) {
            json(ctx, s);
            return;
        }
        CompletableFuture<Optional<Submission>> verdict = waits().whenFinal(id, Duration.ofSeconds(wait));
        ctx.future(() -> verdict.thenAccept(found -> json(ctx, found.orElse(s))));
    }

    private static int waitSeconds(String raw) {
        if (raw == null) {
            return 0;
        }
        int v;
        try {
            v = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v > MAX_WAIT_SECONDS) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "wait_seconds must be an integer in 0.." + MAX_WAIT_SECONDS + ", was \""
                            + Redact.paths(raw.length() > 40 ? raw.substring(0, 40) + "…" : raw) + "\"");
        }
        return v;
    }

    /** Who tells a waiting request of its verdict: the service when it is open, else the store, read again. */
    private WaitSource waits() {
        synchronized (lock) {
            if (service != null) {
                return service::whenFinal;
            }
            if (readerWaits == null) {
                readerWaits = new VerdictNotifier(repository(), Duration.ofMillis(500));
                owned.add(0, readerWaits); // closed before the store it reads
            }
            return readerWaits::whenFinal;
        }
    }

    @FunctionalInterface
    private interface WaitSource {
        CompletableFuture<Optional<Submission>> whenFinal(String id, Duration timeout);
    }

    private void list(Context ctx) {
        RequestGuard.onlyParameters(ctx, List.of("author", "status", "limit"));
        String author = ctx.queryParam("author");
        String rawStatus = ctx.queryParam("status");
        String rawLimit = ctx.queryParam("limit");
        SubmissionStatus status = null;
        if (rawStatus != null) {
            try {
                status = SubmissionStatus.valueOf(rawStatus);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.of(
                        ApiProblem.Kind.BAD_REQUEST,
                        "status must be one of " + Arrays.toString(SubmissionStatus.values()) + ", was \""
                                + Redact.paths(rawStatus.length() > 40 ? rawStatus.substring(0, 40) : rawStatus)
                                + "\"");
            }
        }
        int limit = 100;
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "limit must be an integer in 1..1000");
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", repository().list(author, status, limit));
        json(ctx, body);
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.of(ApiProblem.Kind.BAD_REQUEST, "the body is not valid UTF-8; send it as UTF-8");
        }
    }

    /** JSON with markup characters escaped (valid JSON: they occur only inside strings). */
    static String escapedJson(Object body) {
        return JsonMapper.write(body)
                .replace("<", "\\u003c")
                .replace(">", "\\u003e")
                .replace("&", "\\u0026");
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(escapedJson(body));
    }

    /** Closes the worker pool and the store, if they were opened. */
    @Override
    public void close() {
        synchronized (lock) {
            for (AutoCloseable c : owned) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing the rest matters more
                }
            }
            owned.clear();
            service = null;
            repository = null;
            database = null;
            readerWaits = null;
        }
    }
}
