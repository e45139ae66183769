package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.portfolio.Constraints;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigOverridesTest {
    private static final LocalDate JAN = LocalDate.of(2016, 1, 4), DEC = LocalDate.of(2017, 12, 29);

    private static BacktestConfig config() {
        return new BacktestConfig(
                "base",
                Path.of("/data/prices.csv").toAbsolutePath(),
                null,
                List.of("AAPL", "MSFT"),
                JAN,
                DEC,
                100_000,
                List.of(new BacktestConfig.StrategyRef("momentum", 2.0, Map.of("lookback", 40))),
                new BacktestConfig.ComponentRef("weighted", Map.of()),
                new BacktestConfig.ComponentRef("risk_parity", Map.of("window", 60)),
                new Constraints(0.2, 0.3, 5, true, 1.0, Constraints.OnInfeasible.CASH),
                RebalanceSchedule.MONTHLY,
                new TradingCosts(1, 2, false));
    }

    @Test
    void noOverridesReturnTheConfigItself() {
        BacktestConfig c = config();
        assertThat(ConfigOverrides.NONE.isEmpty()).isTrue();
        assertThat(ConfigOverrides.NONE.applyTo(c)).isSameAs(c);
        assertThat(ConfigOverrides.NONE.changes(c)).isEmpty();
    }

    @Test
    void everyGivenValueReplacesTheConfigsAndEverythingElseIsKept() {
        BacktestConfig c = config();
        ConfigOverrides o = new ConfigOverrides(
                LocalDate.of(2016, 6, 1), LocalDate.of(2016, 12, 30), 1_000.0, 5.0, 7.5, List.of(" JPM", "XOM "));

        BacktestConfig r = o.applyTo(c);

        assertThat(r.start()).isEqualTo(LocalDate.of(2016, 6, 1));
        assertThat(r.end()).isEqualTo(LocalDate.of(2016, 12, 30));
        assertThat(r.capital()).isEqualTo(1_000.0);
        assertThat(r.costs()).isEqualTo(new TradingCosts(5.0, 7.5, false));
        assertThat(r.universe()).containsExactly("JPM", "XOM");
        assertThat(r)
                .usingRecursiveComparison()
                .ignoringFields("start", "end", "capital", "costs", "universe")
                .isEqualTo(c);
    }

    @Test
    void oneOverrideChangesOnlyItsField() {
        BacktestConfig c = config();
        BacktestConfig r = new ConfigOverrides(null, null, null, 9.0, null, null).applyTo(c);
        assertThat(r.costs()).isEqualTo(new TradingCosts(9.0, 2, false));
        assertThat(r).usingRecursiveComparison().ignoringFields("costs").isEqualTo(c);
    }

    @Test
    void changesNameTheConfigFieldTheConfigsValueAndTheNewValueInOrder() {
        ConfigOverrides o = new ConfigOverrides(LocalDate.of(2016, 6, 1), null, 1_000.0, null, 3.0, List.of("JPM"));

        assertThat(o.changes(config()))
                .containsExactly(
                        new ConfigOverrides.Change("period.start", JAN, LocalDate.of(2016, 6, 1)),
                        new ConfigOverrides.Change("capital", 100_000.0, 1_000.0),
                        new ConfigOverrides.Change("execution.slippage_bps", 2.0, 3.0),
                        new ConfigOverrides.Change("universe", List.of("AAPL", "MSFT"), List.of("JPM")));
    }

    @Test
    void aConfigThatLeavesTheUniverseToTheDataReportsNoPreviousValue() {
        BacktestConfig all = config();
        BacktestConfig withAll = new BacktestConfig(
                all.name(),
                all.dataPath(),
                null,
                List.of(),
                null,
                null,
                all.capital(),
                all.strategies(),
                all.combiner(),
                all.allocator(),
                all.constraints(),
                all.rebalance(),
                all.costs());
        ConfigOverrides o = new ConfigOverrides(JAN, null, null, null, null, List.of("JPM"));
        assertThat(o.changes(withAll))
                .containsExactly(
                        new ConfigOverrides.Change("period.start", null, JAN),
                        new ConfigOverrides.Change("universe", null, List.of("JPM")));
    }

    @Test
    void invalidValuesAreRejectedNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> new ConfigOverrides(null, null, 0.0, null, null, null))
                .isInstanceOf(BacktestConfigException.class)
                .hasMessage("capital override must be a finite number > 0, was 0.0");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, Double.POSITIVE_INFINITY, null, null, null))
                .hasMessageContaining("capital override must be a finite number > 0");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, null, -1.0, null, null))
                .hasMessage("execution.commission_bps override must be a finite number ≥ 0, was -1.0");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, null, null, 10_000.0, null))
                .hasMessage("execution.slippage_bps override must be in [0, 10000), was 10000.0");
        assertThatThrownBy(() -> new ConfigOverrides(DEC, JAN, null, null, null, null))
                .hasMessage("period.start override 2017-12-29 is after period.end override 2016-01-04");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, null, null, null, List.of()))
                .hasMessage("universe override must list at least one symbol");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, null, null, null, List.of("AAPL", " ")))
                .hasMessageStartingWith("universe override [1] is blank");
        assertThatThrownBy(() -> new ConfigOverrides(null, null, null, null, null, List.of("AAPL", "AAPL")))
                .hasMessageStartingWith("universe override lists AAPL twice");
    }

    @Test
    void anOverriddenStartAfterTheConfigsEndBreaksTheConfigRule() {
        ConfigOverrides o = new ConfigOverrides(LocalDate.of(2018, 1, 2), null, null, null, null, null);
        assertThatThrownBy(() -> o.applyTo(config()))
                .isInstanceOf(BacktestConfigException.class)
                .hasMessage("period.start 2018-01-02 is after period.end 2017-12-29");
    }

    @Test
    void theUniverseIsCopied() {
        List<String> symbols = new ArrayList<>(Arrays.asList("AAPL", "MSFT"));
        ConfigOverrides o = new ConfigOverrides(null, null, null, null, null, symbols);
        symbols.add("XOM");
        assertThat(o.universe()).containsExactly("AAPL", "MSFT");
        assertThatThrownBy(() -> o.universe().add("JPM")).isInstanceOf(UnsupportedOperationException.class);
    }
}
