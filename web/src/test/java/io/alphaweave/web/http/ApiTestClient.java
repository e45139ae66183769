package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.store.RunRepository;
import io.alphaweave.web.DatasetDirectory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Requests against a started service, and the checks every answer shares. */
final class ApiTestClient {
    static final Path ROOT = Path.of(System.getProperty("user.dir"))
            .resolve("..")
            .toAbsolutePath()
            .normalize();

    /**
     * The services of a test server.
     *
     * @param registry the registry
     * @param installDir where data/sample is
     * @param sharedData the shared data directory (its sp500/ is the sp500 dataset)
     */
    static ApiServer.Services services(ComponentRegistry registry, Path installDir, Path sharedData) {
        DatasetCatalog catalog = catalog(installDir, sharedData);
        return new ApiServer.Services(registry, new DatasetDirectory(catalog), DefinitionValidator.onSample(catalog));
    }

    /**
     * The services of a test server with component insights.
     *
     * @param registry the registry
     * @param installDir where data/sample is
     * @param sharedData the shared data directory
     * @param runs the store's runs, or null for none
     */
    static ApiServer.Services servicesWithInsights(
            ComponentRegistry registry, Path installDir, Path sharedData, RunRepository runs) {
        DatasetCatalog catalog = catalog(installDir, sharedData);
        return new ApiServer.Services(
                registry,
                new DatasetDirectory(catalog),
                DefinitionValidator.onSample(catalog),
                ComponentInsights.onSample(registry, runs, catalog));
    }

    /**
     * @param installDir where data/sample is
     * @param sharedData the shared data directory
     * @return the datasets of a test server
     */
    static DatasetCatalog catalog(Path installDir, Path sharedData) {
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none().withHome(sharedData.resolve("home")),
                Map.of(Workspace.SHARED_DATA_ENV, sharedData.toString()),
                Map.of(Workspace.HOME_PROPERTY, installDir.toString(), "user.home", sharedData.toString()));
        return DatasetCatalog.of(w).datasetsOnly();
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ApiTestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** An answer: status, headers and body. */
    record Answer(HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return new ObjectMapper().readTree(body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body(), e);
            }
        }
    }

    Answer get(String rawPath, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + rawPath)).GET(), headers);
    }

    Answer post(String rawPath, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + rawPath))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    Answer postBytes(String rawPath, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(base + rawPath)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, headers);
    }

    /** A POST whose body is sent chunked, with no Content-Length declared. */
    Answer postChunked(String rawPath, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + rawPath))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .header("Content-Type", contentType);
        return send(b, headers);
    }

    Answer method(String method, String rawPath, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(base + rawPath)).method(method, HttpRequest.BodyPublishers.noBody()),
                headers);
    }

    private Answer send(HttpRequest.Builder b, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            Answer a = new Answer(http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            assertSecurityHeaders(a);
            return a;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Sends a request as raw bytes, for targets an HTTP client would refuse to send.
     *
     * @param target the request target as sent
     * @return the status line, the headers and the body
     */
    String raw(String target) {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Every answer, error or not, carries the security headers. */
    static void assertSecurityHeaders(Answer a) {
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(a.header("Content-Security-Policy"))
                .contains("frame-ancestors 'none'")
                .contains("default-src 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("*");
    }

    /** The one problem shape: RFC 9457 members, the status, and nothing from inside the server. */
    static JsonNode assertProblem(Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = a.json();
        assertThat(p.get("type").asText()).startsWith("urn:alphaweave:problem:");
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).isNotBlank();
        assertThat(p.get("instance").asText()).startsWith("/");
        assertThat(a.body())
                .doesNotContain(ROOT.toString())
                .doesNotContain(System.getProperty("user.home"))
                .doesNotContain("Exception")
                .doesNotContain("\tat ")
                .doesNotContain("SQL");
        return p;
    }
}
