package io.alphaweave.platform.submission;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.dsl.DefinitionLoader;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker JVM's entry point: loads the panel once, warms the script engine and the registered
 * strategies' series, prints a ready line, then answers one JSON request per line on stdin with one
 * JSON reply per line on stdout. Anything else written to stdout goes to stderr. Started by {@link
 * WorkerPool}; arguments: data file, holdout fraction, optionally {@code --plugins DIR} (the plugin
 * strategies to compare with), then the registered definition files to warm.
 */
public final class WorkerMain {
    /** The argument before the plugins directory, when the worker compares with plugin strategies. */
    static final String PLUGINS = "--plugins";

    /**
     * How many times each registered definition is evaluated before the worker says it is ready: twice
     * brings 50 verdicts at once from p50 4.2–4.8 s to 3.8–4.0 s (BENCHMARKS.md), for about 8 s more start.
     */
    private static final int WARM_ROUNDS = 2;

    private WorkerMain() {}

    /**
     * @param args data file, holdout fraction, registered definition files
     * @throws Exception when stdin or stdout fail (the parent then recycles the worker)
     */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Path data = Path.of(args[0]);
        double fraction = Double.parseDouble(args[1]);
        int firstFile = 2;
        Path plugins = null;
        if (args.length > 3 && args[2].equals(PLUGINS)) {
            plugins = Path.of(args[3]);
            firstFile = 4;
        }
        List<Path> warm = new ArrayList<>();
        for (int i = firstFile; i < args.length; i++) {
            warm.add(Path.of(args[i]));
        }
        Evaluator evaluator =
                new Evaluator(MarketData.load(data), data.getFileName(), fraction, DefinitionLoader.shared());
        evaluator.warm(warm);
        if (plugins != null && java.nio.file.Files.isDirectory(plugins)) {
            // kept open for the worker's life: the strategies' classes live in their plugins' class loaders
            ComponentRegistry registry =
                    ComponentRegistry.builder().pluginsDirectory(plugins).build();
            Map<String, Strategy> strategies = new TreeMap<>();
            for (ComponentEntry e : registry.entries(ComponentKind.STRATEGY)) {
                if (e.isLoaded() && e.source().type() == ComponentSource.Type.PLUGIN) {
                    strategies.put(e.id(), registry.strategy(e.id()));
                }
            }
            evaluator.warmPlugins(strategies);
        }
        long warmStart = System.nanoTime();
        for (int round = 0; round < WARM_ROUNDS; round++) {
            // evaluations before the first real one: the optimizing compiler sees the script engine and the
            // checks' code paths hot before a submission waits on them
            for (Path f : warm) {
                try {
                    evaluator.evaluate(
                            f.getFileName().toString(),
                            java.nio.file.Files.readString(f, StandardCharsets.UTF_8),
                            warm);
                } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
                    // a registered file that cannot be evaluated warms nothing; it is not this worker's job
                }
            }
        }
        System.err.println("alphaweave-worker: warm in " + (System.nanoTime() - warmStart) / 1_000_000 + " ms");
        send(protocol, new WorkerProtocol.Reply(WorkerProtocol.READY, null, null, null, null));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            WorkerProtocol.Request request = JsonMapper.read(line, WorkerProtocol.Request.class);
            send(protocol, answer(evaluator, request));
            System.err.println("alphaweave-worker: " + request.op() + " " + evaluator.lastTimings());
        }
    }

    static WorkerProtocol.Reply answer(Evaluator evaluator, WorkerProtocol.Request request) {
        List<Path> peers = request.peers().stream().map(Path::of).toList();
        try {
            if (WorkerProtocol.HOLDOUT.equals(request.op())) {
                double s = evaluator.holdoutSharpe(request.filename(), request.source());
                return new WorkerProtocol.Reply(request.op(), null, s, null, null);
            }
            return new WorkerProtocol.Reply(
                    request.op(), evaluator.evaluate(request.filename(), request.source(), peers), null, null, null);
        } catch (StackOverflowError e) {
            return new WorkerProtocol.Reply(
                    request.op(),
                    null,
                    null,
                    SubmissionStatus.SANDBOX_VIOLATION.name(),
                    "the script recursed too deep");
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return new WorkerProtocol.Reply(
                    request.op(),
                    null,
                    null,
                    SubmissionStatus.INVALID.name(),
                    message.length() > 500 ? message.substring(0, 500) + "…" : message);
        }
    }

    private static void send(PrintStream out, WorkerProtocol.Reply reply) {
        out.print(JsonMapper.write(reply).replace("\n", " "));
        out.print('\n');
        out.flush();
    }
}
