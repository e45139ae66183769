package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PointInTimeProofTest {
    static final Set<String> SERIES = Set.of("open", "high", "low", "close", "volume", "bb_middle");
    static final Set<String> PARAMS = Set.of("scale", "window");
    static final Set<String> LAGS = Set.of("window");
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "close / series.close[i - 1] - 1",
                "if (i < 1) return null;\nconst r = close / series.close[i - 1] - 1;\n"
                        + "return Math.max(-1, Math.min(1, -r * params.scale));",
                "clamp(-(close - bb_middle) / (series.high[i] - series.low[i - 20]), -1, 1)",
                "let s = 0;\nfor (let k = 0; k < 5; k++) { s += close; }\nreturn i > 5 ? s / 5e0 : null;",
                "typeof close === typeof 1 ? (isNaN(close) ? 0 : 0.5) : null",
                "Number.isFinite(close) && i >= params.window ? Math.tanh(close / open - 1) : null",
                "i >= params.window ? close / series.close[i - params.window] - 1 : null",
            })
    void provesExpressionsThatReadOnlyBarIOrEarlierAndKeepNoState(String code) {
        assertThat(PointInTimeProof.obstacle(code, SERIES, PARAMS, LAGS)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "series.close[i + 1] > close ? 1 : -1", // tomorrow's bar
                "series.close[i+1]",
                "series.close[1 + i]",
                "series.close[i - -1]",
                "series.close[i - k]",
                "series.close[i - params.scale]", // not declared as a non-negative integer
                "series.close[series.close.length - 1]", // the last bar of the data
                "series['close'][i]",
                "const c = series.close; return c[i];",
                "i++; return series.close[i];",
                "i = i + 1; return series.close[i];",
                "i += 1; return close;",
                "const x = 1\n++i\nreturn series.close[i];", // automatic semicolon insertion
                "{ let i = 5000; return series.close[i]; }",
                "for (let i = 0; i < 9; i++) {} return 0;",
                "arguments.callee.memo = close; return 0;", // state on the function object
                "this.memo = close; return 0;",
                "globalThis.x = 1",
                "eval('1')",
                "new Array(5)",
                "(() => close)()",
                "function f() { return close; } return f();",
                "let o = {a: close}; return 0;",
                "label: for (;;) { break label; }",
                "`${close}`",
                "close // a comment\n",
                "clo\\u0073e",
                "Math.max = null",
                "Math.constructor",
                "Number.constructor('return 1')",
                "params.scale = 2",
                "params.unknown",
                "series.close[i] = 0",
                "close = 1",
                "let a = 1, b = 2; return b;",
                "0x1F",
                "series.close?.[i]",
                "close ?? 0",
                "[close][0]",
                "const r = /x/; return 0;",
            })
    void leavesEverythingElseToTheRunBasedCheck(String code) {
        assertThat(PointInTimeProof.obstacle(code, SERIES, PARAMS, LAGS)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alpha: |\n  if (i < 1 || i + 1 >= series.close.length) return null;\n"
                        + "  return series.close[i + 1] > close ? 1 : -1;\n",
                "alpha: |\n  if (i + 2 >= series.close.length) return null;\n"
                        + "  const c = series.close;\n  return c[i + 2] > close ? 1 : -1;\n",
            })
    void aPeekingYamlStrategyIsNotProvedAndTheCutsStillCatchIt(String body) {
        Strategy s = (Strategy) DefinitionLoader.shared()
                .parse("peek.yaml", "id: peek\nkind: strategy\nhorizon_days: 1\n" + body)
                .component();
        assertThat(PointInTimeProof.obstacle(((ScriptedStrategy) s).definition(), ((ScriptedStrategy) s).seriesNames()))
                .isNotNull();
        assertThatThrownBy(() -> LookaheadCheck.synthetic().check(s)).isInstanceOf(LookaheadException.class);
    }

    static Stream<Path> shippedYamlStrategies() throws Exception {
        try (Stream<Path> files = Files.list(ROOT.resolve("strategies-yaml/strategies"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Soundness on real data: whatever the proof accepts, the cut runs accept too (and vice versa is not required). */
    @ParameterizedTest
    @MethodSource("shippedYamlStrategies")
    void everyProvedShippedStrategyAlsoPassesTheCutsOnTheSampleData(Path file) {
        ScriptedStrategy s =
                (ScriptedStrategy) DefinitionLoader.shared().load(file).component();
        MarketData sample = MarketData.load(ROOT.resolve("data/sample/sp500_sample.csv.gz"));
        LookaheadCheck check = LookaheadCheck.on(sample);
        AlphaMatrix full = new AlphaMatrix(sample.symbolCount(), sample.dayCount());
        s.generateAlphaSignals(sample, full);
        String why = PointInTimeProof.obstacle(s.definition(), s.seriesNames());
        System.out.println(file.getFileName() + ": " + (why == null ? "proved" : "not proved: " + why));
        assertThatCode(() -> check.checkByRuns(s, full)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bollinger_mean_reversion.yaml",
                "bollinger_reversion.yaml",
                "macd_rsi_confluence.yaml",
                "momentum_rank.yaml",
                "rsi_reversion.yaml",
                "sma_cross.yaml"
            })
    void everyShippedYamlStrategyIsProved(String name) {
        ScriptedStrategy s = (ScriptedStrategy) DefinitionLoader.shared()
                .load(ROOT.resolve("strategies-yaml/strategies").resolve(name))
                .component();
        assertThat(PointInTimeProof.obstacle(s.definition(), s.seriesNames())).isNull();
    }
}
