package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.RunService;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.platform.submission.SubmissionRequest;
import io.alphaweave.platform.submission.SubmissionService;
import io.alphaweave.platform.submission.VerdictThresholds;
import io.alphaweave.platform.submission.WorkerPool;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code alphaweave mcp}: a Model Context Protocol server on stdin/stdout for LLM agents, with the tools
 * list_components, describe_component, list_datasets, validate_definition, submit_strategy,
 * get_submission, run_backtest and get_report. Each tool calls the same platform method as the CLI and
 * the HTTP API and answers JSON text. The submission workers start on the first submit_strategy.
 */
@Command(
        name = "mcp",
        description = "Serve the agent tools over the Model Context Protocol on stdin/stdout (for LLM agents).")
final class McpCommand implements Callable<Integer> {
    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Workspace workspace = registry.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace).datasetsOnly();
        DefinitionValidator validator = DefinitionValidator.onSample(catalog);
        McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        try (ComponentRegistry r = RegistryOptions.open(workspace);
                Database db = database.open();
                Submissions submissions = new Submissions(workspace, r, db, validator.data())) {
            BacktestService backtests = new BacktestService(r, catalog);
            RunService runs = new RunService(db);
            List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
            tools.add(tool(
                    mapper,
                    "list_components",
                    "List the registered strategies, combiners and allocators.",
                    "{\"type\":\"object\",\"properties\":{\"kind\":{\"type\":\"string\",\"enum\":[\"strategy\","
                            + "\"combiner\",\"allocator\"]}}}",
                    a -> {
                        String kind = str(a, "kind");
                        List<Map<String, Object>> out = new ArrayList<>();
                        for (ComponentEntry e : r.entries()) {
                            if (kind == null
                                    || e.kind().name().toLowerCase(Locale.ROOT).equals(kind)) {
                                out.add(summary(e));
                            }
                        }
                        return Map.of("components", out);
                    }));
            tools.add(tool(
                    mapper,
                    "describe_component",
                    "One component: description, parameters, horizon, source.",
                    "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}",
                    a -> {
                        String id = required(a, "id");
                        for (ComponentEntry e : r.entries()) {
                            if (e.id().equals(id)) {
                                Map<String, Object> m = summary(e);
                                m.put("info", e.info());
                                return m;
                            }
                        }
                        throw new AlphaweaveException("no component " + id + "; list_components lists them");
                    }));
            tools.add(tool(
                    mapper,
                    "list_datasets",
                    "The named datasets a backtest config may use.",
                    "{\"type\":\"object\",\"properties\":{}}",
                    a -> Map.of(
                            "datasets",
                            catalog.datasets().stream()
                                    .map(DatasetCatalog.Dataset::name)
                                    .toList())));
            tools.add(tool(
                    mapper,
                    "validate_definition",
                    "Check a YAML or JavaScript definition: schema, compile, sandbox, lookahead, quick backtest;"
                            + " problems with file, line, column, code, message and hint.",
                    "{\"type\":\"object\",\"properties\":{\"filename\":{\"type\":\"string\"},\"source\":{\"type\":"
                            + "\"string\"}},\"required\":[\"filename\",\"source\"]}",
                    a -> validator.validate(required(a, "filename"), required(a, "source"))));
            tools.add(tool(
                    mapper,
                    "submit_strategy",
                    "Submit a strategy for a verdict (a trial in the ledger). Answers its id at once; with"
                            + " wait_seconds, waits up to that long for the verdict.",
                    "{\"type\":\"object\",\"properties\":{\"filename\":{\"type\":\"string\"},\"source\":{\"type\":"
                            + "\"string\"},\"author\":{\"type\":\"string\"},\"family\":{\"type\":\"string\"},"
                            + "\"wait_seconds\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":600}},"
                            + "\"required\":[\"filename\",\"source\"]}",
                    a -> {
                        SubmissionService s = submissions.service();
                        var sub = s.submit(new SubmissionRequest(
                                required(a, "filename"), required(a, "source"), str(a, "author"), str(a, "family")));
                        Object wait = a.get("wait_seconds");
                        int seconds = wait instanceof Number n ? n.intValue() : 0;
                        if (seconds > 0) {
                            try {
                                return s.await(sub.id(), Duration.ofSeconds(Math.min(seconds, 600)))
                                        .orElseThrow();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        return sub;
                    }));
            tools.add(tool(
                    mapper,
                    "get_submission",
                    "A submission's status and, once reached, its verdict.",
                    "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}",
                    a -> submissions
                            .repository()
                            .find(required(a, "id"))
                            .orElseThrow(() -> new AlphaweaveException("no submission " + a.get("id")))));
            tools.add(tool(
                    mapper,
                    "run_backtest",
                    "Run a portfolio backtest from a config (YAML text, as strategies-yaml/configs/demo.yaml) and"
                            + " store it; answers the run id and its metrics (get_report has the whole report).",
                    "{\"type\":\"object\",\"properties\":{\"config\":{\"type\":\"string\"}},\"required\":"
                            + "[\"config\"]}",
                    a -> {
                        Path tmp = Files.createTempFile("alphaweave-mcp-", ".yaml");
                        try {
                            Files.writeString(tmp, required(a, "config"));
                            BacktestConfig config = BacktestConfig.parse(tmp, catalog);
                            RunService.Stored stored = runs.runAndStore(
                                    config.name(),
                                    () -> backtests.runWithSignals(
                                            new BacktestRequest.Portfolio(config, false),
                                            ProgressListener.NONE,
                                            CancellationToken.create()));
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("run_id", stored.runId());
                            m.put("metrics", stored.report().metrics());
                            return m;
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                    }));
            tools.add(tool(
                    mapper,
                    "get_report",
                    "The stored report of a run.",
                    "{\"type\":\"object\",\"properties\":{\"run_id\":{\"type\":\"string\"}},\"required\":"
                            + "[\"run_id\"]}",
                    a -> db.runs()
                            .report(required(a, "run_id"))
                            .orElseThrow(
                                    () -> new AlphaweaveException("no stored report for run " + a.get("run_id")))));
            // the server ends when the client closes stdin
            java.io.InputStream in = new java.io.FilterInputStream(System.in) {
                @Override
                public int read() throws java.io.IOException {
                    int b = super.read();
                    if (b < 0) {
                        closed.countDown();
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws java.io.IOException {
                    int n = super.read(buf, off, len);
                    if (n < 0) {
                        closed.countDown();
                    }
                    return n;
                }
            };
            StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, in, System.out);
            McpSyncServer server = McpServer.sync(transport)
                    .serverInfo("alphaweave", AlphaweaveCli.VERSION)
                    .capabilities(
                            McpSchema.ServerCapabilities.builder().tools(true).build())
                    .tools(tools)
                    .build();
            try {
                closed.await();
            } finally {
                server.close();
            }
        }
        return 0;
    }

    @FunctionalInterface
    interface Handler {
        Object apply(Map<String, Object> arguments) throws Exception;
    }

    private static McpServerFeatures.SyncToolSpecification tool(
            McpJsonMapper mapper, String name, String description, String schema, Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(mapper, schema)
                .build();
        Function<Map<String, Object>, McpSchema.CallToolResult> call = args -> {
            try {
                Object result = handler.apply(args == null ? Map.of() : args);
                return McpSchema.CallToolResult.builder()
                        .addTextContent(JsonMapper.write(result))
                        .isError(false)
                        .build();
            } catch (Exception e) {
                return McpSchema.CallToolResult.builder()
                        .addTextContent(JsonMapper.write(Map.of(
                                "error",
                                String.valueOf(e.getMessage()),
                                "category",
                                io.alphaweave.api.ErrorCategory.of(e).name())))
                        .isError(true)
                        .build();
            }
        };
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(tool)
                .callHandler((exchange, request) -> call.apply(request.arguments()))
                .build();
    }

    private static Map<String, Object> summary(ComponentEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("source", e.source().type().label());
        m.put("content_hash", e.source().contentHash());
        m.put("status", e.status().toString());
        return m;
    }

    private static String str(Map<String, Object> a, String key) {
        Object v = a.get(key);
        if (v != null && !(v instanceof String)) {
            throw new AlphaweaveException(
                    key + " must be a string, was " + v.getClass().getSimpleName());
        }
        return (String) v;
    }

    private static String required(Map<String, Object> a, String key) {
        String v = str(a, key);
        if (v == null) {
            throw new AlphaweaveException(key + " is required");
        }
        return v;
    }

    /** The submission service of this process, started on first use. */
    private static final class Submissions implements AutoCloseable {
        private final Workspace workspace;
        private final ComponentRegistry registry;
        private final SubmissionRepository repository;
        private final Path data;
        private SubmissionService service;

        Submissions(Workspace workspace, ComponentRegistry registry, Database db, Path data) {
            this.workspace = workspace;
            this.registry = registry;
            this.repository = new SubmissionRepository(db);
            this.data = data;
        }

        SubmissionRepository repository() {
            return repository;
        }

        synchronized SubmissionService service() {
            if (service == null) {
                Path accepted = workspace.userDefinitionsDirectory().resolve("accepted");
                List<Path> folders = new ArrayList<>(workspace.definitionsDirectories());
                folders.add(accepted);
                WorkerPool pool = new WorkerPool(
                        WorkerPool.Settings.of(
                                Path.of(System.getProperty("java.home")),
                                System.getProperty("java.class.path"),
                                data,
                                1),
                        () -> SubmissionService.definitionFiles(folders));
                service = new SubmissionService(
                        repository,
                        pool,
                        VerdictThresholds.defaults(),
                        accepted,
                        (file, verdict) -> registry.register(
                                io.alphaweave.platform.registry.ComponentSource.definition(file),
                                io.alphaweave.platform.dsl.DefinitionLoader.shared()
                                        .load(file)
                                        .component()),
                        1);
                service.resumePending();
            }
            return service;
        }

        @Override
        public synchronized void close() {
            if (service != null) {
                service.close();
            }
        }
    }
}
