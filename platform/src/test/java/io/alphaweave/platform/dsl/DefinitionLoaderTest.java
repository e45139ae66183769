package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionLoaderTest {
    private static ScriptRuntime runtime;
    private static DefinitionLoader loader;

    @BeforeAll
    static void start() {
        runtime = new ScriptRuntime(ScriptRuntime.Limits.perCall(2_000_000L, Duration.ofSeconds(60), 128L << 20, 4096));
        loader = new DefinitionLoader(runtime);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /** Two symbols, four days; B has no bar on day 1. */
    static MarketData panel() {
        LocalDate[] cal = {
            LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 5)
        };
        double nan = Double.NaN;
        double[][] close = {{10, 12, 11, 15}, {20, nan, 22, 21}};
        double[][] open = {{10, 11, 12, 11}, {20, nan, 21, 22}};
        double[][] high = {{11, 13, 13, 16}, {21, nan, 23, 23}};
        double[][] low = {{9, 10, 10, 10}, {19, nan, 20, 20}};
        double[][] vol = {{100, 100, 100, 100}, {100, nan, 100, 100}};
        return new MarketData(cal, List.of("A", "B"), open, high, low, close, vol, null);
    }

    private static final String SMA_STRATEGY = """
            id: sma_gap
            kind: strategy
            description: distance from a 2-bar SMA
            horizon_days: 3
            params:
              scale: {type: double, default: 10.0, min: 0.1, max: 100}
            indicators:
              avg: {fn: sma, window: 2}
            alpha: clamp((close - avg) / params.scale, -1, 1)
            """;

    private static AlphaMatrix run(Strategy s, MarketData data) {
        AlphaMatrix m = new AlphaMatrix(data.symbolCount(), data.dayCount());
        s.generateAlphaSignals(data, m);
        return m;
    }

    private static DefinitionException.Problem problemOf(String file, String text) {
        try {
            loader.parse(file, text);
        } catch (DefinitionException e) {
            return e.problems().get(0);
        }
        throw new AssertionError("expected a DefinitionException for " + file);
    }

    @Test
    void computesAWorkedExampleOverEachSymbolsOwnBars() {
        DefinitionLoader.Loaded loaded = loader.parse("sma_gap.yaml", SMA_STRATEGY);
        assertThat(loaded.kind()).isEqualTo(ComponentKind.STRATEGY);
        assertThat(loaded.source()).isEqualTo("yaml");
        assertThat(loaded.contentHash()).hasSize(64);
        AlphaMatrix m = run((Strategy) loaded.component(), panel());
        // A: closes 10 12 11 15, SMA2 = - 11 11.5 13 → (c − sma)/10 = - 0.1 −0.05 0.2
        assertThat(m.alpha(0)[0]).isNaN();
        assertThat(m.alpha(0)[1]).isCloseTo(0.1, within(1e-15));
        assertThat(m.alpha(0)[2]).isCloseTo(-0.05, within(1e-15));
        assertThat(m.alpha(0)[3]).isCloseTo(0.2, within(1e-15));
        assertThat(m.confidence(0)[3]).isCloseTo(0.2, within(1e-15));
        // B's own bars skip day 1: closes 20 22 21, SMA2 = - 21 21.5 on days 0 2 3
        assertThat(m.alpha(1)[1]).isNaN();
        assertThat(m.alpha(1)[2]).isCloseTo(0.1, within(1e-15));
        assertThat(m.alpha(1)[3]).isCloseTo(-0.05, within(1e-15));
    }

    @Test
    void takesParameterOverridesThroughConfigure() {
        Strategy s = (Strategy) loader.parse("sma_gap.yaml", SMA_STRATEGY).component();
        AlphaMatrix m = run(s.configure(Map.of("scale", 2.0)), panel());
        assertThat(m.alpha(0)[3]).isCloseTo(1.0, within(1e-15)); // (15 − 13)/2 = 1
        assertThat(m.alpha(0)[2]).isCloseTo(-0.25, within(1e-15));
        assertThatThrownBy(() -> s.configure(Map.of("scale", 0.0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("scale must be ≥ 0.1, was 0.0");
        assertThatThrownBy(() -> s.configure(Map.of("nope", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void answersTheEasyPathLikeTheBulkPath() {
        Strategy s = (Strategy) loader.parse("sma_gap.yaml", SMA_STRATEGY).component();
        MarketData data = panel();
        StrategySignal sig =
                s.generateAlphaSignal(new SignalContext(data, 3), "A").orElseThrow();
        assertThat(sig.alphaScore()).isCloseTo(0.2, within(1e-15));
        assertThat(sig.horizonDays()).isEqualTo(3);
        assertThat(s.generateAlphaSignal(new SignalContext(data, 0), "A")).isEmpty();
    }

    @Test
    void evaluatesBuyAndSellRulesForRulesMode() {
        String yaml = SMA_STRATEGY.replace("id: sma_gap", "id: sma_rules") + "buy: close > avg\nsell: close < avg\n";
        Strategy s = (Strategy) loader.parse("sma_rules.yaml", yaml).component();
        TradeSignal[] a = s.generateSignals(panel(), 0);
        assertThat(a).containsExactly(TradeSignal.HOLD, TradeSignal.BUY, TradeSignal.SELL, TradeSignal.BUY);
        TradeSignal[] b = s.generateSignals(panel(), 1);
        assertThat(b).containsExactly(TradeSignal.HOLD, TradeSignal.HOLD, TradeSignal.BUY, TradeSignal.SELL);
    }

    // ---- alpha values a script must not return ----

    private static String strategyWithAlpha(String alpha) {
        return "id: bad_alpha\nkind: strategy\nhorizon_days: 1\nalpha: " + alpha + "\n";
    }

    @Test
    void rejectsAnAlphaThatIsNaN() {
        Strategy s = (Strategy) loader.parse("nan.yaml", strategyWithAlpha("\"close > 11 ? NaN : 0\""))
                .component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("nan.yaml")
                .hasMessageContaining("alpha for A on 2024-01-03 was NaN")
                .hasMessageContaining("or null for no view");
    }

    @Test
    void rejectsAnAlphaThatIsInfinite() {
        Strategy s = (Strategy) loader.parse("inf.yaml", strategyWithAlpha("\"1 / (close - 12)\""))
                .component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("alpha for A on 2024-01-03 was Infinity");
    }

    @Test
    void rejectsAnAlphaThatIsAString() {
        Strategy s = (Strategy)
                loader.parse("str.yaml", strategyWithAlpha("\"'0.5'\"")).component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("alpha for A on 2024-01-02 was string \"0.5\"");
    }

    @Test
    void rejectsAnAlphaOutsideMinusOneToOne() {
        Strategy s = (Strategy)
                loader.parse("big.yaml", strategyWithAlpha("close / 10")).component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("alpha for A on 2024-01-03 was 1.2, outside [-1, 1]");
    }

    @Test
    void reportsARuntimeErrorAtTheLineOfTheYamlFile() {
        String yaml =
                "id: thrower\nkind: strategy\nhorizon_days: 1\nalpha: |\n  const x = 1;\n  return nosuchname + x;\n";
        Strategy s = (Strategy) loader.parse("thrower.yaml", yaml).component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("thrower.yaml:6:")
                .hasMessageContaining("nosuchname");
    }

    @Test
    void stopsAnEndlessLoopInsideAStrategyAndCarriesOn() {
        Strategy s = (Strategy) loader.parse("loop.yaml", strategyWithAlpha("|\n  while (true) {}\n  return 0;"))
                .component();
        assertThatThrownBy(() -> run(s, panel())).isInstanceOf(SandboxViolationException.class);
        Strategy ok = (Strategy) loader.parse("sma_gap.yaml", SMA_STRATEGY).component();
        assertThat(run(ok, panel()).alpha(0)[3]).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void sharesNoGlobalBetweenTwoStrategies() {
        Strategy writer = (Strategy) loader.parse(
                        "writer.yaml",
                        "id: writer\nkind: strategy\nhorizon_days: 1\n"
                                + "alpha: \"(globalThis.secret = 0.5, Math.leak = 1, 0.5)\"\n")
                .component();
        Strategy reader = (Strategy) loader.parse(
                        "reader.yaml",
                        "id: reader\nkind: strategy\nhorizon_days: 1\n"
                                + "alpha: \"typeof secret === 'undefined' && Math.leak === undefined ? 0 : 1\"\n")
                .component();
        MarketData data = panel();
        assertThat(run(writer, data).alpha(0)[0]).isEqualTo(0.5);
        AlphaMatrix m = run(reader, data);
        for (int s = 0; s < 2; s++) {
            for (int d = 0; d < 4; d++) {
                assertThat(m.alpha(s)[d]).isIn(0.0, Double.NaN);
            }
        }
        assertThat(m.alpha(0)[0]).isZero();
    }

    // ---- hostile and malformed YAML ----

    @Test
    void rejectsAGlobalTag() {
        DefinitionException.Problem p = problemOf(
                "tag.yaml",
                "id: x\nkind: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                        + " [\"http://localhost/\"]]]]\n");
        assertThat(p.code()).isEqualTo("YAML_TAG");
        assertThat(p.message()).contains("tag:yaml.org,2002:javax.script.ScriptEngineManager");
        assertThat(p.line()).isEqualTo(2);
        assertThat(p.column()).isEqualTo(7);
    }

    @Test
    void rejectsAnAliasBomb() {
        StringBuilder b =
                new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char prev = (char) (c - 1);
            b.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                b.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            b.append("]\n");
        }
        DefinitionException.Problem p = problemOf("laughs.yaml", b.toString());
        assertThat(p.code()).isEqualTo("YAML_ALIAS_LIMIT");
        assertThat(p.hint()).contains("at most 20 aliases");
    }

    @Test
    void rejectsDuplicateKeys() {
        DefinitionException.Problem p =
                problemOf("dup.yaml", "id: one\nkind: strategy\nid: two\nhorizon_days: 1\nalpha: \"0\"\n");
        assertThat(p.code()).isEqualTo("YAML_DUPLICATE_KEY");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).contains("\"id\" appears twice (first on line 1)");
    }

    @Test
    void rejectsTenThousandDeepNesting() {
        String yaml = "id: deep\nkind: strategy\nreadme: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        DefinitionException.Problem p = problemOf("deep.yaml", yaml);
        assertThat(p.code()).isEqualTo("YAML_TOO_DEEP");
        assertThat(p.line()).isEqualTo(3);
    }

    @Test
    void rejectsAFiveMegabyteDocument(@TempDir Path dir) throws Exception {
        String big = "id: big\nkind: strategy\nreadme: \"" + "x".repeat(5 << 20) + "\"\n";
        assertThat(problemOf("big.yaml", big).code()).isEqualTo("YAML_TOO_LARGE");
        Path file = dir.resolve("big.yaml");
        Files.writeString(file, big);
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(DefinitionException.class)
                .satisfies(e -> assertThat(
                                ((DefinitionException) e).problems().get(0).code())
                        .isEqualTo("FILE_TOO_LARGE"));
    }

    @Test
    void keepsYaml11CoercionsAsTheSchemaSays() {
        String yaml = """
                id: coercions
                kind: strategy
                description: NO
                version: 12:30
                horizon_days: 1
                params:
                  country: {type: string, default: NO}
                  switch: {type: string, default: ON}
                  time: {type: string, default: 12:30}
                  octal: {type: string, default: 010}
                alpha: "0"
                """;
        Strategy s = (Strategy) loader.parse("coercions.yaml", yaml).component();
        assertThat(s.describe().summary()).isEqualTo("NO");
        assertThat(s.describe().version()).isEqualTo("12:30");
        assertThat(s.describe().parameters())
                .extracting(ParameterSpec::defaultValue)
                .containsExactly("NO", "ON", "12:30", "010");
        // YAML 1.2: `yes` is not a boolean, so a boolean parameter cannot default to it
        DefinitionException.Problem p = problemOf(
                "yes.yaml",
                "id: y\nkind: strategy\nhorizon_days: 1\nparams:\n  flag: {type: boolean, default: yes}\nalpha: \"0\"\n");
        assertThat(p.code()).isEqualTo("SCHEMA_VALUE");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).contains("flag must be true or false, was \"yes\"");
    }

    @Test
    void reportsEverySchemaProblemWithLineAndHint() {
        String yaml = "kind: strategi\nhorizon_days: 0\nalpah: \"0\"\n";
        assertThatThrownBy(() -> loader.parse("schema.yaml", yaml))
                .isInstanceOf(DefinitionException.class)
                .satisfies(e -> {
                    List<DefinitionException.Problem> ps = ((DefinitionException) e).problems();
                    assertThat(ps)
                            .extracting(DefinitionException.Problem::code)
                            .contains("SCHEMA_UNKNOWN_KEY", "SCHEMA_MISSING", "SCHEMA_VALUE");
                    DefinitionException.Problem unknown = ps.stream()
                            .filter(p -> p.code().equals("SCHEMA_UNKNOWN_KEY"))
                            .findFirst()
                            .orElseThrow();
                    assertThat(unknown.line()).isEqualTo(3);
                    assertThat(unknown.message()).contains("alpah");
                    assertThat(unknown.hint()).contains("alpha");
                    assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("strategi"));
                    assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("horizon_days"));
                });
    }

    @Test
    void reportsAJavaScriptSyntaxErrorAtItsYamlLine() {
        String yaml = "id: syn\nkind: strategy\nhorizon_days: 1\nalpha: |\n  const a = 1;\n  return a +* 2;\n";
        DefinitionException.Problem p = problemOf("syn.yaml", yaml);
        assertThat(p.code()).isEqualTo("JS_SYNTAX");
        assertThat(p.line()).isEqualTo(6);
    }

    @Test
    void reportsASyntaxErrorInAOneLineExpressionInsideTheLineAndWithoutGeneratedCode() {
        String line4 = "alpha: \"1 +\"";
        DefinitionException.Problem p =
                problemOf("syn1.yaml", "id: syn1\nkind: strategy\nhorizon_days: 1\n" + line4 + "\n");
        assertThat(p.code()).isEqualTo("JS_SYNTAX");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.column()).isBetween(1, line4.length());
        assertThat(p.message()).doesNotContain(")", "}", "function", "syn1.yaml#");
    }

    @Test
    void reportsARuntimeErrorAtTheColumnOfTheNameInTheYamlFile() {
        // block scalar: "  return nosuchname + x;" — the name starts at column 10 of line 6
        String block =
                "id: thrower\nkind: strategy\nhorizon_days: 1\nalpha: |\n  const x = 1;\n  return nosuchname + x;\n";
        Strategy s = (Strategy) loader.parse("thrower.yaml", block).component();
        assertThatThrownBy(() -> run(s, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("thrower.yaml:6:10: ")
                .hasMessageNotContaining("#alpha");
        // plain scalar on the key's line: "alpha: 2 * nosuch" — the name starts at column 12 of line 4
        String plain = "id: thrower2\nkind: strategy\nhorizon_days: 1\nalpha: 2 * nosuch\n";
        Strategy s2 = (Strategy) loader.parse("thrower2.yaml", plain).component();
        assertThatThrownBy(() -> run(s2, panel()))
                .isInstanceOf(ScriptException.class)
                .hasMessageStartingWith("thrower2.yaml:4:12: ");
    }

    @Test
    void rejectsAnUnknownIndicatorFnAtTheSchemaCheckWithTheValidNames() {
        String yaml = "id: typo\nkind: strategy\nhorizon_days: 1\nindicators:\n  avg: {fn: smaa, window: 3}\n"
                + "alpha: \"0\"\n";
        DefinitionException.Problem p = problemOf("typo.yaml", yaml);
        assertThat(p.code()).isEqualTo("SCHEMA_VALUE");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.column()).isEqualTo(13);
        assertThat(p.message()).contains("avg").contains("\"smaa\"");
        assertThat(p.hint())
                .contains(DefinitionParser.NATIVE_KERNELS.toString())
                .contains("CCIIndicator");
    }

    @Test
    void acceptsATa4jIndicatorClassNameAsFn() {
        String yaml = "id: cci\nkind: strategy\nhorizon_days: 1\nindicators:\n  cci: {fn: CCIIndicator, window: 2}\n"
                + "alpha: \"clamp(cci / 100, -1, 1)\"\n";
        assertThat(loader.parse("cci.yaml", yaml).id()).isEqualTo("cci");
        assertThat(problemOf("cci.yaml", yaml.replace("CCIIndicator", "NoSuchIndicator"))
                        .message())
                .contains("NoSuchIndicator");
    }

    @Test
    void rejectsALimitsRequestAboveTheCeilingNamingFieldValueAndCeiling() {
        String yaml = "id: greedy\nkind: strategy\nhorizon_days: 1\nlimits:\n  statements_per_item: 999999999\n"
                + "alpha: \"0\"\n";
        DefinitionException.Problem p = problemOf("greedy.yaml", yaml);
        long ceiling = runtime.ceiling().statementsPerItem();
        assertThat(p.code()).isEqualTo("LIMIT_OVER_CEILING");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).contains("limits.statements_per_item", "999999999", String.valueOf(ceiling));
        assertThat(problemOf("odd.yaml", yaml.replace("statements_per_item: 999999999", "cpu: 5"))
                        .message())
                .contains("cpu");
    }

    @Test
    void givesADefinitionTheMoreStatementsItAsksFor() {
        // about 3 M statements on the first bar: over the test runtime's 2 M per call
        String yaml = "id: busy\nkind: strategy\nhorizon_days: 1\nalpha: |\n"
                + "  if (i > 0) return 0;\n  let n = 0;\n  for (let k = 0; k < 1500000; k++) n += k;\n  return 0;\n";
        Strategy tight = (Strategy) loader.parse("busy.yaml", yaml).component();
        assertThatThrownBy(() -> run(tight, panel()))
                .isInstanceOf(SandboxViolationException.class)
                .hasMessageContaining("busy.yaml:7:")
                .hasMessageContaining("limits.statements");
        Strategy roomy = (Strategy) loader.parse("busy.yaml", yaml + "limits: {statements: 10000000}\n")
                .component();
        assertThat(run(roomy, panel()).alpha(0)[0]).isEqualTo(0.0);
    }

    // ---- the shipped JavaScript combiner and allocator ----

    private static final Path SHIPPED = Path.of(System.getProperty("user.dir"))
            .resolve("../strategies-yaml")
            .normalize();

    @Test
    void runsTheShippedJavaScriptCombinerWithContributionsSummingToTheCombinedAlpha() {
        io.alphaweave.api.SignalCombiner c = (io.alphaweave.api.SignalCombiner)
                loader.load(SHIPPED.resolve("combiners/agreement_weighted.js")).component();
        double nan = Double.NaN;
        io.alphaweave.api.CombinerInput in = new io.alphaweave.api.CombinerInput(
                LocalDate.of(2024, 1, 2),
                List.of("A", "B", "C"),
                List.of("s1", "s2"),
                new double[] {1.0, 1.0},
                new double[][] {{0.6, 0.4, nan}, {0.2, -0.4, nan}},
                new double[][] {{1, 1, nan}, {1, 1, nan}});
        io.alphaweave.api.CombinerOutput out = new io.alphaweave.api.CombinerOutput(2, 3);
        c.combine(in, out);
        // A: both long → agreement 1, mean 0.4; B: they cancel → agreement 0 → 0; C: nobody → NaN
        assertThat(out.combined()[0]).isCloseTo(0.4, within(1e-15));
        assertThat(out.contribution(0)[0]).isCloseTo(0.3, within(1e-15));
        assertThat(out.contribution(1)[0]).isCloseTo(0.1, within(1e-15));
        assertThat(out.combined()[1]).isZero();
        assertThat(out.combined()[2]).isNaN();
    }

    @Test
    void aJavaScriptCombinerWithoutACombineFunctionIsRejectedWhenLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("no_combine.js");
        Files.writeString(
                file,
                "export const id = 'no_combine';\nexport const kind = 'combiner';\n"
                        + "export function blend(input, out, params) {}\n");
        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOfSatisfying(DefinitionException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p.message()).isEqualTo("a combiner needs `combine`")));
    }

    @Test
    void runsTheShippedJavaScriptAllocatorWithinTheGrossLeverage() {
        io.alphaweave.api.CapitalAllocator a = (io.alphaweave.api.CapitalAllocator)
                loader.load(SHIPPED.resolve("allocators/inverse_vol_alpha.js")).component();
        MarketData data = panel();
        double[] alpha = {0.5, -0.5};
        double[] vol = {0.01, 0.02};
        io.alphaweave.api.AllocationContext ctx = new io.alphaweave.api.AllocationContext() {
            public LocalDate date() {
                return data.date(3);
            }

            public int day() {
                return 3;
            }

            public io.alphaweave.api.MarketView data() {
                return data;
            }

            public double[] combinedAlpha() {
                return alpha;
            }

            public boolean longOnly() {
                return false;
            }

            public double grossLeverage() {
                return 1.0;
            }

            public double[] trailingVolatility(int window) {
                assertThat(window).isEqualTo(20);
                return vol;
            }

            public double[][] trailingCovariance(int[] symbols, int window) {
                throw new UnsupportedOperationException("not used");
            }

            public double[] realisedSignalReturns(int symbol) {
                return new double[0];
            }
        };
        double[] w = new double[2];
        a.allocate(ctx, w);
        // alpha/vol = 50 and −25 → scaled to Σ|w| = 1: 2/3 and −1/3
        assertThat(w[0]).isCloseTo(2.0 / 3.0, within(1e-15));
        assertThat(w[1]).isCloseTo(-1.0 / 3.0, within(1e-15));
    }

    // ---- JavaScript modules ----

    @Test
    void loadsAJavaScriptModuleStrategy() {
        String js = """
                export const id = 'sma_gap_js';
                export const kind = 'strategy';
                export const horizon_days = 3;
                export const params = {scale: {type: 'double', default: 10.0, min: 0.1, max: 100}};
                export const indicators = {avg: {fn: 'sma', window: 2}};
                export function alpha(i, s, p) { return clamp((s.close[i] - s.avg[i]) / p.scale, -1, 1); }
                """;
        DefinitionLoader.Loaded loaded = loader.parse("sma_gap.js", js);
        assertThat(loaded.source()).isEqualTo("js");
        AlphaMatrix m = run((Strategy) loaded.component(), panel());
        assertThat(m.alpha(0)[3]).isCloseTo(0.2, within(1e-15));
        assertThat(m.alpha(1)[3]).isCloseTo(-0.05, within(1e-15));
    }

    @Test
    void rejectsAModuleThatTriesHostAccessWhileLoading() {
        DefinitionException.Problem p =
                problemOf("evil.js", "const R = Java.type('java.lang.Runtime');\nexport const id = 'evil';\n");
        assertThat(p.code()).isEqualTo("JS_ERROR");
        assertThat(p.line()).isEqualTo(1);
    }
}
