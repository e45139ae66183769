package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --definitions DIR}: definition files dropped into a folder show in the registry listing. */
class DefinitionsCliTest {
    @TempDir
    Path plugins;

    @TempDir
    Path definitions;

    @TempDir
    Path cache;

    private String oldCache;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void isolateTheCache() {
        oldCache = System.getProperty(RegistryOptions.CACHE_PROPERTY);
        System.setProperty(RegistryOptions.CACHE_PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreTheCache() {
        if (oldCache == null) {
            System.clearProperty(RegistryOptions.CACHE_PROPERTY);
        } else {
            System.setProperty(RegistryOptions.CACHE_PROPERTY, oldCache);
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String GOOD = """
            id: gap_fade
            kind: strategy
            description: "Fades the gap between close and its 5-bar mean."
            horizon_days: 2
            params:
              window: {type: int, default: 5, min: 2, max: 100}
            indicators:
              mean: {fn: sma, window: $window}
            alpha: "clamp((mean - close) / close * 10, -1, 1)"
            """;

    private static final String BROKEN = """
            id: broken_one
            kind: strategy
            horizon_days: 1
            alpha: |
              const x = ;
              return x;
            """;

    private static final String PEEKS = """
            id: peeks_ahead
            kind: strategy
            horizon_days: 1
            alpha: "i + 1 < series.close.length && series.close[i + 1] > close ? 1 : -1"
            """;

    private Map<String, JsonNode> listById() throws Exception {
        Run r = run(
                "strategies",
                "list",
                "--json",
                "--plugins",
                plugins.toString(),
                "--definitions",
                definitions.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(r.out())) {
            byId.put(n.get("id").asText(), n);
        }
        return byId;
    }

    @Test
    void aYamlDefinitionDroppedIntoTheFolderIsListedAndABrokenOneIsListedAsFailed() throws Exception {
        Files.writeString(definitions.resolve("gap_fade.yaml"), GOOD);
        Files.createDirectories(definitions.resolve("strategies"));
        Files.writeString(definitions.resolve("strategies").resolve("broken_one.yaml"), BROKEN);

        Map<String, JsonNode> byId = listById();

        JsonNode good = byId.get("gap_fade");
        assertThat(good).isNotNull();
        assertThat(good.get("kind").asText()).isEqualTo("strategy");
        assertThat(good.get("status").asText()).isEqualTo("loaded");
        assertThat(good.get("horizonDays").asInt()).isEqualTo(2);
        assertThat(good.get("source").get("type").asText()).isEqualTo("yaml");
        assertThat(good.get("source").get("name").asText()).isEqualTo("gap_fade.yaml");

        JsonNode bad = byId.get("broken_one");
        assertThat(bad).as("the broken file is listed under its file name").isNotNull();
        assertThat(bad.get("status").asText()).isEqualTo("failed");
        assertThat(bad.toString()).contains("broken_one.yaml:5").contains("syntax");
    }

    @Test
    void aStrategyThatLooksAheadIsListedAsFailedNamingDayAndSymbol() throws Exception {
        Files.writeString(definitions.resolve("peeks_ahead.yaml"), PEEKS);
        Files.writeString(definitions.resolve("gap_fade.yaml"), GOOD);

        Map<String, JsonNode> byId = listById();

        assertThat(byId.get("gap_fade").get("status").asText()).isEqualTo("loaded");
        JsonNode peeks = byId.get("peeks_ahead");
        assertThat(peeks.get("status").asText()).isEqualTo("failed");
        assertThat(peeks.toString()).contains("looks ahead").contains("SYN");
    }

    @Test
    void aPassRemembersTheFileByContentHashInTheCache() throws Exception {
        Files.writeString(definitions.resolve("gap_fade.yaml"), GOOD);
        Files.writeString(definitions.resolve("peeks_ahead.yaml"), PEEKS);

        listById();

        Path file = cache.resolve("lookahead-passed.txt");
        assertThat(file).exists();
        // one pass (gap_fade); the failing file is not remembered and is checked again next time
        assertThat(Files.readAllLines(file)).hasSize(1).allMatch(l -> l.matches("[0-9a-f]{64}"));
        assertThat(listById().get("peeks_ahead").get("status").asText()).isEqualTo("failed");
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void aMissingDefinitionsDirectoryIsAOneLineError() {
        Run r = run(
                "strategies",
                "list",
                "--plugins",
                plugins.toString(),
                "--definitions",
                definitions.resolve("absent").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--definitions").contains("does not exist").doesNotContain("at io.");
    }
}
