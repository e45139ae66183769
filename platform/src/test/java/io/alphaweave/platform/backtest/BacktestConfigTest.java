package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.data.LoadOptions;
import io.alphaweave.platform.evaluation.IcMode;
import io.alphaweave.platform.portfolio.Constraints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestConfigTest {
    @TempDir
    Path dir;

    static final String SAMPLE = Path.of("..", "data", "sample", "sp500_sample.csv.gz")
            .toAbsolutePath()
            .normalize()
            .toString();

    private BacktestConfig parse(String yaml) throws Exception {
        Path p = dir.resolve("run.yaml");
        Files.writeString(p, yaml);
        return BacktestConfig.parse(p);
    }

    @Test
    void parsesTheDesignExampleAndFillsDefaults() throws Exception {
        BacktestConfig c = parse("""
                data: {path: %s}
                period: {start: 2014-01-01, end: 2018-02-07}
                strategies:
                  - {id: bollinger_mean_reversion, weight: 1.0, params: {window: 20, k: 2.0}}
                  - macd_rsi_confluence
                allocator: {id: risk_parity, params: {window: 63}}
                constraints: {max_position: 0.10, max_sector: 0.30, min_positions: 10, long_only: true, gross_leverage: 1.0}
                rebalance: monthly
                """.formatted(SAMPLE));
        assertThat(c.name()).isEqualTo("run");
        assertThat(c.start()).isEqualTo(LocalDate.of(2014, 1, 1));
        assertThat(c.strategies()).hasSize(2);
        assertThat(c.strategies().get(0).params()).containsEntry("window", 20).containsEntry("k", 2.0);
        assertThat(c.strategies().get(1).weight()).isEqualTo(1.0);
        assertThat(c.combiner().id()).isEqualTo("weighted");
        assertThat(c.allocator().params()).containsEntry("window", 63);
        assertThat(c.constraints().maxSector()).isEqualTo(0.30);
        assertThat(c.constraints().onInfeasible()).isEqualTo(Constraints.OnInfeasible.CASH);
        assertThat(c.rebalance()).isEqualTo(RebalanceSchedule.MONTHLY);
        assertThat(c.costs()).isEqualTo(TradingCosts.NONE);
        assertThat(c.capital()).isEqualTo(1_000_000);
        assertThat(c.universe()).isEmpty();
        assertThat(c.dataOptions()).isEqualTo(LoadOptions.DEFAULT);
        assertThat(c.icMode()).isEqualTo(IcMode.DEFAULT);
    }

    @Test
    void readsTheDataOptionsAndTheIcMode() throws Exception {
        BacktestConfig c = parse("data: {path: " + SAMPLE + ", symbol: ORCL, drop_bad_rows: true}\n"
                + "strategies: [a]\nevaluation: {ic_mode: alphalens}\n");
        assertThat(c.dataOptions().symbol()).isEqualTo("ORCL");
        assertThat(c.dataOptions().dropBadRows()).isTrue();
        assertThat(c.icMode()).isEqualTo(IcMode.ALPHALENS);
        String base = "data: {path: " + SAMPLE + "}\nstrategies: [a]\n";
        assertThatThrownBy(() -> parse(base + "evaluation: {ic_mode: pandas}\n"))
                .hasMessageContaining("evaluation.ic_mode must be default")
                .hasMessageEndingWith("was \"pandas\"");
        assertThatThrownBy(() -> parse(base + "evaluation: {horizons: [1]}\n"))
                .hasMessageContaining("unknown key evaluation.horizons; allowed here: ic_mode");
        assertThatThrownBy(() -> parse("data: {path: " + SAMPLE + ", drop_bad_rows: yes please}\nstrategies: [a]\n"))
                .hasMessageContaining("data.drop_bad_rows must be true or false");
    }

    @Test
    void onInfeasibleChoosesBetweenCashAndError() throws Exception {
        String base = "data: {path: " + SAMPLE + "}\nstrategies: [a]\n";
        assertThat(parse(base + "constraints: {max_position: 0.1, on_infeasible: error}\n")
                        .constraints())
                .isEqualTo(
                        new Constraints(0.1, Double.POSITIVE_INFINITY, 0, true, 1.0, Constraints.OnInfeasible.ERROR));
        assertThat(parse(base + "constraints: {on_infeasible: cash}\n")
                        .constraints()
                        .onInfeasible())
                .isEqualTo(Constraints.OnInfeasible.CASH);
    }

    @Test
    void namesTheFieldOfEveryBadValue() throws Exception {
        String base = "data: {path: " + SAMPLE + "}\nstrategies: [a]\n";
        assertThatThrownBy(() -> parse(base + "rebalance: hourly\n"))
                .hasMessageContaining("rebalance must be one of daily, weekly, monthly");
        assertThatThrownBy(() -> parse(base + "capital: -5\n")).hasMessageContaining("capital must be");
        assertThatThrownBy(() -> parse(base + "execution: {slippage_bps: -1}\n"))
                .hasMessageContaining("execution.slippage_bps");
        assertThatThrownBy(() -> parse(base + "execution: {fill: close}\n")).hasMessageContaining("execution.fill");
        assertThatThrownBy(() -> parse(base + "constraints: {min_positions: 2.5}\n"))
                .hasMessageContaining("constraints.min_positions must be a whole number");
        assertThatThrownBy(() -> parse(base + "constraints: {max_position: 0}\n"))
                .hasMessageContaining("max_position");
        assertThatThrownBy(() -> parse(base + "constraints: {on_infeasible: relax}\n"))
                .hasMessageContaining("constraints.on_infeasible must be cash (keep what the caps cannot hold in cash)"
                        + " or error (stop the run), was \"relax\"");
        assertThatThrownBy(() -> parse(base + "period: {start: 2018-01-01, end: 2017-01-01}\n"))
                .hasMessageContaining("period.start 2018-01-01 is after period.end 2017-01-01");
        assertThatThrownBy(() -> parse(base + "period: {start: yesterday}\n")).hasMessageContaining("period.start");
        assertThatThrownBy(() -> parse("data: {path: nowhere.csv}\nstrategies: [a]\n"))
                .hasMessageContaining("data.path");
        assertThatThrownBy(() -> parse(base.replace("[a]", "[a, a]"))).hasMessageContaining("strategies[1].id");
        assertThatThrownBy(() -> parse(base + "mode: rules\n")).hasMessageContaining("mode must be portfolio");
        assertThatThrownBy(() -> parse(base + "strategies: [a]\n"))
                .hasMessageContaining("run.yaml:3")
                .hasMessageContaining("strategies");
        assertThatThrownBy(() -> parse("data: {path: " + SAMPLE + "}\nstrategies: [{id: a, wieght: 2}]\n"))
                .hasMessageContaining("unknown key strategies[0].wieght");
        assertThatThrownBy(() -> parse("data: [\n")).hasMessageContaining("not valid YAML");
    }
}
