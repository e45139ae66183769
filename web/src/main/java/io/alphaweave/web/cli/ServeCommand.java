package io.alphaweave.web.cli;

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
import io.alphaweave.web.DatasetDirectory;
import io.alphaweave.web.http.AccessTokens;
import io.alphaweave.web.http.ApiModule;
import io.alphaweave.web.http.ApiServer;
import io.alphaweave.web.http.BacktestRoutes;
import io.alphaweave.web.http.PluginRoutes;
import io.alphaweave.web.http.SubmissionRoutes;
import io.alphaweave.web.pages.PagesModule;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alphaweave serve}: the HTTP service. Binds 127.0.0.1 by default; on any other address it
 * refuses to start unless access tokens exist, and then every route needs one.
 */
@Command(
        name = "serve",
        description = "Serve the JSON API (/api/v1, OpenAPI at /api/v1/openapi.json, explorer at /explorer).")
final class ServeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    TokensCommand.FileOption tokens = new TokensCommand.FileOption();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--host", paramLabel = "ADDRESS", description = "The address to bind (default: 127.0.0.1).")
    String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "The port, 0 for any free one (default: 7070).")
    int port = 7070;

    @Option(
            names = "--max-request-size",
            paramLabel = "BYTES",
            description = "The largest request body accepted (default: 1048576).")
    long maxRequestBytes = 1 << 20;

    @Option(
            names = "--rate-limit",
            paramLabel = "N",
            description = "Requests per minute per token (or per address without one) (default: 600).")
    int requestsPerMinute = 600;

    @Option(
            names = "--cors-origin",
            paramLabel = "ORIGIN",
            description = "Allow browser calls from this origin (repeatable); CORS is off without it.")
    List<String> corsOrigins = new ArrayList<>();

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Backtests run at once in this process, 0 to leave them to `alphaweave worker`"
                    + " processes (default: 2).")
    int workers = 2;

    @Option(
            names = "--max-queued",
            paramLabel = "N",
            description = "The most queued backtests; a submission beyond answers 503 (default: 100).")
    int maxQueued = 100;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    @SuppressWarnings("try") // module resources are closed after the server, not used in the body
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw new AlphaweaveException("--port must be in 0..65535, was " + port);
        }
        if (maxRequestBytes < 1) {
            throw new AlphaweaveException("--max-request-size must be ≥ 1 byte, was " + maxRequestBytes);
        }
        if (requestsPerMinute < 1) {
            throw new AlphaweaveException("--rate-limit must be ≥ 1 request a minute, was " + requestsPerMinute);
        }
        for (String origin : corsOrigins) {
            if (!origin.matches("https?://[^/\\s?#]+")) {
                throw new AlphaweaveException("--cors-origin must be an origin such as https://example.org (scheme and"
                        + " host, optional port, no path), was " + origin);
            }
        }
        if (workers < 0 || workers > 256) {
            throw new AlphaweaveException("--workers must be in 0..256, was " + workers);
        }
        if (maxQueued < 1) {
            throw new AlphaweaveException("--max-queued must be ≥ 1, was " + maxQueued);
        }
        boolean loopback = isLoopback(host);
        Workspace workspace = registry.workspace();
        AccessTokens store = tokens.open(workspace);
        if (!loopback && store.isEmpty()) {
            throw new AlphaweaveException("refusing to serve on " + host + ": it is not a loopback address and "
                    + store.file() + " holds no access tokens; create one with `alphaweave tokens create --role admin`"
                    + " or bind 127.0.0.1");
        }
        DatasetCatalog catalog = DatasetCatalog.of(workspace).datasetsOnly();
        PrintWriter out = spec.commandLine().getOut();
        boolean interrupted = false;
        // the modules beyond the core routes; each added in its own line below
        List<ApiModule> modules = new ArrayList<>();
        try {
            try (ComponentRegistry r = RegistryOptions.open(workspace);
                    Database db = database.open();
                    PluginRoutes pluginRoutes = PluginRoutes.addTo(modules, r, maxRequestBytes);
                    WorkerPool pool = new WorkerPool(
                            db,
                            new BacktestService(r, catalog),
                            catalog,
                            WorkerPool.Settings.of(Math.max(1, workers)));
                    SubmissionRoutes submissions =
                            SubmissionRoutes.into(modules, workspace, database.resolve(), r, sampleData(catalog), 2);
                    ApiServer server = ApiServer.create(
                                    new ApiServer.Settings(
                                            maxRequestBytes,
                                            requestsPerMinute,
                                            !loopback,
                                            corsOrigins,
                                            AlphaweaveCli.VERSION),
                                    new ApiServer.Services(
                                            r,
                                            new DatasetDirectory(catalog),
                                            DefinitionValidator.onSample(catalog),
                                            ComponentInsights.onSample(r, db.runs(), catalog)),
                                    store,
                                    Clock.systemUTC(),
                                    modules(modules, db, catalog, pool, loopback, r))
                            .start(host, port)) {
                if (workers > 0) {
                    pool.start();
                }
                String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
                out.println("alphaweave serving " + base + ApiServer.PREFIX + " (explorer: " + base + "/explorer, "
                        + (loopback
                                ? "reads open on loopback; pages at " + base + "/"
                                : "every route needs a token; no pages")
                        + ")");
                out.flush();
                Thread hook = new Thread(
                        () -> {
                            stopped.countDown();
                            try {
                                // the JVM exits when the hooks return: let the workers finish or give their jobs back
                                closed.await(45, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "alphaweave-serve-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    // stop cleanly first: Jetty's stop fails on an interrupted thread
                    interrupted = true;
                } finally {
                    try {
                        Runtime.getRuntime().removeShutdownHook(hook);
                    } catch (IllegalStateException shuttingDown) {
                        // the JVM is already stopping: the hook has run
                    }
                }
            }
            out.println("alphaweave stopped");
            out.flush();
        } finally {
            closed.countDown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The backtest routes over the store's queue (a local pool hears each submission at once) and, on
     * loopback only (where the API's reads are open too), the web pages, which queue through the same
     * queue.
     */
    private List<ApiModule> modules(
            List<ApiModule> modules,
            Database db,
            DatasetCatalog catalog,
            WorkerPool pool,
            boolean loopback,
            ComponentRegistry registry) {
        BacktestQueue queue = new BacktestQueue(db, catalog, maxQueued, Clock.systemUTC());
        if (workers > 0) {
            queue.onSubmit(pool::wake);
        }
        modules.add(new BacktestRoutes(queue, 250));
        if (loopback) {
            modules.add(new PagesModule(registry, catalog, db, AlphaweaveCli.VERSION, queue));
        }
        return modules;
    }

    private static java.nio.file.Path sampleData(DatasetCatalog catalog) {
        return DefinitionValidator.onSample(catalog).data();
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new AlphaweaveException("--host " + host + " is not a known address; use an IP such as 127.0.0.1");
        }
    }
}
