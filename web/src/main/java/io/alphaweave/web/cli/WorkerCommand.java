package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.jobs.WorkerPool;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alphaweave worker}: runs queued backtests from the store without HTTP until SIGTERM (or
 * Ctrl-C); then it stops claiming, lets its running backtests finish for the grace period, gives the
 * rest back to the queue and prints {@code alphaweave worker stopped after N jobs}. Several workers on
 * several machines may share one PostgreSQL database.
 */
@Command(
        name = "worker",
        description = "Run queued backtests from the store (no HTTP) until stopped; several may share one"
                + " PostgreSQL database.")
final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    DatabaseOption database = new DatabaseOption();

    @Option(names = "--workers", paramLabel = "N", description = "Backtests run at once (default: 2).")
    int workers = 2;

    @Option(
            names = "--grace",
            paramLabel = "SECONDS",
            description = "On SIGTERM, how long running backtests may finish before they are given back to the"
                    + " queue (default: 30).")
    int graceSeconds = 30;

    @Override
    public Integer call() throws InterruptedException {
        if (workers < 1 || workers > 256) {
            throw new AlphaweaveException("--workers must be in 1..256, was " + workers);
        }
        if (graceSeconds < 0 || graceSeconds > 3600) {
            throw new AlphaweaveException("--grace must be in 0..3600 seconds, was " + graceSeconds);
        }
        Workspace workspace = registry.workspace();
        DatasetCatalog catalog = DatasetCatalog.of(workspace).datasetsOnly();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    stop.countDown();
                    try {
                        // the JVM exits when the hooks return: let the pool give its jobs back first
                        done.await(graceSeconds + 30L, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "alphaweave-worker-stop");
        long[] finished = {0};
        try (ComponentRegistry r = RegistryOptions.open(workspace);
                Database db = database.open()) {
            WorkerPool pool = new WorkerPool(
                    db,
                    new BacktestService(r, catalog),
                    catalog,
                    new WorkerPool.Settings(
                            workers, Duration.ofMillis(500), Duration.ofMillis(250), Duration.ofSeconds(graceSeconds)));
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                pool.start();
                out.println("alphaweave worker: " + workers + " worker(s) on " + db.displayUrl()
                        + (db.recoveredOnOpen() > 0
                                ? " (" + db.recoveredOnOpen() + " abandoned run(s)/job(s) marked" + " INTERRUPTED)"
                                : ""));
                out.flush();
                stop.await();
            } finally {
                pool.close();
                finished[0] = pool.jobsFinished();
            }
        } finally {
            try {
                out.flush();
                out.println("alphaweave worker stopped after " + finished[0] + " jobs");
            } finally {
                out.flush();
                done.countDown();
            }
        }
        return 0;
    }
}
