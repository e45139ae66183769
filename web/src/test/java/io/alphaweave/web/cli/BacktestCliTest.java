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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alphaweave backtest --mode rules}: a real plugin JAR, real files, hand-checked numbers. */
class BacktestCliTest {
    @TempDir
    Path dir;

    Path plugins;

    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** BUY on the symbol's first bar, SELL on its bar number {@code hold}. */
    private static final String STRATEGY = """
            package t;
            import io.alphaweave.api.*;
            import java.util.*;
            @org.pf4j.Extension
            public class FirstBarBuyer implements Strategy {
                private final int hold;
                public FirstBarBuyer() { this(2); }
                private FirstBarBuyer(int hold) { this.hold = hold; }
                public ComponentInfo describe() {
                    return new ComponentInfo("first_bar_buyer", ComponentKind.STRATEGY, "1.0.0", 1, "test", "",
                            List.of(ParameterSpec.ofInt("hold", 2, 1, 100, "bars held")));
                }
                public Strategy configure(Map<String, ?> p) {
                    return new FirstBarBuyer(describe().resolve(p).getInt("hold"));
                }
                public Optional<StrategySignal> generateAlphaSignal(SignalContext c, String s) {
                    return Optional.empty();
                }
                public TradeSignal[] generateSignals(MarketView data, int symbol) {
                    TradeSignal[] out = new TradeSignal[data.dayCount()];
                    Arrays.fill(out, TradeSignal.HOLD);
                    int[] days = data.bars(symbol).days();
                    if (days.length > 0) out[days[0]] = TradeSignal.BUY;
                    if (days.length > hold) out[days[hold]] = TradeSignal.SELL;
                    return out;
                }
            }
            """;

    @BeforeEach
    void plugin() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJar.plugin("test-rules", "1.0.0")
                .extension("t.FirstBarBuyer", STRATEGY)
                .writeTo(plugins.resolve("test-rules.jar"));
    }

    private Path yahoo() throws Exception {
        Path f = dir.resolve("AAA.csv");
        Files.writeString(f, """
                Date,Open,High,Low,Close,Adj Close,Volume
                2020-01-02,10,11,9,10.5,10.5,1000
                2020-01-03,11,12,10,11.5,11.5,1000
                2020-01-06,12,13,11,12.5,12.5,1000
                2020-01-07,13,14,12,13.5,13.5,1000
                2020-01-08,14,15,13,14.5,14.5,1000
                """);
        return f;
    }

    @Test
    void runsARulesBacktestOnAYahooFileAndWritesTheJsonReport() throws Exception {
        Path out = dir.resolve("out.json");
        Run r = run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                yahoo().toString(),
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                plugins.toString(),
                "--json",
                out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        // BUY at 01-02's close fills at 01-03's open (11); SELL at 01-06 fills at 01-07's open (13)
        double size = 100_000.0 / 11, finalValue = size * 13;
        assertThat(r.out())
                .contains("rules backtest: first_bar_buyer {hold=2}")
                .contains("final value:   118,181.82 (+18.18%)")
                .contains("1 closed (100.0% winners), 0 open");
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("final_value").asDouble()).isCloseTo(finalValue, within(1e-9));
        JsonNode t = doc.get("trades").get(0);
        assertThat(t.get("symbol").asText()).isEqualTo("AAA");
        assertThat(t.get("signal_date").asText()).isEqualTo("2020-01-02");
        assertThat(t.get("entry_date").asText()).isEqualTo("2020-01-03");
        assertThat(t.get("entry_price").asDouble()).isEqualTo(11.0);
        assertThat(t.get("size").asDouble()).isCloseTo(size, within(1e-9));
        assertThat(t.get("exit_signal_date").asText()).isEqualTo("2020-01-06");
        assertThat(t.get("exit_date").asText()).isEqualTo("2020-01-07");
        assertThat(t.get("exit_price").asDouble()).isEqualTo(13.0);
        assertThat(t.get("pnl").asDouble()).isCloseTo(finalValue - 100_000, within(1e-9));
        assertThat(doc.get("open_positions")).isEmpty();
        JsonNode returns = doc.get("daily_returns");
        assertThat(returns).hasSize(5);
        assertThat(returns.get(0).get("date").asText()).isEqualTo("2020-01-02");
        assertThat(returns.get(0).get("return").asDouble()).isZero();
        assertThat(returns.get(1).get("return").asDouble()).isCloseTo(size * 11.5 / 100_000 - 1, within(1e-12));
        assertThat(doc.get("equity_curve").get(4).get("value").asDouble()).isCloseTo(finalValue, within(1e-9));
        // the account's metrics: total return is the product of the daily returns
        assertThat(doc.get("metrics").get("total_return").asDouble())
                .isCloseTo(finalValue / 100_000 - 1, within(1e-12));
    }

    @Test
    void runsOnTheLongSampleFileWithSymbolsAndParams() throws Exception {
        Path sample = Path.of("../data/sample/sp500_sample.csv.gz");
        assertThat(sample).exists();
        Path out = dir.resolve("long.json");
        Run r = run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                sample.toString(),
                "--symbols",
                "AAPL,MSFT",
                "--strategy",
                "first_bar_buyer",
                "--params",
                "hold=5",
                "--capital",
                "1000",
                "--plugins",
                plugins.toString(),
                "--json",
                out.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toFile());
        assertThat(doc.get("symbols")).hasSize(2);
        assertThat(doc.get("params").get("hold").asInt()).isEqualTo(5);
        JsonNode trades = doc.get("trades");
        assertThat(trades).hasSize(2);
        double pnl =
                trades.get(0).get("pnl").asDouble() + trades.get(1).get("pnl").asDouble();
        assertThat(doc.get("final_value").asDouble()).isCloseTo(1000 + pnl, within(1e-9));
        for (JsonNode t : trades) {
            assertThat(t.get("size").asDouble() * t.get("entry_price").asDouble())
                    .isCloseTo(500.0, within(1e-9));
        }
    }

    @Test
    void userErrorsAreOneLineWithExitCodeTwo() throws Exception {
        String data = yahoo().toString(), p = plugins.toString();
        Run noMode = run("backtest", "--data", data, "--strategy", "first_bar_buyer", "--plugins", p);
        assertThat(noMode.code()).isEqualTo(2);
        assertThat(noMode.err())
                .isEqualTo("error: --mode is required: use --mode rules (with --data and --strategy)\n");

        Run badSymbol = run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                data,
                "--symbols",
                "ZZZ",
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                p);
        assertThat(badSymbol.code()).isEqualTo(2);
        assertThat(badSymbol.err()).startsWith("error: symbols: ZZZ is not in ").contains("e.g. AAA");

        Run badParam = run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                data,
                "--strategy",
                "first_bar_buyer",
                "--params",
                "hold=0",
                "--plugins",
                p);
        assertThat(badParam.code()).isEqualTo(2);
        assertThat(badParam.err()).isEqualTo("error: params for first_bar_buyer: hold must be ≥ 1, was 0\n");

        Run unknown = run("backtest", "--mode", "rules", "--data", data, "--strategy", "no_such", "--plugins", p);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: ").contains("no_such").doesNotContain("\tat ");

        Run missingFile = run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                dir.resolve("nope.csv").toString(),
                "--strategy",
                "x",
                "--plugins",
                p);
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nope.csv").doesNotContain("\tat ");
    }
}
