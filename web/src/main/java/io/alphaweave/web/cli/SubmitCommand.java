package io.alphaweave.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alphaweave submit FILE [--server URL] [--token T]}: the client of {@code POST
 * /api/v1/submissions}. Sends the file, waits for the verdict and prints it. Exit 0 when ACCEPTED, 4 when
 * REJECTED, 3 for INVALID, LOOKAHEAD, TIMEOUT, MEMORY_LIMIT or SANDBOX_VIOLATION (the definition broke
 * a rule or a limit), 2 for a request the service refused, 1 when no verdict came in time.
 */
@Command(
        name = "submit",
        description = "Submit a strategy definition to a running service (alphaweave serve) and print its verdict.")
final class SubmitCommand implements Callable<Integer> {
    /** The exit code of a REJECTED verdict. */
    static final int EXIT_REJECTED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .yaml, .yml, .js or .mjs strategy definition.")
    Path file;

    @Option(
            names = "--server",
            paramLabel = "URL",
            description = "The service's base URL (default: http://127.0.0.1:7070).")
    String server = "http://127.0.0.1:7070";

    @Option(names = "--token", paramLabel = "TOKEN", description = "A bearer token with the write role.")
    String token;

    @Option(names = "--author", paramLabel = "NAME", description = "Who submits (default: anonymous).")
    String author;

    @Option(
            names = "--family",
            paramLabel = "NAME",
            description = "The family of related attempts the trial counts in (default: default).")
    String family;

    /** The longest wait the service grants one request (its {@code wait_seconds} limit). */
    private static final int MAX_WAIT_SECONDS = 20;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            description = "How long to wait for the verdict (default: 300).")
    int timeoutSeconds = 300;

    @Option(names = "--json", description = "Print the submission with its verdict as JSON.")
    boolean json;

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw new AlphaweaveException("--timeout must be ≥ 1 second, was " + timeoutSeconds);
        }
        if (!server.matches("https?://[^/\\s?#]+/?")) {
            throw new AlphaweaveException(
                    "--server must be a base URL such as http://127.0.0.1:7070 (scheme, host, port), was " + server);
        }
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean js = lower.endsWith(".js") || lower.endsWith(".mjs");
        if (!js && !lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            throw new AlphaweaveException("FILE must end in .yaml, .yml, .js or .mjs, was " + name);
        }
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new AlphaweaveException("FILE " + file + " does not exist");
        } catch (IOException e) {
            throw new AlphaweaveException("cannot read FILE " + file + ": " + e.getMessage());
        }
        String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
        StringBuilder query = new StringBuilder("?filename=").append(encode(name));
        if (author != null) {
            query.append("&author=").append(encode(author));
        }
        if (family != null) {
            query.append("&family=").append(encode(family));
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(base + "/api/v1/submissions" + query))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", js ? "application/javascript" : "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        JsonNode queued = send(http, authorised(post), 202);
        String id = queued.get("id").asText();
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println("submitted " + name + " as " + id + "; waiting for the verdict");
            out.flush();
        }
        long until = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        JsonNode s = queued;
        while (!isFinal(s.get("status").asText())) {
            if (System.nanoTime() > until) {
                throw new AlphaweaveException("no verdict for submission " + id + " within " + timeoutSeconds
                        + " s (status " + s.get("status").asText() + "); ask again with GET " + base
                        + "/api/v1/submissions/" + id);
            }
            // a long poll: the service answers as soon as the verdict is stored
            long left = Math.max(1, Duration.ofNanos(until - System.nanoTime()).toSeconds());
            long wait = Math.min(MAX_WAIT_SECONDS, left);
            long asked = System.nanoTime();
            s = send(
                    http,
                    authorised(HttpRequest.newBuilder(
                                    URI.create(base + "/api/v1/submissions/" + id + "?wait_seconds=" + wait))
                            .timeout(Duration.ofSeconds(wait + 30))
                            .GET()),
                    200);
            if (!isFinal(s.get("status").asText()) && System.nanoTime() - asked < 100_000_000L) {
                // a server that answers at once instead of holding the request: do not ask in a tight loop
                Thread.sleep(300);
            }
        }
        String status = s.get("status").asText();
        if (json) {
            out.println(JsonMapper.write(s));
        } else {
            print(out, s.get("verdict"));
        }
        out.flush();
        return switch (status) {
            case "ACCEPTED" -> 0;
            case "REJECTED" -> EXIT_REJECTED;
            default -> 3;
        };
    }

    private HttpRequest authorised(HttpRequest.Builder b) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b.build();
    }

    private JsonNode send(HttpClient http, HttpRequest request, int expected) throws InterruptedException {
        HttpResponse<String> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AlphaweaveException("cannot reach the service at " + server + " ("
                    + e.getClass().getSimpleName() + "); start it with `alphaweave serve` or pass --server URL");
        }
        JsonNode body;
        try {
            body = JsonMapper.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new AlphaweaveException(
                    "the service at " + server + " answered " + r.statusCode() + " with a body that is not JSON");
        }
        if (r.statusCode() != expected) {
            String detail =
                    body != null && body.has("detail") ? body.get("detail").asText() : r.body();
            throw new AlphaweaveException("the service refused the submission (" + r.statusCode() + "): " + detail);
        }
        return body;
    }

    private static boolean isFinal(String status) {
        return !status.equals("QUEUED") && !status.equals("RUNNING");
    }

    private static void print(PrintWriter out, JsonNode v) {
        out.println("status: " + v.get("status").asText());
        out.println("version: " + v.path("version").asText());
        if (v.hasNonNull("detail")) {
            out.println("detail: " + v.get("detail").asText());
        }
        for (JsonNode r : v.path("reasons")) {
            out.println("reason " + r.get("code").asText() + ": "
                    + r.get("message").asText()
                    + (r.hasNonNull("value") ? " (value " + r.get("value").asText() + ")" : "")
                    + (r.hasNonNull("threshold")
                            ? " (threshold " + r.get("threshold").asText() + ")"
                            : ""));
        }
        for (JsonNode p : v.path("problems")) {
            out.println(p.path("file").asText() + ":" + p.path("line").asInt() + ":"
                    + p.path("column").asInt() + " "
                    + p.path("code").asText() + " " + p.path("message").asText() + " (hint: "
                    + p.path("hint").asText()
                    + ")");
        }
        JsonNode sharpe = v.path("sharpe");
        if (!sharpe.isMissingNode()) {
            out.println("in-sample Sharpe "
                    + v.path("in_sample").path("sharpe_ratio").asText() + ", PSR "
                    + sharpe.path("probabilistic_sharpe").asText() + ", DSR "
                    + sharpe.path("deflated_sharpe").asText()
                    + " over " + v.path("trials").path("overall_trials").asText() + " trials");
        }
        JsonNode novelty = v.path("novelty");
        if (!novelty.isMissingNode() && novelty.hasNonNull("most_similar")) {
            out.println("most similar: " + novelty.get("most_similar").asText() + " (correlation "
                    + novelty.path("max_correlation").asText() + ")");
        }
        JsonNode holdout = v.path("holdout");
        if (!holdout.isMissingNode()) {
            out.println("sealed holdout: " + (holdout.path("passed").asBoolean() ? "passed" : "failed") + " (threshold "
                    + holdout.path("threshold").asText() + ")");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
