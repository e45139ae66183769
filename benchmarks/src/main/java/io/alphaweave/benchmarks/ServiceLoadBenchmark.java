package io.alphaweave.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load on a running {@code alphaweave serve} over loopback (issue 15): plain HTTP/1.1 clients, one
 * thread each, no load tool needed.
 *
 * <ul>
 *   <li>{@code report BASE ID CLIENTS SECONDS [gzip]}: every client GETs {@code /backtests/ID/report}
 *       back to back; prints requests, p50, p90, p99, max and the status counts.
 *   <li>{@code submit BASE TOKEN CONFIG CLIENTS TOTAL}: the clients POST {@code TOTAL} copies of the
 *       config (YAML) between them; every answer must be 202 or 503; then waits until every accepted run
 *       has ended and prints how many completed.
 *   <li>{@code rss BASE TOKEN CONFIG PID RUNS EVERY}: submits {@code RUNS} runs (waiting and retrying on
 *       503), and every {@code EVERY} completed runs prints the resident memory of process {@code PID}.
 * </ul>
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.alphaweave.benchmarks.ServiceLoadBenchmark
 * report http://127.0.0.1:7070 RUN_ID 50 20}
 */
public final class ServiceLoadBenchmark {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"");

    private ServiceLoadBenchmark() {}

    /**
     * @param args the mode and its arguments (see the class comment)
     * @throws Exception on a failed request or a broken expectation
     */
    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "report" ->
                report(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), args.length > 5);
            case "submit" ->
                submit(
                        args[1],
                        args[2],
                        Files.readString(Path.of(args[3])),
                        Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
            case "rss" ->
                rss(
                        args[1],
                        args[2],
                        Files.readString(Path.of(args[3])),
                        Long.parseLong(args[4]),
                        Integer.parseInt(args[5]),
                        Integer.parseInt(args[6]));
            default -> throw new IllegalArgumentException("mode must be report, submit or rss");
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static void report(String base, String id, int clients, int seconds, boolean gzip) throws Exception {
        URI uri = URI.create(base + "/api/v1/backtests/" + id + "/report");
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<long[]> perClient = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger bytes = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread.ofPlatform().start(() -> {
                HttpClient http = client();
                long[] lat = new long[1 << 20];
                int n = 0;
                try {
                    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
                    if (gzip) {
                        b.header("Accept-Encoding", "gzip");
                    }
                    HttpRequest req = b.build();
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 > end) {
                            break;
                        }
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        long t1 = System.nanoTime();
                        if (t0 >= warmEnd && n < lat.length) {
                            lat[n++] = t1 - t0;
                            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            bytes.set(r.body().length);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    System.err.println("client failed: " + e);
                } finally {
                    perClient.add(Arrays.copyOf(lat, n));
                    done.countDown();
                }
            });
        }
        done.await();
        long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(
                Locale.ROOT,
                "report%s: %d clients, %d s: %d requests (%.0f/s), body %d bytes, p50 %.2f ms, p90 %.2f ms, p99 %.2f"
                        + " ms, max %.2f ms, statuses %s%n",
                gzip ? " (gzip)" : "",
                clients,
                seconds,
                all.length,
                all.length / (double) seconds,
                bytes.get(),
                pct(all, 0.50),
                pct(all, 0.90),
                pct(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6,
                statuses);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String post(HttpClient http, String base, String token, String config, int[] status)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/backtests"))
                        .header("Content-Type", "application/yaml")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(config))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        status[0] = r.statusCode();
        Matcher m = ID.matcher(r.body());
        return r.statusCode() == 202 && m.find() ? m.group(1) : null;
    }

    private static String status(HttpClient http, String base, String id) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/backtests/" + id))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = STATUS.matcher(r.body());
        return m.find() ? m.group(1) : "HTTP " + r.statusCode();
    }

    private static void submit(String base, String token, String config, int clients, int total) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread.ofPlatform().start(() -> {
                HttpClient http = client();
                try {
                    while (next.getAndIncrement() < total) {
                        int[] status = new int[1];
                        String id = post(http, base, token, config, status);
                        statuses.computeIfAbsent(status[0], k -> new AtomicInteger())
                                .incrementAndGet();
                        if (id != null) {
                            accepted.add(id);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    System.err.println("client failed: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long posted = System.nanoTime();
        HttpClient http = client();
        Map<String, Integer> finals = new java.util.TreeMap<>();
        for (String id : accepted) {
            String s;
            while ((s = status(http, base, id)).equals("QUEUED") || s.equals("RUNNING")) {
                Thread.sleep(100);
            }
            finals.merge(s, 1, Integer::sum);
        }
        long ended = System.nanoTime();
        System.out.printf(
                Locale.ROOT,
                "submit: %d clients, %d posts in %.2f s: statuses %s; %d accepted; all ended %.1f s after the first"
                        + " post: %s%n",
                clients,
                total,
                (posted - t0) / 1e9,
                statuses,
                accepted.size(),
                (ended - t0) / 1e9,
                finals);
        boolean onlyAcceptedOrFull = statuses.keySet().stream().allMatch(s -> s == 202 || s == 503);
        int answered = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
        if (!onlyAcceptedOrFull || answered != total || finals.getOrDefault("COMPLETE", 0) != accepted.size()) {
            throw new IllegalStateException(
                    "expected only 202/503, " + total + " answers and every accepted run" + " COMPLETE");
        }
    }

    private static void rss(String base, String token, String config, long pid, int runs, int every) throws Exception {
        HttpClient http = client();
        long t0 = System.nanoTime();
        System.out.printf(Locale.ROOT, "rss: runs 0: %d MiB%n", rssKib(pid) / 1024);
        List<String> inFlight = new ArrayList<>();
        int completed = 0;
        int submitted = 0;
        while (completed < runs) {
            while (submitted < runs && inFlight.size() < 8) {
                int[] status = new int[1];
                String id = post(http, base, token, config, status);
                if (id == null) {
                    break; // 503: let the queue drain
                }
                inFlight.add(id);
                submitted++;
            }
            Thread.sleep(20);
            for (var it = inFlight.iterator(); it.hasNext(); ) {
                String id = it.next();
                String s = status(http, base, id);
                if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                    if (!s.equals("COMPLETE")) {
                        throw new IllegalStateException("run " + id + " ended " + s);
                    }
                    it.remove();
                    // read its report once, as a client would
                    http.send(
                            HttpRequest.newBuilder(URI.create(base + "/api/v1/backtests/" + id + "/report"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    completed++;
                    if (completed % every == 0) {
                        System.out.printf(
                                Locale.ROOT,
                                "rss: runs %d: %d MiB (%.0f s)%n",
                                completed,
                                rssKib(pid) / 1024,
                                (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
        }
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }
}
