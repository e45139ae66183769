package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.dsl.DefinitionLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final DefinitionValidator VALIDATOR =
            new DefinitionValidator(DefinitionLoader.shared(), ROOT.resolve("data/sample/sp500_sample.csv.gz"));

    @Test
    void aShippedStrategySubmittedAsTextPassesEveryCheckWithAQuickBacktest() throws Exception {
        String text = Files.readString(ROOT.resolve("strategies-yaml/strategies/rsi_reversion.yaml"));
        ValidationReport r = VALIDATOR.validate("submitted.yaml", text);
        assertThat(r.problems()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.checks())
                .containsExactly(
                        java.util.Map.entry("schema", "passed"),
                        java.util.Map.entry("compile", "passed"),
                        java.util.Map.entry("sandbox", "passed"),
                        java.util.Map.entry("lookahead", "passed"),
                        java.util.Map.entry("backtest", "passed"));
        assertThat(r.kind()).isEqualTo("strategy");
        assertThat(r.sha256()).matches("[0-9a-f]{64}");
        assertThat(r.coverage()).isBetween(0.5, 1.0);
        assertThat(r.backtest().symbols()).isEqualTo(50);
        assertThat(r.backtest().trades()).isPositive();
    }

    @Test
    void aBrokenDefinitionIsReportedWithFileLineCodeAndHintNeverThrown() {
        ValidationReport r = VALIDATOR.validate("bad.yaml", "id: bad\nkind: strategy\nhorizon_days: 1\nalpah: \"0\"\n");
        assertThat(r.ok()).isFalse();
        assertThat(r.checks()).containsEntry("compile", "failed").doesNotContainKey("sandbox");
        DefinitionException.Problem unknown = r.problems().stream()
                .filter(p -> p.message().contains("alpah"))
                .findFirst()
                .orElseThrow();
        assertThat(unknown.file()).isEqualTo("bad.yaml");
        assertThat(unknown.line()).isEqualTo(4);
        assertThat(unknown.hint()).isNotBlank();
        assertThat(r.id()).isNull();

        List<String> keys = new ArrayList<>();
        JsonMapper.tree(r).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("the unknown parts are left out").containsExactly("file", "ok", "checks", "problems");
    }
}
