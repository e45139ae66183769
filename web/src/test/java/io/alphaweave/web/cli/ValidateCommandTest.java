package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final Path ROOT =
            Path.of(System.getProperty("user.dir")).resolve("..").normalize();
    private static final String DATA =
            ROOT.resolve("data/sample/sp500_sample.csv.gz").toString();

    private record Run(int code, JsonNode json, String err) {}

    private String oldCache;

    /** Every test starts with an empty cache, so the checks really run. */
    @BeforeEach
    void freshCache(@TempDir Path cache) {
        oldCache = System.getProperty(CacheDirectory.PROPERTY);
        System.setProperty(CacheDirectory.PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreCache() {
        if (oldCache == null) {
            System.clearProperty(CacheDirectory.PROPERTY);
        } else {
            System.setProperty(CacheDirectory.PROPERTY, oldCache);
        }
    }

    @Test
    void anUnchangedFileThatPassedIsReportedFromTheCacheAndAnEditedOneIsCheckedAgain(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("rsi.yaml");
        Files.copy(ROOT.resolve("strategies-yaml/strategies/rsi_reversion.yaml"), file);
        Run first = validate(file);
        assertThat(first.code()).as(first.json().toPrettyString()).isZero();
        Path stored;
        try (var entries = Files.list(Path.of(System.getProperty(CacheDirectory.PROPERTY), "validations"))) {
            stored = entries.findFirst().orElseThrow();
        }
        // mark the stored report: only a report read from the cache can carry the mark
        Files.writeString(stored, Files.readString(stored).replace("\"rsi_reversion_yaml\"", "\"from_the_cache\""));

        Run second = validate(file);

        assertThat(second.code()).isZero();
        assertThat(second.json().get("id").asText()).isEqualTo("from_the_cache");
        assertThat(second.json().get("backtest")).isEqualTo(first.json().get("backtest"));
        Files.writeString(file, Files.readString(file) + "\n# edited\n");
        Run third = validate(file);
        assertThat(third.json().get("id").asText()).isEqualTo("rsi_reversion_yaml");
        assertThat(third.json().get("checks")).isEqualTo(first.json().get("checks"));
    }

    @Test
    void aFileWithProblemsIsNeverCached(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "id: Bad-Id\nkind: strategy\nhorizon_days: 1\nalpha: \"0\"\n");
        assertThat(validate(f).code()).isEqualTo(2);
        assertThat(validate(f).code()).isEqualTo(2);
        assertThat(Path.of(System.getProperty(CacheDirectory.PROPERTY), "validations"))
                .doesNotExist();
    }

    private static Run validate(Path file) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(
                new String[] {"validate", file.toString(), "--json", "--data", DATA},
                List.of(),
                new PrintWriter(out),
                new PrintWriter(err));
        return new Run(code, new ObjectMapper().readTree(out.toString()), err.toString());
    }

    @Test
    void passesAShippedPortWithAnInSampleBacktest() throws Exception {
        Run r = validate(ROOT.resolve("strategies-yaml/strategies/rsi_reversion.yaml"));
        assertThat(r.code()).as(r.json().toPrettyString()).isZero();
        assertThat(r.json().get("ok").asBoolean()).isTrue();
        assertThat(r.json().get("id").asText()).isEqualTo("rsi_reversion_yaml");
        assertThat(r.json().get("checks").toString())
                .isEqualTo(
                        "{\"schema\":\"passed\",\"compile\":\"passed\",\"sandbox\":\"passed\",\"lookahead\":\"passed\","
                                + "\"backtest\":\"passed\"}");
        assertThat(r.json().get("backtest").get("trades").asInt()).isPositive();
        assertThat(r.json().get("problems")).isEmpty();
    }

    @Test
    void reportsSchemaProblemsWithLineColumnCodeAndHint(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "id: Bad-Id\nkind: strategy\nhorizon_days: 1\nalpah: \"0\"\n");
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.json().get("ok").asBoolean()).isFalse();
        JsonNode problems = r.json().get("problems");
        assertThat(problems.size()).isGreaterThanOrEqualTo(2);
        JsonNode unknown = null;
        for (JsonNode p : problems) {
            assertThat(p.has("file")
                            && p.has("line")
                            && p.has("column")
                            && p.has("code")
                            && p.has("message")
                            && p.has("hint"))
                    .isTrue();
            if (p.get("code").asText().equals("SCHEMA_UNKNOWN_KEY")) {
                unknown = p;
            }
        }
        assertThat(unknown).isNotNull();
        assertThat(unknown.get("line").asInt()).isEqualTo(4);
        assertThat(unknown.get("column").asInt()).isEqualTo(8);
        assertThat(unknown.get("message").asText()).contains("alpah");
    }

    @Test
    void reportsALookaheadWithTheFirstDayAndSymbol(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("peek.yaml");
        Files.writeString(
                f,
                "id: peek\nkind: strategy\nhorizon_days: 1\n"
                        + "alpha: \"i + 1 < series.close.length ? (series.close[i + 1] > close ? 1 : -1) : 0\"\n");
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.json().get("checks").get("lookahead").asText()).isEqualTo("failed");
        JsonNode p = r.json().get("problems").get(0);
        assertThat(p.get("code").asText()).isEqualTo("LOOKAHEAD");
        assertThat(p.get("message").asText()).containsPattern("for [A-Z]+ on \\d{4}-\\d{2}-\\d{2}");
        assertThat(p.get("line").asInt()).as("the line of the alpha expression").isEqualTo(4);
    }

    @Test
    void reportsALookaheadInAModuleAtTheLineOfItsFunction(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("peek.js");
        Files.writeString(f, """
                export const id = 'peek_js';
                export const kind = 'strategy';
                export const horizon_days = 1;

                export function alpha(i, s, p) {
                  return i + 1 < s.close.length ? (s.close[i + 1] > s.close[i] ? 1 : -1) : 0;
                }
                """);
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        JsonNode p = r.json().get("problems").get(0);
        assertThat(p.get("code").asText()).isEqualTo("LOOKAHEAD");
        assertThat(p.get("line").asInt()).as("the line where alpha is declared").isEqualTo(5);
    }

    @Test
    void reportsASandboxViolationAtTheLineWhereTheScriptWasStopped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("spin.js");
        Files.writeString(f, """
                export const id = 'spin_js';
                export const kind = 'strategy';
                export const horizon_days = 1;
                export function alpha(i, s, p) {
                  let k = 0;
                  while (true) {
                    k++;
                  }
                }
                """);
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        JsonNode p = r.json().get("problems").get(0);
        assertThat(p.get("code").asText()).startsWith("SANDBOX_");
        assertThat(p.get("file").asText()).endsWith("spin.js");
        assertThat(p.get("line").asInt()).as(p.toString()).isBetween(6, 7);
    }

    @Test
    void reportsAScriptErrorFoundInTheSandboxRun(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("nan.yaml");
        Files.writeString(f, "id: nan_alpha\nkind: strategy\nhorizon_days: 1\nalpha: \"close > 100 ? NaN : 0\"\n");
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.json().get("checks").get("sandbox").asText()).isEqualTo("failed");
        assertThat(r.json().get("problems").get(0).get("code").asText()).isEqualTo("SCRIPT_ERROR");
        assertThat(r.json().get("problems").get(0).get("message").asText()).contains("was NaN");
        assertThat(r.json().get("problems").get(0).get("line").asInt())
                .as("the line of the alpha expression")
                .isEqualTo(4);
    }

    @Test
    void reportsAViolationInTheBacktestsRulesAsJson(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("spin_rules.yaml");
        Files.writeString(
                f,
                "id: spin_rules\nkind: strategy\nhorizon_days: 1\nalpha: \"0\"\nbuy: |\n  while (true) {}\n  return false;\n");
        Run r = validate(f);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).doesNotContain("error:");
        JsonNode p = r.json().get("problems").get(0);
        assertThat(p.get("code").asText()).isEqualTo("SANDBOX_STATEMENTS");
        assertThat(p.get("line").asInt()).as(p.toString()).isEqualTo(6);
        assertThat(p.get("column").asInt()).as(p.toString()).isBetween(1, "  while (true) {}".length());
        assertThat(r.json().get("checks").get("backtest").asText()).isEqualTo("failed");
    }

    @Test
    void reportsAFailureOutsideTheDefinitionAsJsonToo(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(
                new String[] {
                    "validate",
                    ROOT.resolve("strategies-yaml/strategies/rsi_reversion.yaml")
                            .toString(),
                    "--json",
                    "--data",
                    dir.resolve("missing.csv").toString()
                },
                List.of(),
                new PrintWriter(out),
                new PrintWriter(err));
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("error:");
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("problems").get(0).get("code").asText()).isEqualTo("INPUT_ERROR");
        assertThat(json.get("problems").get(0).get("message").asText()).contains("missing.csv");
    }
}
