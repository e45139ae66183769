package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.portfolio.ComponentContractException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One table from error category to exit code: bad input 2, a component's fault 3, internal 1. */
class ExitCodeTest {
    static final Path SAMPLE = Path.of("..", "data", "sample", "sp500_sample.csv.gz")
            .toAbsolutePath()
            .normalize();

    @Test
    void theTableMapsEachCategoryToItsExitCode() {
        assertThat(AlphaweaveCli.EXIT_CODES)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        ErrorCategory.BAD_INPUT, 2,
                        ErrorCategory.COMPONENT_FAULT, 3,
                        ErrorCategory.INTERNAL, 1));
        assertThat(AlphaweaveCli.exitCode(new BacktestConfigException("capital must be > 0, was 0")))
                .isEqualTo(2);
        assertThat(AlphaweaveCli.exitCode(new ComponentContractException("allocator x: NaN weight")))
                .isEqualTo(3);
        assertThat(AlphaweaveCli.exitCode(new IllegalStateException("bug"))).isEqualTo(1);
    }

    @Test
    void aBacktestOfAStrategyThatFailedItsLookaheadCheckExitsThreeWithOneLine(@TempDir Path dir) throws Exception {
        Path defs = Files.createDirectories(dir.resolve("defs"));
        Files.writeString(
                defs.resolve("peek.yaml"),
                "id: peek\nkind: strategy\nhorizon_days: 1\n"
                        + "alpha: \"i + 1 < series.close.length ? (series.close[i + 1] > close ? 1 : -1) : 0\"\n");
        Path config =
                Files.writeString(dir.resolve("c.yaml"), "data: {path: " + SAMPLE + "}\nstrategies: [{id: peek}]\n");
        Path plugins = Files.createDirectories(dir.resolve("no-plugins"));
        PortfolioCliTest.Run r = PortfolioCliTest.run(
                "backtest", config.toString(), "--plugins", plugins.toString(), "--definitions", defs.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(3);
        assertThat(r.err()).startsWith("error: ").contains("peek").doesNotContain("\tat ");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void aBadConfigExitsTwo(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.yaml"), "data: {dataset: nope}\nstrategies: [{id: x}]\n");
        PortfolioCliTest.Run r = PortfolioCliTest.run("backtest", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("data.dataset: no dataset named \"nope\"");
    }
}
