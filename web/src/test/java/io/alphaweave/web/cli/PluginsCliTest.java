package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.registry.TestPluginJar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsCliTest {
    @TempDir
    Path plugins;

    @TempDir
    Path elsewhere;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void pluginsListShowsEachJarWithItsStateAndError() {
        TestPluginJar.plugin("acme-signals", "1.4.2")
                .strategy("com.acme", "AcmeTrend", "acme_trend")
                .writeTo(plugins.resolve("acme-signals.jar"));
        TestPluginJar.withStrategy("needy", "needy_one").dependencies("absent").writeTo(plugins.resolve("needy.jar"));

        Run r = run("plugins", "list", "--plugins", plugins.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("plugins directory: " + plugins)
                .containsPattern("acme-signals +1\\.4\\.2 +started +acme-signals\\.jar +acme_trend")
                .containsPattern(
                        "needy +1\\.0\\.0 +failed +needy\\.jar +error: plugin \"needy\" depends on plugin\\(s\\)"
                                + " \\[absent\\]");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void pluginsListAsJson() throws Exception {
        TestPluginJar.withStrategy("solo", "solo_one").writeTo(plugins.resolve("solo.jar"));

        Run r = run("plugins", "list", "--json", "--plugins", plugins.toString());

        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("directory").asText())
                .isEqualTo(plugins.toAbsolutePath().toString());
        JsonNode p = doc.get("plugins").get(0);
        assertThat(p.get("id").asText()).isEqualTo("solo");
        assertThat(p.get("state").asText()).isEqualTo("started");
        assertThat(p.get("jar").asText())
                .isEqualTo(plugins.resolve("solo.jar").toAbsolutePath().toString());
        assertThat(p.get("sha256").asText()).hasSize(64);
        assertThat(p.get("components").get(0).asText()).isEqualTo("solo_one");
    }

    @Test
    void installCopiesAGoodJarAndListsItsComponents() {
        Path jar = TestPluginJar.plugin("acme-pack", "0.3.0")
                .strategy("acme", "Trend", "acme_trend")
                .allocator("acme", "Equal", "acme_equal")
                .writeTo(elsewhere.resolve("acme-pack-0.3.0.jar"));

        Run r = run("plugins", "install", jar.toString(), "--plugins", plugins.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("installed plugin acme-pack 0.3.0 as " + plugins.resolve("acme-pack-0.3.0.jar"))
                .containsPattern("strategy +acme_trend +1\\.0\\.0 +loaded")
                .containsPattern("allocator +acme_equal +1\\.0\\.0 +loaded");
        assertThat(Files.exists(plugins.resolve("acme-pack-0.3.0.jar"))).isTrue();
        assertThat(run("strategies", "list", "--plugins", plugins.toString()).out())
                .contains("acme_trend");
    }

    @Test
    void installOfAJarWithoutDescriptorFailsWithOneLineAndExitTwo() throws Exception {
        Path jar = TestPluginJar.plugin(null, null).writeTo(elsewhere.resolve("plain.jar"));

        Run r = run("plugins", "install", jar.toString(), "--plugins", plugins.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("error: bad plugin descriptor in " + jar.toAbsolutePath())
                .contains("no Plugin-Id");
        try (var files = Files.list(plugins)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void installOfAFileThatIsNoJarFailsWithOneLineAndExitTwo() throws Exception {
        Path notJar = Files.writeString(elsewhere.resolve("notes.jar"), "hello");

        Run r = run("plugins", "install", notJar.toString(), "--plugins", plugins.toString());

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").contains("is not a JAR file");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void installOfAMissingFileFailsWithExitTwo() {
        Run r = run("plugins", "install", elsewhere.resolve("nope.jar").toString(), "--plugins", plugins.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: cannot install " + elsewhere.resolve("nope.jar") + ": no such file\n");
    }

    @Test
    void verbosePrintsTheStackTrace() {
        Run r = run(
                "plugins",
                "install",
                elsewhere.resolve("nope.jar").toString(),
                "--plugins",
                plugins.toString(),
                "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("PluginLoadException").contains("\tat io.alphaweave.platform.registry");
    }

    @Test
    void aMissingPluginsDirectoryIsAOneLineError() {
        Run r = run(
                "strategies", "list", "--plugins", elsewhere.resolve("absent").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("error: plugins directory " + elsewhere.resolve("absent")
                        + " (--plugins) does not exist or is not a directory; create it or fix the path\n");
    }

    @Test
    void strategiesListAsJsonDescribesEveryComponent() throws Exception {
        Path jar = TestPluginJar.plugin("acme-pack", "0.3.0")
                .strategy("acme", "Trend", "acme_trend")
                .combiner("acme", "Blend", "acme_blend")
                .writeTo(plugins.resolve("acme-pack.jar"));

        Run r = run("strategies", "list", "--json", "--plugins", plugins.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertThat(list).hasSize(2);
        JsonNode s = list.get(0);
        assertThat(s.get("id").asText()).isEqualTo("acme_trend");
        assertThat(s.get("kind").asText()).isEqualTo("strategy");
        assertThat(s.get("version").asText()).isEqualTo("1.0.0");
        assertThat(s.get("status").asText()).isEqualTo("loaded");
        assertThat(s.get("summary").asText()).isEqualTo("test strategy acme_trend");
        assertThat(s.get("horizonDays").asInt()).isEqualTo(1);
        assertThat(s.get("source").get("type").asText()).isEqualTo("plugin");
        assertThat(s.get("source").get("name").asText()).isEqualTo("acme-pack");
        assertThat(s.get("source").get("version").asText()).isEqualTo("0.3.0");
        assertThat(s.get("source").get("location").asText())
                .isEqualTo(jar.toAbsolutePath().toString());
        assertThat(s.get("source").get("sha256").asText()).matches("[0-9a-f]{64}");
        JsonNode param = s.get("parameters").get(0);
        assertThat(param.get("name").asText()).isEqualTo("window");
        assertThat(param.get("type").asText()).isEqualTo("int");
        assertThat(param.get("default").asInt()).isEqualTo(5);
        assertThat(list.get(1).get("kind").asText()).isEqualTo("combiner");
    }

    @Test
    void strategiesListFiltersByKindAndShowsTheHashPrefix() throws Exception {
        TestPluginJar.plugin("acme-pack", "0.3.0")
                .strategy("acme", "Trend", "acme_trend")
                .combiner("acme", "Blend", "acme_blend")
                .writeTo(plugins.resolve("acme-pack.jar"));

        Run r = run("strategies", "list", "--kind", "combiner", "--plugins", plugins.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("acme_blend").doesNotContain("acme_trend");
        String hash = new ObjectMapper()
                .readTree(run("plugins", "list", "--json", "--plugins", plugins.toString())
                        .out())
                .get("plugins")
                .get(0)
                .get("sha256")
                .asText();
        assertThat(r.out())
                .containsPattern("combiner +acme_blend +plugin acme-pack +1\\.0\\.0 +" + hash.substring(0, 12)
                        + " +loaded +test combiner acme_blend");
        Run bad = run("strategies", "list", "--kind", "widget", "--plugins", plugins.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: --kind must be one of strategy, combiner, allocator, all;");
    }
}
