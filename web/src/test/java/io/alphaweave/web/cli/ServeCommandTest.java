package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    private static final String EMPTY_DEFINITIONS = "--definitions";

    @Test
    void refusesANonLoopbackAddressWithoutTokens(@TempDir Path dir) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(
                new String[] {
                    "serve",
                    "--host",
                    "0.0.0.0",
                    "--port",
                    "0",
                    "--tokens-file",
                    dir.resolve("tokens.json").toString(),
                    EMPTY_DEFINITIONS,
                    dir.toString()
                },
                List.of(),
                new PrintWriter(out),
                new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .startsWith("error: refusing to serve on 0.0.0.0")
                .contains("tokens create")
                .doesNotContain("\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aPortOutOfRangeIsAOneLineError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = AlphaweaveCli.run(
                new String[] {"serve", "--port", "70000", EMPTY_DEFINITIONS, dir.toString()},
                List.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --port must be in 0..65535, was 70000");
    }

    @Test
    void servesOnLoopbackUntilStopped(@TempDir Path dir) throws Exception {
        // the installation root holds the sample data that /validate runs on
        String before = System.getProperty("alphaweave.home");
        System.setProperty(
                "alphaweave.home", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            serveAndStop(dir);
        } finally {
            if (before == null) {
                System.clearProperty("alphaweave.home");
            } else {
                System.setProperty("alphaweave.home", before);
            }
        }
    }

    private static void serveAndStop(Path dir) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(AlphaweaveCli.run(
                new String[] {
                    "serve",
                    "--port",
                    "0",
                    "--tokens-file",
                    dir.resolve("tokens.json").toString(),
                    EMPTY_DEFINITIONS,
                    dir.toString()
                },
                List.of(),
                new PrintWriter(out, true),
                new PrintWriter(err, true))));
        serving.start();
        Pattern url = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/api/v1");
        String base = null;
        for (int i = 0; i < 1200 && base == null && serving.isAlive(); i++) {
            Matcher m = url.matcher(out.toString());
            if (m.find()) {
                base = m.group(1);
            } else {
                Thread.sleep(50);
            }
        }
        assertThat(base).as("the service announces its address: " + out + err).isNotNull();
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        serving.interrupt();
        serving.join();
        assertThat(code.get()).isZero();
        assertThat(out.toString()).contains("alphaweave stopped");
    }

    @Test
    void serveInstallsAPluginOverHttpAndShowsItsHistogram(@TempDir Path dir) throws Exception {
        String before = System.getProperty("alphaweave.home");
        System.setProperty(
                "alphaweave.home", Path.of("..").toAbsolutePath().normalize().toString());
        Path plugins = java.nio.file.Files.createDirectories(dir.resolve("plugins"));
        Path tokensFile = dir.resolve("tokens.json");
        StringWriter tokenOut = new StringWriter();
        assertThat(AlphaweaveCli.run(
                        new String[] {"tokens", "create", "--role", "admin", "--tokens-file", tokensFile.toString()},
                        List.of(),
                        new PrintWriter(tokenOut, true),
                        new PrintWriter(new StringWriter(), true)))
                .isZero();
        String token = tokenOut.toString().strip().lines().reduce((a, b) -> b).orElseThrow();
        byte[] jar = java.nio.file.Files.readAllBytes(
                io.alphaweave.platform.registry.TestPluginJar.withStrategy("served", "served_one")
                        .writeTo(dir.resolve("build/served.jar")));
        StringWriter out = new StringWriter(), err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(AlphaweaveCli.run(
                new String[] {
                    "serve",
                    "--port",
                    "0",
                    "--tokens-file",
                    tokensFile.toString(),
                    "--plugins",
                    plugins.toString(),
                    "--db",
                    io.alphaweave.platform.store.StoreSettings.h2FileUrl(dir.resolve("store")),
                    EMPTY_DEFINITIONS,
                    dir.toString()
                },
                List.of(),
                new PrintWriter(out, true),
                new PrintWriter(err, true))));
        try {
            serving.start();
            Pattern url = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+)/api/v1");
            String base = null;
            for (int i = 0; i < 1200 && base == null && serving.isAlive(); i++) {
                Matcher m = url.matcher(out.toString());
                if (m.find()) {
                    base = m.group(1);
                } else {
                    Thread.sleep(50);
                }
            }
            assertThat(base)
                    .as("the service announces its address: " + out + err)
                    .isNotNull();
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> installed = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/plugins"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/java-archive")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(jar))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(installed.statusCode()).as(installed.body()).isEqualTo(201);
            assertThat(java.nio.file.Files.exists(plugins.resolve("served-1.0.0.jar")))
                    .isTrue();
            HttpResponse<String> detail = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/api/v1/components/served_one"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(detail.body());
            // the test strategy says 0.5 on every bar with a close: all of the sample's scores fall in bin 15
            assertThat(json.get("latest_metrics").isNull()).isTrue();
            assertThat(json.get("alpha_histogram").get("source").asText()).isEqualTo("sample");
            long total = json.get("alpha_histogram").get("total").asLong();
            assertThat(total).isPositive();
            assertThat(json.get("alpha_histogram").get("counts").get(15).asLong())
                    .isEqualTo(total);
        } finally {
            serving.interrupt();
            serving.join();
            if (before == null) {
                System.clearProperty("alphaweave.home");
            } else {
                System.setProperty("alphaweave.home", before);
            }
        }
        assertThat(code.get()).isZero();
    }
}
