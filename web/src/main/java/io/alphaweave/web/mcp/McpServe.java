package io.alphaweave.web.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.jobs.BacktestQueue;
import io.alphaweave.platform.jobs.WorkerPool;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.ApiModule;
import io.alphaweave.web.http.SubmissionRoutes;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP server of {@code alphaweave mcp}: serves {@link McpTools} over stdin/stdout with the MCP Java
 * SDK until stdin ends or the process is stopped. Only protocol messages go to stdout: while it serves,
 * {@link System#out} points at stderr, so a stray print cannot corrupt the stream.
 */
public final class McpServe {
    private static final Logger LOG = LoggerFactory.getLogger(McpServe.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    /** Queued backtests at most, as {@code serve}'s default; run_backtest beyond answers a tool error. */
    private static final int MAX_QUEUED = 100;

    /**
     * What {@code alphaweave mcp} was given.
     *
     * @param workspace the directories and the store URL
     * @param registry opens the component registry (the command's own loader)
     * @param version the application's version, sent to the client
     * @param backtestWorkers backtests run at once in this process, ≥ 1
     * @param submissionWorkers worker JVMs evaluating submissions, ≥ 1
     * @param maxWait the longest wait a tool accepts
     */
    public record Settings(
            Workspace workspace,
            Function<Workspace, ComponentRegistry> registry,
            String version,
            int backtestWorkers,
            int submissionWorkers,
            Duration maxWait) {
        /** Checks the fields. */
        public Settings {
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(maxWait, "maxWait");
        }
    }

    private McpServe() {}

    /**
     * Opens the services and serves until stdin ends.
     *
     * @param settings what to serve
     * @param in the protocol's input (the process's stdin)
     * @param out the protocol's output (the process's stdout)
     * @throws InterruptedException when interrupted while serving
     */
    @SuppressWarnings("try") // the routes module is closed with the rest, not used in the body
    public static void serve(Settings settings, InputStream in, OutputStream out) throws InterruptedException {
        Workspace workspace = settings.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace).datasetsOnly();
        CountDownLatch ended = new CountDownLatch(1);
        PrintStream stdout = System.out;
        CountDownLatch closeAfter = null;
        try (Database db = Database.open(StoreSettings.of(workspace.databaseUrl(), Clock.systemUTC()));
                ComponentRegistry registry = settings.registry().apply(workspace);
                WorkerPool pool = new WorkerPool(
                        db,
                        new BacktestService(registry, catalog),
                        catalog,
                        WorkerPool.Settings.of(settings.backtestWorkers()));
                SubmissionRoutes submissions = SubmissionRoutes.into(
                        new ArrayList<ApiModule>(),
                        workspace,
                        workspace.databaseUrl(),
                        registry,
                        DefinitionValidator.onSample(catalog).data(),
                        settings.submissionWorkers())) {
            BacktestQueue queue = new BacktestQueue(db, catalog, MAX_QUEUED, Clock.systemUTC());
            queue.onSubmit(pool::wake);
            pool.start();
            McpTools tools = new McpTools(new McpTools.Services(
                    registry,
                    new DatasetDirectory(catalog),
                    DefinitionValidator.onSample(catalog),
                    ComponentInsights.onSample(registry, db.runs(), catalog),
                    (Supplier<io.alphaweave.platform.submission.SubmissionService>) submissions::service,
                    queue,
                    settings.maxWait()));
            // the protocol's own mapper: MCP's field names (camelCase), not the API's snake_case JsonMapper;
            // tool answers are rendered by JsonMapper before they reach it
            McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
            System.setOut(System.err);
            LineTransport transport = new LineTransport(mapper, new EndSignal(in, ended), out);
            McpSyncServer server = McpServer.sync(transport)
                    .serverInfo("alphaweave", settings.version())
                    .instructions("alphaweave: list components and datasets, validate and submit strategy"
                            + " definitions (YAML or JavaScript) and read their verdicts, run backtests and read"
                            + " their reports. See docs/agents.md.")
                    .capabilities(
                            McpSchema.ServerCapabilities.builder().tools(false).build())
                    .requestTimeout(settings.maxWait().plusMinutes(1))
                    // McpTools checks every argument itself, naming the field, the rule and the value
                    .validateToolInputs(false)
                    .tools(specifications(tools, mapper))
                    .build();
            LOG.info("alphaweave mcp serving {} tools on stdio", tools.tools().size());
            // a stop signal ends the serving as the end of stdin does; the hook waits for the close below
            CountDownLatch closed = new CountDownLatch(1);
            Thread hook = new Thread(
                    () -> {
                        ended.countDown();
                        try {
                            closed.await(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "alphaweave-mcp-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ended.await();
            } finally {
                server.closeGracefully();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already stopping: the hook waits for the resources to close
                }
                closeAfter = closed;
            }
        } finally {
            System.setOut(stdout);
            if (closeAfter != null) {
                closeAfter.countDown();
            }
        }
    }

    private static List<McpServerFeatures.SyncToolSpecification> specifications(McpTools tools, McpJsonMapper mapper) {
        List<McpServerFeatures.SyncToolSpecification> out = new ArrayList<>();
        for (McpTools.Tool t : tools.tools()) {
            McpSchema.Tool tool = McpSchema.Tool.builder(t.name(), mapper, t.inputSchema())
                    .description(t.description())
                    .build();
            out.add(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(tool)
                    .callHandler((exchange, request) -> call(tools, t.name(), request.arguments()))
                    .build());
        }
        return out;
    }

    private static McpSchema.CallToolResult call(McpTools tools, String name, Map<String, Object> arguments) {
        McpTools.Result r;
        try {
            r = tools.call(name, arguments);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = new McpTools.Result(name + " was interrupted: the server is stopping", true);
        }
        return McpSchema.CallToolResult.builder()
                .addTextContent(r.json())
                .isError(r.error())
                .build();
    }

    /** Stdin that says when it ends: the client closed it, so the server stops. */
    private static final class EndSignal extends FilterInputStream {
        private final CountDownLatch ended;

        EndSignal(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            return check(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return check(super.read(b, off, len));
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        private int check(int n) {
            if (n < 0) {
                ended.countDown();
            }
            return n;
        }
    }

    /**
     * @param value a command-line value
     * @param option its option
     * @param min the least allowed
     * @param max the most allowed
     * @return the value
     * @throws AlphaweaveException naming the option, the range and the value when it is outside
     */
    static int inRange(int value, String option, int min, int max) {
        if (value < min || value > max) {
            throw new AlphaweaveException(option + " must be in " + min + ".." + max + ", was " + value);
        }
        return value;
    }
}
