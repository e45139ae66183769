package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same file and data give the same sandbox verdict and the same numbers on every run, in a fresh
 * runtime (cold engine, interpreted code) and in a warm one (compiled code): the budgets count what
 * the script does, not what the JIT has done. The fixture is the shipped Donchian module, whose
 * plain 55-bar look-back loop used to pass or fail the JVM-allocation budget depending on the run.
 */
class DeterministicSandboxTest {
    private static final Path MODULE = Path.of("..", "strategies-yaml", "strategies", "donchian_breakout.js");
    private static final Path SAMPLE = Path.of("..", "data", "sample", "sp500_sample.csv.gz");

    private static MarketData panel;

    @BeforeAll
    static void load() {
        panel = MarketData.load(SAMPLE);
    }

    /** What {@code validate} checks: load, a sandbox run over the whole panel, alphas in range; the alphas' hash. */
    private static String validate(ScriptRuntime runtime) {
        try {
            Strategy s = (Strategy) new DefinitionLoader(runtime).load(MODULE).component();
            AlphaMatrix m = new AlphaMatrix(panel.symbolCount(), panel.dayCount());
            s.generateAlphaSignals(panel, m);
            m.validate(s.id(), panel);
            int hash = 1;
            long views = 0;
            for (int i = 0; i < panel.symbolCount(); i++) {
                hash = 31 * hash + Arrays.hashCode(m.alpha(i));
                views += Arrays.stream(m.alpha(i)).filter(a -> !Double.isNaN(a)).count();
            }
            return "ok views=" + views + " hash=" + hash;
        } catch (RuntimeException e) {
            return "failed: " + e.getMessage();
        }
    }

    @Test
    void validatesTheLookBackModuleTwentyTimesWithTheSameVerdictInFreshAndWarmRuntimes() {
        List<String> verdicts = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            try (ScriptRuntime fresh = new ScriptRuntime(ScriptRuntime.Limits.DEFAULT)) {
                verdicts.add(validate(fresh));
            }
        }
        try (ScriptRuntime warm = new ScriptRuntime(ScriptRuntime.Limits.DEFAULT)) {
            for (int k = 0; k < 10; k++) {
                verdicts.add(validate(warm));
            }
        }
        assertThat(verdicts).hasSize(20).allMatch(v -> v.equals(verdicts.get(0)));
        assertThat(verdicts.get(0)).startsWith("ok views=");
        assertThat(verdicts.get(0)).doesNotContain("views=0 ");
    }

    @Test
    void backtestsTheLookBackModuleBitIdenticallyInFreshAndWarmRuntimes() {
        List<RulesBacktest.Result> results = new ArrayList<>();
        for (int k = 0; k < 2; k++) {
            try (ScriptRuntime fresh = new ScriptRuntime(ScriptRuntime.Limits.DEFAULT)) {
                Strategy s = (Strategy) new DefinitionLoader(fresh).load(MODULE).component();
                results.add(RulesBacktest.run(panel, s, RulesBacktest.Config.of(1_000_000)));
            }
        }
        try (ScriptRuntime warm = new ScriptRuntime(ScriptRuntime.Limits.DEFAULT)) {
            Strategy s = (Strategy) new DefinitionLoader(warm).load(MODULE).component();
            for (int k = 0; k < 2; k++) {
                results.add(RulesBacktest.run(panel, s, RulesBacktest.Config.of(1_000_000)));
            }
        }
        // record equality compares every double with Double.compare: bit for bit
        assertThat(results).hasSize(4).allMatch(r -> r.equals(results.get(0)));
        assertThat(results.get(0).trades()).isNotEmpty();
    }

    @Test
    void failsAnOverBudgetModuleTheSameWayEveryTime() {
        // the same loop with a 55-bar window cannot run in a budget of 20 statements per bar
        ScriptRuntime.Limits tight =
                new ScriptRuntime.Limits(1_000, 20, 256L << 20, 1L << 10, 0, ScriptRuntime.Limits.DEFAULT.deadline());
        List<String> verdicts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            try (ScriptRuntime fresh = new ScriptRuntime(tight)) {
                verdicts.add(validate(fresh));
            }
        }
        try (ScriptRuntime warm = new ScriptRuntime(tight)) {
            for (int k = 0; k < 3; k++) {
                verdicts.add(validate(warm));
            }
        }
        assertThat(verdicts).hasSize(6).allMatch(v -> v.equals(verdicts.get(0)));
        assertThat(verdicts.get(0))
                .startsWith("failed: ")
                .contains("donchian_breakout.js:")
                .contains("statements");
    }
}
