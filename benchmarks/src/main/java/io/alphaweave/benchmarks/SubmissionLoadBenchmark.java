package io.alphaweave.benchmarks;

import io.alphaweave.platform.store.Database;
import io.alphaweave.platform.store.StoreSettings;
import io.alphaweave.platform.submission.Submission;
import io.alphaweave.platform.submission.SubmissionRepository;
import io.alphaweave.platform.submission.SubmissionRequest;
import io.alphaweave.platform.submission.SubmissionService;
import io.alphaweave.platform.submission.VerdictThresholds;
import io.alphaweave.platform.submission.WorkerPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Submissions under load (issue 16): N distinct valid strategies (a one-day reversal with N different
 * scales, so N content hashes and N trials) submitted at once from N threads to a {@link
 * SubmissionService} with a warm pool of W worker JVMs on the sample data and an H2 store, after one
 * warm-up submission (a one-day momentum, REJECTED, so not a peer of the burst's). Prints every
 * latency (submit → verdict stored), p50, p99, the statuses, how many were answered and stored, and
 * the worker count afterwards.
 *
 * <p>{@code java -Dalphaweave.home=. -cp benchmarks/target/benchmarks.jar
 * io.alphaweave.benchmarks.SubmissionLoadBenchmark [submissions=50] [workers=2]}, from the repository
 * root.
 *
 * <p>Over HTTP, against a running {@code alphaweave serve}: {@code … SubmissionLoadBenchmark http BASE
 * TOKEN [submissions=50]} — after one warm-up submission, N threads each POST one strategy to {@code
 * /api/v1/submissions} and wait for its verdict with {@code GET /api/v1/submissions/{id}?wait_seconds=20}
 * (a long poll); latency is POST sent → the answer with the verdict. Each run's strategies carry a fresh id, so none is answered from
 * an earlier run's ledger.
 */
public final class SubmissionLoadBenchmark {
    private SubmissionLoadBenchmark() {}

    /**
     * @param args submissions, workers
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("http")) {
            overHttp(args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 50);
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path root = Path.of(System.getProperty("alphaweave.home", "."))
                .toAbsolutePath()
                .normalize();
        Path tmp = Files.createTempDirectory("alphaweave-subs-bench");
        List<Path> folders = List.of(root.resolve("strategies-yaml/strategies"), tmp.resolve("accepted"));
        long t0 = System.nanoTime();
        try (Database db = Database.open(StoreSettings.of(StoreSettings.h2FileUrl(tmp), Clock.systemUTC()))) {
            WorkerPool pool = new WorkerPool(
                    WorkerPool.Settings.of(
                            Path.of(System.getProperty("java.home")),
                            System.getProperty("java.class.path"),
                            root.resolve("data/sample/sp500_sample.csv.gz"),
                            workers),
                    () -> SubmissionService.definitionFiles(folders));
            System.out.printf("pool of %d warm in %d ms%n", workers, (System.nanoTime() - t0) / 1_000_000);
            try (SubmissionService service = new SubmissionService(
                    new SubmissionRepository(db),
                    pool,
                    VerdictThresholds.defaults(),
                    tmp.resolve("accepted"),
                    (f, v) -> {},
                    workers)) {
                // one submission before the burst, as a running service has had: the parent's own code paths
                // (store, ledger, verdict JSON) are loaded and compiled, like the workers' after their warm-up.
                // A one-day momentum (scale −1), so it is REJECTED and does not join the burst's peers
                Submission first = service.submit(
                        new SubmissionRequest("r.yaml", reversal("bench_warmup", -1.0), "warmup", "warmup"));
                System.out.println("warm-up submission: "
                        + service.await(first.id(), Duration.ofMinutes(5))
                                .orElseThrow()
                                .status());
                ExecutorService clients = Executors.newFixedThreadPool(n);
                List<Future<long[]>> all = new ArrayList<>();
                List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
                long start = System.nanoTime();
                for (int k = 0; k < n; k++) {
                    double scale = 5 + k * 0.25;
                    String source = reversal("bench_reversal_" + k, scale);
                    all.add(clients.submit(() -> {
                        long s0 = System.nanoTime();
                        Submission s = service.submit(new SubmissionRequest("r.yaml", source, "bench", "reversal"));
                        ids.add(s.id());
                        Submission done =
                                service.await(s.id(), Duration.ofMinutes(30)).orElseThrow();
                        long ms = (System.nanoTime() - s0) / 1_000_000;
                        return new long[] {
                            ms, done.status().isFinal() ? 1 : 0, done.status().ordinal()
                        };
                    }));
                }
                long[] latencies = new long[n];
                int answered = 0;
                Map<String, Integer> statuses = new TreeMap<>();
                for (int k = 0; k < n; k++) {
                    long[] r = all.get(k).get();
                    latencies[k] = r[0];
                    answered += (int) r[1];
                    statuses.merge(
                            io.alphaweave.platform.submission.SubmissionStatus.values()[(int) r[2]].name(),
                            1,
                            Integer::sum);
                }
                long wall = (System.nanoTime() - start) / 1_000_000;
                clients.shutdown();
                Arrays.sort(latencies);
                System.out.println("latencies ms: " + Arrays.toString(latencies));
                System.out.printf(
                        "submissions %d, answered %d, stored %d, statuses %s%n",
                        n, answered, service.list("bench", null, 1000).size(), statuses);
                System.out.printf(
                        "p50 %d ms, p99 %d ms, max %d ms, wall %d ms, trials %d%n",
                        latencies[(int) Math.ceil(0.50 * n) - 1],
                        latencies[(int) Math.ceil(0.99 * n) - 1],
                        latencies[n - 1],
                        wall,
                        service.trialCount());
                long until = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (pool.idleWorkers() < workers && System.nanoTime() < until) {
                    Thread.sleep(100);
                }
                System.out.printf(
                        "workers live %d, idle %d (pool size %d), started %d, recycled %d%n",
                        pool.liveWorkers(),
                        pool.idleWorkers(),
                        pool.size(),
                        pool.startedWorkers(),
                        pool.recycledWorkers());
            }
        }
    }

    private static String reversal(String id, double scale) {
        return "id: " + id + "\nkind: strategy\ndescription: load test\n"
                + "horizon_days: 1\nalpha: |\n  if (i < 1) return null;\n"
                + "  const r = close / series.close[i - 1] - 1;\n"
                + "  return Math.max(-1, Math.min(1, -r * " + scale + "));\n";
    }

    /** Posts one YAML definition and waits for its verdict by long poll; answers its final status. */
    private record HttpSubmitter(
            java.net.http.HttpClient http,
            com.fasterxml.jackson.databind.ObjectMapper json,
            String base,
            String token) {
        String submitAndAwait(String filename, String author, String family, String source) throws Exception {
            java.net.http.HttpResponse<String> posted = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/api/v1/submissions?filename="
                                    + filename + "&author=" + author + "&family=" + family))
                            .header("Content-Type", "application/yaml")
                            .header("Authorization", "Bearer " + token)
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(source))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (posted.statusCode() != 202) {
                return "HTTP " + posted.statusCode();
            }
            String id = json.readTree(posted.body()).get("id").asText();
            // a long poll: the service answers when the verdict is stored (or after 20 s, then ask again)
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(base + "/api/v1/submissions/" + id + "?wait_seconds=20"))
                    .header("Authorization", "Bearer " + token)
                    .GET()
                    .build();
            while (true) {
                java.net.http.HttpResponse<String> r =
                        http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString());
                String status = r.statusCode() == 200
                        ? json.readTree(r.body()).get("status").asText()
                        : "HTTP " + r.statusCode();
                if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                    return status;
                }
            }
        }
    }

    private static void overHttp(String base, String token, int n) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        HttpSubmitter submitter = new HttpSubmitter(http, json, base, token);
        String nonce = Long.toString(System.currentTimeMillis(), 36);
        String author = "bench-http-" + nonce;
        // one submission before the burst (REJECTED, so not a peer of the burst's): the pool opens on the
        // first submission, and the figures are those of a service that has taken one
        System.out.println("warm-up submission: "
                + submitter.submitAndAwait(
                        "w.yaml", author + "-warmup", "warmup", reversal("bench_http_warmup_" + nonce, -1.0)));
        ExecutorService clients = Executors.newFixedThreadPool(n);
        List<Future<String[]>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int k = 0; k < n; k++) {
            String source = reversal("bench_http_" + nonce + "_" + k, 5 + k * 0.25);
            all.add(clients.submit(() -> {
                long s0 = System.nanoTime();
                String status = submitter.submitAndAwait("r.yaml", author, "http", source);
                long ms = status.startsWith("HTTP ") ? -1 : (System.nanoTime() - s0) / 1_000_000;
                return new String[] {Long.toString(ms), status};
            }));
        }
        long[] latencies = new long[n];
        Map<String, Integer> statuses = new TreeMap<>();
        for (int k = 0; k < n; k++) {
            String[] r = all.get(k).get();
            latencies[k] = Long.parseLong(r[0]);
            statuses.merge(r[1], 1, Integer::sum);
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        clients.shutdown();
        java.net.http.HttpResponse<String> listed = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create(base + "/api/v1/submissions?author=" + author + "&limit=1000"))
                        .header("Authorization", "Bearer " + token)
                        .GET()
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        com.fasterxml.jackson.databind.JsonNode list = json.readTree(listed.body());
        int stored = list.path("submissions").size();
        Arrays.sort(latencies);
        System.out.println("latencies ms: " + Arrays.toString(latencies));
        System.out.printf("submissions %d, stored %d, statuses %s%n", n, stored, statuses);
        System.out.printf(
                "p50 %d ms, p99 %d ms, max %d ms, wall %d ms%n",
                latencies[(int) Math.ceil(0.50 * n) - 1],
                latencies[(int) Math.ceil(0.99 * n) - 1],
                latencies[n - 1],
                wall);
    }
}
