package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.registry.TestPluginJar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portfolio commands end to end: a real plugin JAR, the sample data of the repository. */
class PortfolioCliTest {
    @TempDir
    static Path dir;

    static Path plugins;
    static final Path SAMPLE = Path.of("..", "data", "sample").toAbsolutePath().normalize();

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static final String MOMENTUM = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Momentum implements Strategy {
                private final int lookback; private final double sign; private final String id;
                public Momentum() { this("test_momentum", 20, 1.0); }
                Momentum(String id, int lookback, double sign) { this.id = id; this.lookback = lookback; this.sign = sign; }
                public ComponentInfo describe() {
                    return new ComponentInfo(id, ComponentKind.STRATEGY, "1.0.0", 5, "test", "",
                            List.of(ParameterSpec.ofInt("lookback", 20, 1, 500, "bars")));
                }
                public Strategy configure(Map<String, ?> p) {
                    return new Momentum(id, describe().resolve(p).getInt("lookback"), sign);
                }
                public Optional<StrategySignal> generateAlphaSignal(SignalContext c, String s) {
                    double[] x = c.data().close(c.data().indexOf(s)); int t = c.day();
                    if (t < lookback || Double.isNaN(x[t]) || Double.isNaN(x[t - lookback])) return Optional.empty();
                    double a = Math.max(-1, Math.min(1, sign * 5 * (x[t] / x[t - lookback] - 1)));
                    return Optional.of(StrategySignal.of(c.date(), s, a, Math.abs(a), 5));
                }
            }
            """;
    private static final String REVERSAL = """
            package t;
            @org.pf4j.Extension
            public class Reversal extends Momentum {
                public Reversal() { super("test_reversal", 5, -1.0); }
            }
            """;
    private static final String AVERAGE = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Average implements SignalCombiner {
                public ComponentInfo describe() {
                    return new ComponentInfo("test_average", ComponentKind.COMBINER, "1.0.0", 0, "test", "", List.of());
                }
                public SignalCombiner configure(Map<String, ?> p) { return this; }
                public void combine(CombinerInput in, CombinerOutput out) {
                    for (int s = 0; s < in.symbolCount(); s++) {
                        double w = 0;
                        for (int k = 0; k < in.strategyCount(); k++) if (!Double.isNaN(in.alpha()[k][s])) w += in.weights()[k];
                        if (w == 0) continue;
                        double c = 0;
                        for (int k = 0; k < in.strategyCount(); k++) {
                            double a = in.alpha()[k][s];
                            if (!Double.isNaN(a)) { out.contribution(k)[s] = in.weights()[k] * a / w; c += in.weights()[k] * a / w; }
                        }
                        out.combined()[s] = c;
                    }
                }
            }
            """;
    private static final String FIRST = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class First implements SignalCombiner {
                public ComponentInfo describe() {
                    return new ComponentInfo("test_first", ComponentKind.COMBINER, "1.0.0", 0, "test", "", List.of());
                }
                public SignalCombiner configure(Map<String, ?> p) { return this; }
                public void combine(CombinerInput in, CombinerOutput out) {
                    for (int s = 0; s < in.symbolCount(); s++) {
                        for (int k = 0; k < in.strategyCount(); k++) {
                            double a = in.alpha()[k][s];
                            if (!Double.isNaN(a)) { out.combined()[s] = a; out.contribution(k)[s] = a; break; }
                        }
                    }
                }
            }
            """;
    private static final String PROPORTIONAL = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class Proportional implements CapitalAllocator {
                public ComponentInfo describe() {
                    return new ComponentInfo("test_proportional", ComponentKind.ALLOCATOR, "1.0.0", 0, "test", "", List.of());
                }
                public CapitalAllocator configure(Map<String, ?> p) { return this; }
                public void allocate(AllocationContext c, double[] w) {
                    double[] a = c.combinedAlpha(); double sum = 0;
                    for (int s = 0; s < a.length; s++) { w[s] = Double.isNaN(a[s]) ? 0 : Math.max(0, a[s]); sum += w[s]; }
                    for (int s = 0; s < a.length; s++) w[s] = sum == 0 ? 0 : w[s] / sum * c.grossLeverage();
                }
            }
            """;

    @BeforeAll
    static void plugin() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJar.plugin("test-portfolio", "1.0.0")
                .extension("t.Momentum", MOMENTUM)
                .extension("t.Reversal", REVERSAL)
                .extension("t.Average", AVERAGE)
                .extension("t.First", FIRST)
                .extension("t.Proportional", PROPORTIONAL)
                .writeTo(plugins.resolve("test-portfolio.jar"));
    }

    static Path config(String name, String extra) throws Exception {
        String yaml = """
                name: cli_test
                data: {path: %s, sectors: %s}
                period: {start: 2016-01-01, end: 2017-12-31}
                capital: 100000
                strategies:
                  - {id: test_momentum, weight: 2.0, params: {lookback: 40}}
                  - {id: test_reversal}
                combiner: test_average
                allocator: test_proportional
                constraints: {max_position: 0.2, min_positions: 5, long_only: true, gross_leverage: 1.0}
                rebalance: weekly
                execution: {fill: next_open, commission_bps: 1, slippage_bps: 2, fractional: true}
                """.formatted(SAMPLE.resolve("sp500_sample.csv.gz"), SAMPLE.resolve("sectors.csv")) + extra;
        Path p = dir.resolve(name);
        Files.writeString(p, yaml);
        return p;
    }

    @Test
    void runsAConfigAndWritesTheFullJsonReportWithTheComparison() throws Exception {
        Path out = dir.resolve("report.json");
        Run r = run(
                "backtest",
                config("ok.yaml", "").toString(),
                "--json",
                out.toString(),
                "--compare",
                "--plugins",
                plugins.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("cli_test: 50 symbols")
                .contains("portfolio")
                .contains("test_first")
                .contains("test_momentum")
                .contains("alone");
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("config")
                        .get("strategies")
                        .get(0)
                        .get("params")
                        .get("lookback")
                        .asInt())
                .isEqualTo(40);
        assertThat(json.get("config")
                        .get("strategies")
                        .get(1)
                        .get("params")
                        .get("lookback")
                        .asInt())
                .isEqualTo(20);
        assertThat(json.get("config").get("period").get("start").asText()).isEqualTo("2016-01-04");
        assertThat(json.get("config").get("rebalance").asText()).isEqualTo("weekly");
        JsonNode daily = json.get("daily_returns");
        double growth = 1;
        for (JsonNode d : daily) {
            growth *= 1 + d.get("return").asDouble();
        }
        assertThat(daily.size())
                .isEqualTo(json.get("metrics").get("days").asInt())
                .isGreaterThan(400);
        assertThat(growth - 1).isCloseTo(json.get("metrics").get("total_return").asDouble(), within(1e-9));
        assertThat(json.get("metrics").get("final_equity").asDouble()).isCloseTo(100000 * growth, within(1e-4));
        assertThat(json.get("metrics").has("sharpe_ratio")).isTrue();
        assertThat(json.get("strategies").get("test_momentum").get("metrics").has("sortino_ratio"))
                .isTrue();
        assertThat(json.get("ic").get("strategies").get("test_reversal")).hasSize(5);
        assertThat(json.get("ic").get("portfolio").get(0).get("horizon").asInt())
                .isEqualTo(1);
        assertThat(json.get("trades").size()).isPositive();
        JsonNode trade = json.get("trades").get(0);
        assertThat(trade.get("attribution").has("test_momentum")).isTrue();
        assertThat(json.get("weights").size()).isPositive();
        assertThat(json.get("comparison").get("combiners"))
                .extracting(n -> n.get("label").asText())
                .containsExactly("test_average", "test_first");
        assertThat(json.get("comparison")
                        .get("combiners")
                        .get(0)
                        .get("final_equity")
                        .asDouble())
                .isEqualTo(json.get("metrics").get("final_equity").asDouble());
        assertThat(json.get("comparison").get("strategies_alone")).hasSize(2);
    }

    @Test
    void demoRunsAConfigWithTheComparisonAndWritesTheJson() throws Exception {
        Path out = dir.resolve("demo-out/demo.json");
        Run r = run(
                "demo",
                "--config",
                config("demo.yaml", "").toString(),
                "--json",
                out.toString(),
                "--plugins",
                plugins.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("test_first").contains("combiner").contains("json: " + out);
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.get("comparison").get("combiners")).hasSize(2);
    }

    @Test
    void theShippedDemoConfigNamesTheSeedsStrategiesWeightedAndRiskParityOnTheSampleData() {
        Path root = Path.of("..").toAbsolutePath().normalize();
        var c = io.alphaweave.platform.backtest.BacktestConfig.parse(
                root.resolve(DemoCommand.CONFIG),
                io.alphaweave.platform.backtest.BacktestConfig.DataResolver.paths(root));
        assertThat(c.strategies())
                .extracting(s -> s.id())
                .containsExactly("bollinger_mean_reversion", "macd_rsi_confluence", "momentum_rank");
        assertThat(c.combiner().id()).isEqualTo("weighted");
        assertThat(c.allocator().id()).isEqualTo("risk_parity");
        assertThat(c.dataPath()).isEqualTo(root.resolve("data/sample/sp500_sample.csv.gz"));
        assertThat(c.constraints().maxPosition()).isEqualTo(0.10);
    }

    @Test
    void writesEverySignalAsCsv() throws Exception {
        Path csv = dir.resolve("signals.csv");
        Run r = run(
                "signals", config("sig.yaml", "").toString(), "--csv", csv.toString(), "--plugins", plugins.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("date,symbol,strategy,alpha_score,confidence");
        assertThat(lines).hasSizeGreaterThan(1000);
        String[] first = lines.get(1).split(",");
        assertThat(first[0]).isEqualTo("2016-01-04");
        assertThat(first[2]).isIn("test_momentum", "test_reversal");
        double alpha = Double.parseDouble(first[3]), conf = Double.parseDouble(first[4]);
        assertThat(alpha).isBetween(-1.0, 1.0);
        assertThat(conf).isCloseTo(Math.abs(alpha), within(1e-15));
        assertThat(r.out()).contains(String.valueOf(lines.size() - 1));
    }

    @Test
    void rejectsBadConfigsBeforeAnyWorkNamingTheField() throws Exception {
        String p = plugins.toString();
        assertError(
                run(
                        "backtest",
                        write("unknown_id.yaml", config("a.yaml", "").toString(), "test_momentum", "no_such_strategy"),
                        "--plugins",
                        p),
                "strategies[0].id",
                "no_such_strategy");
        String zero = write("zero0.yaml", config("b.yaml", "").toString(), "weight: 2.0", "weight: 0");
        assertError(
                run(
                        "backtest",
                        write("zero.yaml", zero, "{id: test_reversal}", "{id: test_reversal, weight: 0.0}"),
                        "--plugins",
                        p),
                "strategies[*].weight",
                "sum");
        assertError(
                run(
                        "backtest",
                        write("dates.yaml", config("c.yaml", "").toString(), "start: 2016-01-01", "start: 2018-01-01"),
                        "--plugins",
                        p),
                "period.start",
                "after");
        assertError(
                run(
                        "backtest",
                        config("symbol.yaml", "universe: [AAPL, NOPE]\n").toString(),
                        "--plugins",
                        p),
                "universe[1]",
                "NOPE");
        assertError(
                run(
                        "backtest",
                        write("costs.yaml", config("d.yaml", "").toString(), "commission_bps: 1", "commission_bps: -1"),
                        "--plugins",
                        p),
                "execution.commission_bps",
                "-1");
        assertError(
                run("backtest", config("key.yaml", "leverage: 2\n").toString(), "--plugins", p),
                "unknown key leverage",
                "allowed");
        assertError(
                run(
                        "backtest",
                        write("nested.yaml", config("e.yaml", "").toString(), "max_position", "max_positon"),
                        "--plugins",
                        p),
                "unknown key constraints.max_positon",
                "max_position");
        assertError(
                run("backtest", config("reb.yaml", "").toString(), "--plugins", p, "--mode", "rules"),
                "portfolio mode",
                "--mode rules");
        assertError(
                run("backtest", dir.resolve("missing.yaml").toString(), "--plugins", p),
                "missing.yaml",
                "does not exist");
    }

    private static String write(String name, String from, String find, String replace) throws Exception {
        Path p = dir.resolve(name);
        String text = Files.readString(Path.of(from));
        assertThat(text).contains(find);
        Files.writeString(p, text.replace(find, replace));
        return p.toString();
    }

    private static Run assertError(Run r, String... fragments) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
        return r;
    }
}
