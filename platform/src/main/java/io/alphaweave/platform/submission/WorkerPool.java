package io.alphaweave.platform.submission;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A small warm pool of worker JVMs ({@link WorkerMain}) that evaluate untrusted definitions: each with a
 * small heap, {@code -XX:+ExitOnOutOfMemoryError}, one processor, a bounded stack, an empty environment
 * and bounded output; the parent enforces a wall-clock deadline on every request (and kills the worker
 * when it passes). A worker is recycled after {@code maxJobs} requests or any failure, and a new one is
 * started in the background, so the pool returns to its size. Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {
    private static final String OOM = "OutOfMemoryError";

    private final Settings settings;
    private final Supplier<List<Path>> peers;
    private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger recycled = new AtomicInteger();
    private volatile boolean closed;
    /** Guards quota retirements: {@link #replacing} and the workers' retirement flags. */
    private final Object retirement = new Object();
    /** The worker past its quota whose replacement is starting, or null. */
    private Worker replacing;

    /**
     * How the workers are started.
     *
     * @param java the {@code java} binary
     * @param classpath the class path of the platform (our own)
     * @param data the market data file the workers load
     * @param holdoutFraction the share of the most recent dates sealed
     * @param size the number of workers, ≥ 1
     * @param maxJobs requests a worker serves before it is replaced, ≥ 1
     * @param deadline the wall-clock limit of one request
     * @param heapMegabytes the workers' {@code -Xmx}, ≥ 64
     * @param stackKilobytes the workers' {@code -Xss}, ≥ 256
     * @param maxOutputBytes the largest reply line accepted, ≥ 1024
     * @param pluginsDirectory the plugins whose strategies the verdicts compare with (novelty), or null
     *     for none
     */
    public record Settings(
            Path java,
            String classpath,
            Path data,
            double holdoutFraction,
            int size,
            int maxJobs,
            Duration deadline,
            int heapMegabytes,
            int stackKilobytes,
            int maxOutputBytes,
            Path pluginsDirectory) {
        /** Checks the ranges. */
        public Settings {
            Objects.requireNonNull(java, "java");
            Objects.requireNonNull(classpath, "classpath");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(deadline, "deadline");
            if (size < 1 || maxJobs < 1 || heapMegabytes < 64 || stackKilobytes < 256 || maxOutputBytes < 1024) {
                throw new IllegalArgumentException("size and maxJobs must be ≥ 1, heapMegabytes ≥ 64, stackKilobytes"
                        + " ≥ 256 and maxOutputBytes ≥ 1024, were " + size + ", " + maxJobs + ", " + heapMegabytes
                        + ", " + stackKilobytes + ", " + maxOutputBytes);
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
        }

        /**
         * Settings for this JVM's own {@code java} and class path.
         *
         * @param javaHome the running JDK's home
         * @param classpath the running class path
         * @param data the data file
         * @param size number of workers
         * @return settings with a 256 MiB heap, 1 MiB stack, 50 jobs per worker, a 60 s deadline, 4 MiB output
         */
        public static Settings of(Path javaHome, String classpath, Path data, int size) {
            return new Settings(
                    javaHome.resolve("bin").resolve("java"),
                    classpath,
                    data,
                    VerdictThresholds.defaults().holdoutFraction(),
                    size,
                    50,
                    Duration.ofSeconds(60),
                    256,
                    1024,
                    4 << 20,
                    null);
        }

        /**
         * @param value the new deadline
         * @return a copy with it
         */
        public Settings withDeadline(Duration value) {
            return new Settings(
                    java,
                    classpath,
                    data,
                    holdoutFraction,
                    size,
                    maxJobs,
                    value,
                    heapMegabytes,
                    stackKilobytes,
                    maxOutputBytes,
                    pluginsDirectory);
        }

        /**
         * @param value the plugins directory whose strategies the verdicts compare with, or null for none
         * @return a copy with it
         */
        public Settings withPlugins(Path value) {
            return new Settings(
                    java,
                    classpath,
                    data,
                    holdoutFraction,
                    size,
                    maxJobs,
                    deadline,
                    heapMegabytes,
                    stackKilobytes,
                    maxOutputBytes,
                    value);
        }

        /**
         * @param value the new holdout fraction
         * @return a copy with it
         */
        public Settings withHoldoutFraction(double value) {
            return new Settings(
                    java,
                    classpath,
                    data,
                    value,
                    size,
                    maxJobs,
                    deadline,
                    heapMegabytes,
                    stackKilobytes,
                    maxOutputBytes,
                    pluginsDirectory);
        }
    }

    /** A request failed in a way that is the definition's fault (status) or the pool's (closed). */
    public static final class WorkerFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final SubmissionStatus status;
        private final boolean wallClock;

        WorkerFailure(SubmissionStatus status, String message) {
            this(status, message, false);
        }

        WorkerFailure(SubmissionStatus status, String message, boolean wallClock) {
            super(message);
            this.status = status;
            this.wallClock = wallClock;
        }

        /** @return TIMEOUT, MEMORY_LIMIT, SANDBOX_VIOLATION or INVALID */
        public SubmissionStatus status() {
            return status;
        }

        /**
         * @return whether the failure came from the wall clock (the parent's deadline, or the wait was
         *     interrupted), which depends on the machine's load, not only on the definition
         */
        public boolean wallClock() {
            return wallClock;
        }
    }

    /**
     * Starts {@code settings.size()} workers and waits until they are warm.
     *
     * @param settings how to start them
     * @param peers the registered strategies' definition files (sent with every request; warmed at start)
     */
    public WorkerPool(Settings settings, Supplier<List<Path>> peers) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.peers = Objects.requireNonNull(peers, "peers");
        List<Thread> starting = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < settings.size(); i++) {
            Thread t = Thread.ofPlatform().name("alphaweave-worker-start-" + i).start(() -> {
                try {
                    idle.add(spawn());
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            });
            starting.add(t);
        }
        for (Thread t : starting) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new AlphaweaveException("interrupted while starting the submission workers");
            }
        }
        if (!failures.isEmpty()) {
            close();
            throw failures.get(0);
        }
    }

    /** @return the number of worker JVMs alive (idle or busy) */
    public int liveWorkers() {
        return live.get();
    }

    /** @return the number of idle workers */
    public int idleWorkers() {
        return idle.size();
    }

    /** @return the pool size */
    public int size() {
        return settings.size();
    }

    /** @return how many workers were started since the pool opened */
    public int startedWorkers() {
        return started.get();
    }

    /** @return how many workers were replaced (after their job quota or a failure) */
    public int recycledWorkers() {
        return recycled.get();
    }

    /**
     * Evaluates a definition in a worker and, when the evaluation is clean and {@code wantHoldout} says so,
     * its sealed holdout in the same worker.
     *
     * @param filename the file name
     * @param source the text
     * @param wantHoldout given the evaluation, whether to evaluate the holdout
     * @return the evaluation and the holdout Sharpe ratio (NaN when not evaluated)
     * @throws WorkerFailure when the worker timed out, ran out of memory, died or failed
     * @throws InterruptedException when interrupted while waiting for a worker
     */
    public Result evaluate(String filename, String source, java.util.function.Predicate<Evaluation> wantHoldout)
            throws WorkerFailure, InterruptedException {
        List<String> peerFiles = peers.get().stream().map(Path::toString).toList();
        Worker w = lease();
        boolean healthy = false;
        try {
            WorkerProtocol.Reply r =
                    w.call(new WorkerProtocol.Request(WorkerProtocol.EVALUATE, filename, source, peerFiles));
            Evaluation e = r.evaluation();
            if (r.failure() != null || e == null) {
                throw new WorkerFailure(
                        r.failure() == null ? SubmissionStatus.INVALID : SubmissionStatus.valueOf(r.failure()),
                        String.valueOf(r.detail()));
            }
            double holdout = Double.NaN;
            if (Evaluation.OK.equals(e.outcome()) && wantHoldout.test(e)) {
                WorkerProtocol.Reply h =
                        w.call(new WorkerProtocol.Request(WorkerProtocol.HOLDOUT, filename, source, List.of()));
                if (h.failure() != null || h.holdoutSharpe() == null) {
                    throw new WorkerFailure(
                            h.failure() == null ? SubmissionStatus.INVALID : SubmissionStatus.valueOf(h.failure()),
                            String.valueOf(h.detail()));
                }
                holdout = h.holdoutSharpe();
            }
            healthy = Evaluation.OK.equals(e.outcome());
            return new Result(e, holdout);
        } finally {
            release(w, healthy);
        }
    }

    /**
     * @param evaluation what the worker found
     * @param holdoutSharpe the holdout's annualised Sharpe ratio, NaN when not evaluated; never shown
     */
    public record Result(Evaluation evaluation, double holdoutSharpe) {}

    private Worker lease() throws InterruptedException, WorkerFailure {
        while (true) {
            if (closed) {
                // not the definition's fault: no verdict, no trial (the submission is resumed after a restart)
                throw new AlphaweaveException("the submission worker pool is closed");
            }
            Worker w = idle.poll(1, TimeUnit.SECONDS);
            if (w != null) {
                if (w.process.isAlive()) {
                    return w;
                }
                release(w, false);
            }
        }
    }

    /**
     * Back to the pool, or destroyed and replaced in the background after a failure. A healthy worker
     * that reached its job quota keeps serving until its replacement is warm, and one such replacement
     * is started at a time, so workers that reach the quota together do not leave the pool empty.
     */
    private void release(Worker w, boolean healthy) {
        boolean respawn;
        synchronized (retirement) {
            if (w.retireOnRelease) {
                // its replacement is already in the pool
                w.destroy();
                recycled.incrementAndGet();
                return;
            }
            if (healthy && w.process.isAlive() && !closed) {
                if (w.jobs >= settings.maxJobs() && !w.retiring && replacing == null) {
                    w.retiring = true;
                    replacing = w;
                    Thread.ofPlatform().name("alphaweave-worker-replace").start(() -> replace(w));
                }
                idle.add(w);
                return;
            }
            // a worker that fails while its replacement starts is replaced by that one
            respawn = !w.retiring;
        }
        w.destroy();
        recycled.incrementAndGet();
        if (respawn && !closed) {
            Thread.ofPlatform().name("alphaweave-worker-restart").start(() -> {
                Worker fresh = spawnUntilStarted();
                if (fresh != null) {
                    idle.add(fresh);
                }
            });
        }
    }

    /** Starts the replacement of a worker past its quota, then retires it: now if idle, else when released. */
    private void replace(Worker old) {
        Worker fresh = spawnUntilStarted();
        synchronized (retirement) {
            replacing = null;
            if (fresh == null) {
                return;
            }
            if (idle.remove(old)) {
                old.destroy();
                recycled.incrementAndGet();
            } else if (old.process.isAlive()) {
                old.retireOnRelease = true;
            }
            idle.add(fresh);
        }
    }

    /** A new warm worker, retried every second while starting fails; null once the pool is closed. */
    private Worker spawnUntilStarted() {
        while (!closed) {
            try {
                Worker fresh = spawn();
                if (closed) {
                    fresh.destroy();
                    return null;
                }
                return fresh;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return null;
                }
            }
        }
        return null;
    }

    private Worker spawn() {
        List<String> command = new ArrayList<>(List.of(
                settings.java().toString(),
                "-Xmx" + settings.heapMegabytes() + "m",
                "-Xss" + settings.stackKilobytes() + "k",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:ActiveProcessorCount=1",
                "-XX:+UseSerialGC",
                // the optimizing compiler stays on: the script interpreter, which every verdict runs, is
                // about twice as fast once compiled by it, and the worker warms it up before it says ready
                "-Xshare:auto",
                "-Dpolyglot.engine.WarnInterpreterOnly=false",
                "-Djava.awt.headless=true",
                "-cp",
                settings.classpath(),
                WorkerMain.class.getName(),
                settings.data().toString(),
                Double.toString(settings.holdoutFraction())));
        if (settings.pluginsDirectory() != null) {
            command.add(WorkerMain.PLUGINS);
            command.add(settings.pluginsDirectory().toString());
        }
        for (Path p : peers.get()) {
            command.add(p.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        // nothing secret reaches the child: an empty environment but for the locale
        pb.environment().clear();
        pb.environment().put("LANG", "C.UTF-8");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AlphaweaveException(
                    "cannot start a submission worker (" + settings.java() + "): " + e.getMessage());
        }
        live.incrementAndGet();
        started.incrementAndGet();
        Worker w = new Worker(p, settings.maxOutputBytes());
        try {
            WorkerProtocol.Reply ready = w.read(Duration.ofMinutes(3));
            if (!WorkerProtocol.READY.equals(ready.op())) {
                throw new WorkerFailure(SubmissionStatus.INVALID, "unexpected first line " + ready.op());
            }
        } catch (WorkerFailure | RuntimeException e) {
            w.destroy();
            throw new AlphaweaveException(
                    "a submission worker did not start: " + e.getMessage() + "; its last output: " + w.stderrTail());
        }
        return w;
    }

    /** Stops every worker. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Worker w;
        while ((w = idle.poll()) != null) {
            w.destroy();
        }
    }

    /** One worker JVM with its output readers. */
    private final class Worker {
        private static final String EOF = "\u0000eof";
        private static final String OVERFLOW = "\u0000overflow";

        final Process process;
        final OutputStream stdin;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final StringBuilder stderr = new StringBuilder();
        final StringBuilder oddOutput = new StringBuilder();
        int jobs;
        /** Past its quota, with a replacement starting (guarded by {@code retirement}). */
        boolean retiring;
        /** Its replacement is in the pool: destroy it when it comes back (guarded by {@code retirement}). */
        boolean retireOnRelease;

        private boolean destroyed;

        Worker(Process process, int maxLine) {
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread.ofPlatform()
                    .daemon()
                    .name("alphaweave-worker-out")
                    .start(() -> readLines(process.getInputStream(), maxLine));
            Thread.ofPlatform().daemon().name("alphaweave-worker-err").start(this::drainStderr);
        }

        private void readLines(InputStream in, int maxLine) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            lines.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(buf[i]);
                            if (line.size() > maxLine) {
                                lines.add(OVERFLOW);
                                return;
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            lines.add(EOF);
        }

        private void drainStderr() {
            byte[] buf = new byte[8192];
            try (InputStream in = process.getErrorStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (stderr) {
                        stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (stderr.length() > 8192) {
                            stderr.delete(0, stderr.length() - 4096);
                        }
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }

        String stderrTail() {
            synchronized (stderr) {
                String s = stderr.toString().strip();
                return s.length() > 500 ? "…" + s.substring(s.length() - 500) : s;
            }
        }

        WorkerProtocol.Reply call(WorkerProtocol.Request request) throws WorkerFailure, InterruptedException {
            jobs++;
            try {
                stdin.write((JsonMapper.write(request).replace("\n", " ") + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            } catch (IOException e) {
                throw died();
            }
            return read(settings.deadline());
        }

        WorkerProtocol.Reply read(Duration deadline) throws WorkerFailure {
            long until = System.nanoTime() + deadline.toNanos();
            while (true) {
                long left = until - System.nanoTime();
                String line;
                try {
                    line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    destroy();
                    throw new WorkerFailure(SubmissionStatus.TIMEOUT, "interrupted", true);
                }
                if (line == null) {
                    destroy();
                    throw new WorkerFailure(
                            SubmissionStatus.TIMEOUT,
                            "the evaluation did not finish within the deadline of " + deadline.toMillis() + " ms;"
                                    + " the worker was stopped",
                            true);
                }
                if (line.equals(OVERFLOW)) {
                    destroy();
                    throw new WorkerFailure(
                            SubmissionStatus.SANDBOX_VIOLATION,
                            "the worker wrote more than " + settings.maxOutputBytes() + " bytes in one line; stopped");
                }
                if (line.equals(EOF)) {
                    throw died();
                }
                if (line.startsWith("{")) {
                    return JsonMapper.read(line, WorkerProtocol.Reply.class);
                }
                // the JVM's own messages (e.g. "Terminating due to java.lang.OutOfMemoryError")
                if (oddOutput.length() < 4096) {
                    oddOutput.append(line).append('\n');
                }
            }
        }

        private WorkerFailure died() {
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String tail = stderrTail();
            boolean oom = oddOutput.toString().contains(OOM) || tail.contains(OOM);
            destroy();
            // the worker's own last words go to the operator's log, never to the submitter
            System.getLogger(WorkerPool.class.getName())
                    .log(System.Logger.Level.WARNING, "a submission worker died; its last output: " + oddOutput + tail);
            return oom
                    ? new WorkerFailure(
                            SubmissionStatus.MEMORY_LIMIT,
                            "the worker ran out of its " + settings.heapMegabytes() + " MiB heap and was stopped")
                    : new WorkerFailure(
                            SubmissionStatus.SANDBOX_VIOLATION,
                            "the worker died (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }

        synchronized void destroy() {
            if (destroyed) {
                return;
            }
            destroyed = true;
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            live.decrementAndGet();
        }
    }
}
