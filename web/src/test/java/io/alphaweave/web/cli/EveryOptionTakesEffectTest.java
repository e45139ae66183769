package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.registry.TestPluginJar;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Issue 13: no option is silently ignored. For every command, each of its options is exercised and
 * either changes the result (checked against the run without it) or is rejected with exit code 2
 * and a one-line reason; each test ends by checking that it exercised every option the command
 * declares, so a new option without a test fails here.
 */
class EveryOptionTakesEffectTest {
    @TempDir
    static Path dir;

    static Path plugins, noPlugins, definitions, userDir, sample, sectors, yahooA, twoSymbols, longA, longAB;
    static String oldUserDir, oldCache;

    /** The options every command has; exercised for all commands by {@link #helpVersionAndVerbose}. */
    static final Set<String> COMMON = Set.of("--help", "--version", "--verbose");

    static final List<String> COMMANDS = List.of(
            "serve",
            "worker",
            "tokens create",
            "tokens list",
            "tokens revoke",
            "backtest",
            "demo",
            "signals",
            "metrics",
            "data inspect",
            "plugins list",
            "plugins install",
            "strategies list",
            "validate",
            "submit",
            "mcp",
            "doctor",
            "runs list",
            "runs show",
            "runs compare",
            "runs delete",
            "db migrate",
            "db info",
            "report");

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void fixtures() throws Exception {
        oldUserDir = System.getProperty(RegistryOptions.USER_DIR_PROPERTY);
        oldCache = System.getProperty(RegistryOptions.CACHE_PROPERTY);
        userDir = Files.createDirectories(dir.resolve("user"));
        System.setProperty(RegistryOptions.USER_DIR_PROPERTY, userDir.toString());
        System.setProperty(RegistryOptions.CACHE_PROPERTY, dir.resolve("cache").toString());

        plugins = Files.createDirectories(dir.resolve("plugins"));
        noPlugins = Files.createDirectories(dir.resolve("no-plugins"));
        TestPluginJar.plugin("test-options", "1.0.0")
                .extension("t.Momentum", PortfolioCliTest.MOMENTUM)
                .extension("t.Reversal", PortfolioCliTest.REVERSAL)
                .extension("t.Average", PortfolioCliTest.AVERAGE)
                .extension("t.First", PortfolioCliTest.FIRST)
                .extension("t.Proportional", PortfolioCliTest.PROPORTIONAL)
                .extension("t.FirstBarBuyer", BacktestCliTest.STRATEGY)
                .writeTo(plugins.resolve("test-options.jar"));
        definitions = Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(definitions.resolve("gap_fade.yaml"), DefinitionsCliTest.GOOD);

        sample = Path.of("..", "data", "sample", "sp500_sample.csv.gz")
                .toAbsolutePath()
                .normalize();
        sectors = sample.resolveSibling("sectors.csv");
        String bars = """
                Date,Open,High,Low,Close,Adj Close,Volume
                2020-01-02,10,11,9,10.5,10.5,1000
                2020-01-03,11,12,10,11.5,11.5,1000
                2020-01-06,12,13,11,12.5,12.5,1000
                2020-01-07,13,14,12,13.5,13.5,1000
                2020-01-08,14,15,13,14.5,14.5,1000
                """;
        yahooA = dir.resolve("AAA.csv");
        Files.writeString(yahooA, bars);
        StringBuilder longer = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
        java.time.LocalDate day = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 30; i++, day = day.plusDays(1)) {
            double c = 10 + (i % 7) + 0.1 * i;
            longer.append(day)
                    .append(',')
                    .append(c - 0.5)
                    .append(',')
                    .append(c + 1)
                    .append(',')
                    .append(c - 1)
                    .append(',')
                    .append(c)
                    .append(',')
                    .append(c)
                    .append(",1000\n");
        }
        longA = Files.createDirectories(dir.resolve("longA")).resolve("AAA.csv");
        Files.writeString(longA, longer);
        longAB = Files.createDirectories(dir.resolve("longAB"));
        Files.writeString(longAB.resolve("AAA.csv"), longer);
        Files.writeString(longAB.resolve("BBB.csv"), longer.toString().replace(",1000\n", ",3000\n"));
        twoSymbols = Files.createDirectories(dir.resolve("two"));
        Files.writeString(twoSymbols.resolve("AAA.csv"), bars);
        Files.writeString(
                twoSymbols.resolve("BBB.csv"),
                bars.replace(",1000\n", ",2000\n").replace("2020-01-03,11,", "2020-01-03,10.8,"));
    }

    @AfterAll
    static void restore() {
        restore(RegistryOptions.USER_DIR_PROPERTY, oldUserDir);
        restore(RegistryOptions.CACHE_PROPERTY, oldCache);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** A portfolio config on the sample data: plugin strategies, 2017, costs 1 and 2 bps. */
    static Path config(String name, String strategies) throws Exception {
        return config(name, strategies, "all");
    }

    /** The same on ten symbols, for the commands that run every combiner or write every signal. */
    static Path smallConfig(String name, String strategies) throws Exception {
        return config(name, strategies, "[AAPL, MSFT, JPM, XOM, JNJ, PG, KO, WMT, T, VZ]");
    }

    static Path config(String name, String strategies, String universe) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, """
                name: options
                data: {path: %s, sectors: %s}
                universe: %s
                period: {start: 2017-01-01, end: 2017-12-31}
                capital: 100000
                strategies:
                %s
                combiner: test_average
                allocator: test_proportional
                constraints: {max_position: 0.2, min_positions: 5, long_only: true, gross_leverage: 1.0}
                rebalance: weekly
                execution: {fill: next_open, commission_bps: 1, slippage_bps: 2, fractional: true}
                """.formatted(sample, sectors, universe, strategies));
        return p;
    }

    static Path config() throws Exception {
        return config(
                "options.yaml",
                "  - {id: test_momentum, weight: 2.0, params: {lookback: 40}}\n  - {id: test_reversal}");
    }

    static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    static Run ok(Run r) {
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** Exit 2, one line on stderr naming every fragment, no stack trace. */
    static Run rejected(Run r, String... fragments) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(r.err().strip()).doesNotContain("\n");
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
        return r;
    }

    /** The options and positional parameters the command declares, without {@link #COMMON}. */
    static Set<String> declared(String command) {
        CommandLine c = AlphaweaveCli.commandTree(List.of());
        for (String name : command.split(" ")) {
            c = c.getSubcommands().get(name);
        }
        Set<String> out = new TreeSet<>();
        c.getCommandSpec().options().forEach(o -> out.add(o.longestName()));
        c.getCommandSpec().positionalParameters().forEach(p -> out.add(p.paramLabel()));
        out.removeAll(COMMON);
        return out;
    }

    static void assertExercisedEveryOption(String command, Set<String> exercised) {
        assertThat(exercised)
                .as("options of %s exercised", command)
                .containsExactlyInAnyOrderElementsOf(declared(command));
    }

    // ------------------------------------------------------------------ backtest

    @Test
    void backtestAppliesEveryPortfolioOverrideAndRejectsTheRulesOptionsWithAConfig() throws Exception {
        Set<String> exercised = new TreeSet<>();
        String cfg = config().toString(), p = plugins.toString();
        Path baseJson = dir.resolve("base.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", baseJson.toString()));
        exercised.addAll(List.of("CONFIG.yaml", "--json", "--plugins"));
        JsonNode base = json(baseJson);
        double baseEquity = base.get("metrics").get("final_equity").asDouble();
        double baseReturn = base.get("metrics").get("total_return").asDouble();
        assertThat(base.get("overrides")).isEmpty();
        assertThat(base.get("config").get("period").get("start").asText()).isEqualTo("2017-01-03");
        assertThat(base.get("config").get("universe")).hasSize(50);
        assertThat(base.has("comparison")).isFalse();

        Path returnsCsv = dir.resolve("returns.csv");
        ok(run("backtest", cfg, "--plugins", p, "--returns-csv", returnsCsv.toString()));
        exercised.add("--returns-csv");
        List<String> returnLines = Files.readAllLines(returnsCsv);
        assertThat(returnLines.get(0)).isEqualTo("date,return");
        assertThat(returnLines.get(1)).startsWith("2017-01-0");
        assertThat(returnLines).hasSizeGreaterThan(200);

        Path start = dir.resolve("start.json");
        Run r = ok(run("backtest", cfg, "--plugins", p, "--json", start.toString(), "--start", "2017-07-03"));
        exercised.add("--start");
        JsonNode j = json(start);
        assertThat(j.get("config").get("period").get("start").asText()).isEqualTo("2017-07-03");
        assertThat(j.get("daily_returns").get(0).get("date").asText()).isEqualTo("2017-07-03");
        assertThat(j.get("overrides").get(0).toString())
                .isEqualTo("{\"field\":\"period.start\",\"option\":\"--start\",\"config\":\"2017-01-01\","
                        + "\"value\":\"2017-07-03\"}");
        assertThat(r.out())
                .contains("options: 50 symbols, 2017-07-03 …")
                .contains("overrides of the config: period.start 2017-01-01 → 2017-07-03 (--start)");

        Path end = dir.resolve("end.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", end.toString(), "--end", "2017-06-30"));
        exercised.add("--end");
        j = json(end);
        assertThat(j.get("config").get("period").get("end").asText()).isEqualTo("2017-06-30");
        JsonNode days = j.get("daily_returns");
        assertThat(days.get(days.size() - 1).get("date").asText()).isEqualTo("2017-06-30");

        // fractional shares and costs in bps: the run scales with the capital
        Path capital = dir.resolve("capital.json");
        r = ok(run("backtest", cfg, "--plugins", p, "--json", capital.toString(), "--capital", "1000"));
        exercised.add("--capital");
        j = json(capital);
        assertThat(j.get("config").get("capital").asDouble()).isEqualTo(1000.0);
        assertThat(j.get("metrics").get("final_equity").asDouble()).isCloseTo(baseEquity / 100, within(1e-6));
        assertThat(r.out()).contains("from 1,000.00").contains("capital 100000 → 1000 (--capital)");

        Path commission = dir.resolve("commission.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", commission.toString(), "--commission-bps", "100"));
        exercised.add("--commission-bps");
        j = json(commission);
        assertThat(j.get("config").get("execution").get("commission_bps").asDouble())
                .isEqualTo(100.0);
        assertThat(j.get("metrics").get("total_return").asDouble()).isLessThan(baseReturn);

        Path slippage = dir.resolve("slippage.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", slippage.toString(), "--slippage-bps", "100"));
        exercised.add("--slippage-bps");
        j = json(slippage);
        assertThat(j.get("config").get("execution").get("slippage_bps").asDouble())
                .isEqualTo(100.0);
        assertThat(j.get("metrics").get("total_return").asDouble()).isLessThan(baseReturn);

        Path symbols = dir.resolve("symbols.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", symbols.toString(), "--symbols", "AAPL,MSFT,JPM,XOM,JNJ"));
        exercised.add("--symbols");
        j = json(symbols);
        assertThat(j.get("config").get("universe"))
                .extracting(JsonNode::asText)
                .containsExactly("AAPL", "MSFT", "JPM", "XOM", "JNJ");
        assertThat(j.get("overrides").get(0).get("config").isNull()).isTrue();

        Path compare = dir.resolve("compare.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", compare.toString(), "--compare"));
        exercised.add("--compare");
        assertThat(json(compare).get("comparison").get("combiners"))
                .extracting(n -> n.get("label").asText())
                .containsExactly("test_average", "test_first");

        Path portfolio = dir.resolve("portfolio.json");
        ok(run("backtest", cfg, "--plugins", p, "--json", portfolio.toString(), "--mode", "portfolio"));
        assertThat(json(portfolio).get("metrics").get("final_equity").asDouble())
                .isEqualTo(baseEquity);
        rejected(run("backtest", cfg, "--plugins", p, "--mode", "rules"), "portfolio mode", "drop --mode rules");
        exercised.add("--mode");

        rejected(
                run("backtest", cfg, "--plugins", noPlugins.toString()),
                "unknown strategy \"test_momentum\"",
                "looked in the plugins directory " + noPlugins);

        Path gapFade = config("gap.yaml", "  - {id: gap_fade}");
        Path withDefinitions = dir.resolve("definitions.json");
        ok(run(
                "backtest",
                gapFade.toString(),
                "--plugins",
                p,
                "--definitions",
                definitions.toString(),
                "--json",
                withDefinitions.toString()));
        assertThat(json(withDefinitions)
                        .get("config")
                        .get("strategies")
                        .get(0)
                        .get("id")
                        .asText())
                .isEqualTo("gap_fade");
        rejected(
                run("backtest", gapFade.toString(), "--plugins", p),
                "unknown strategy \"gap_fade\"",
                userDir.resolve("strategies") + " (yours, absent)");
        exercised.add("--definitions");

        rejected(
                run("backtest", cfg, "--plugins", p, "--data", yahooA.toString()),
                "--data does not apply with a config file",
                "data.path");
        exercised.add("--data");
        rejected(
                run("backtest", cfg, "--plugins", p, "--strategy", "test_momentum"),
                "--strategy does not apply with a config file");
        exercised.add("--strategy");
        rejected(
                run("backtest", cfg, "--plugins", p, "--params", "lookback=5"),
                "--params does not apply with a config file",
                "strategies[*].params");
        exercised.add("--params");

        // bad override values name the option; a config rule an override breaks names both
        rejected(run("backtest", cfg, "--plugins", p, "--capital", "0"), "--capital: capital override must be");
        rejected(
                run("backtest", cfg, "--plugins", p, "--start", "2018-01-02"),
                "period.start 2018-01-02 is after period.end 2017-12-31",
                "with the command-line overrides --start 2018-01-02");
        rejected(
                run("backtest", cfg, "--plugins", p, "--symbols", "AAPL,NOPE"),
                "universe[1]: symbol NOPE",
                "--symbols AAPL,NOPE");

        String db = h2("backtest-store");
        Run stored = ok(run("backtest", cfg, "--plugins", p, "--db", db));
        String id = runId(stored);
        assertThat(ok(run("runs", "list", "--db", db, "--json")).out()).contains(id);
        exercised.add("--db");
        Run unstored = ok(run("backtest", cfg, "--plugins", p, "--db", db, "--no-store"));
        assertThat(unstored.out()).doesNotContain("run: ");
        assertThat(JsonMapper.mapper()
                        .readTree(ok(run("runs", "list", "--db", db, "--json")).out()))
                .hasSize(1);
        exercised.add("--no-store");
        rejected(
                run("backtest", "--data", longA.toString(), "--strategy", "test_momentum", "--no-store"),
                "--no-store does not apply in rules mode");
        rejected(
                run("backtest", "--data", longA.toString(), "--strategy", "test_momentum", "--db", db),
                "--db does not apply in rules mode");

        rulesMode(exercised);
        assertExercisedEveryOption("backtest", exercised);
    }

    private void rulesMode(Set<String> exercised) throws Exception {
        String p = plugins.toString();
        Path baseJson = dir.resolve("rules.json");
        // no --mode: the flag form runs rules mode; two symbols share the capital in two sleeves
        ok(run(
                "backtest",
                "--data",
                twoSymbols.toString(),
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                p,
                "--json",
                baseJson.toString()));
        JsonNode base = json(baseJson);
        assertThat(base.get("mode").asText()).isEqualTo("rules");
        assertThat(base.get("symbols")).hasSize(2);
        double baseValue = base.get("final_value").asDouble();

        // one symbol: BUY fills at 01-03's open (11), the SELL two bars later at 01-07's open (13)
        Path one = dir.resolve("rules-one.json");
        ok(run(
                "backtest",
                "--data",
                twoSymbols.toString(),
                "--symbols",
                "AAA",
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                p,
                "--json",
                one.toString()));
        assertThat(json(one).get("final_value").asDouble()).isCloseTo(100_000.0 / 11 * 13, within(1e-6));

        Path data = dir.resolve("rules-data.json");
        ok(run(
                "backtest",
                "--data",
                yahooA.toString(),
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                p,
                "--json",
                data.toString()));
        assertThat(json(data).get("symbols")).extracting(JsonNode::asText).containsExactly("AAA");

        Path params = dir.resolve("rules-params.json");
        ok(run(
                "backtest",
                "--data",
                yahooA.toString(),
                "--strategy",
                "first_bar_buyer",
                "--params",
                "hold=1",
                "--plugins",
                p,
                "--json",
                params.toString()));
        assertThat(json(params).get("final_value").asDouble()).isCloseTo(100_000.0 / 11 * 12, within(1e-6));

        Path capital = dir.resolve("rules-capital.json");
        ok(run(
                "backtest",
                "--data",
                yahooA.toString(),
                "--strategy",
                "first_bar_buyer",
                "--capital",
                "1000",
                "--plugins",
                p,
                "--json",
                capital.toString()));
        assertThat(json(capital).get("final_value").asDouble()).isCloseTo(1000.0 / 11 * 13, within(1e-9));

        Path commission = dir.resolve("rules-commission.json");
        ok(run(
                "backtest",
                "--data",
                twoSymbols.toString(),
                "--strategy",
                "first_bar_buyer",
                "--commission-bps",
                "100",
                "--plugins",
                p,
                "--json",
                commission.toString()));
        assertThat(json(commission).get("commission_bps").asDouble()).isEqualTo(100.0);
        assertThat(json(commission).get("final_value").asDouble()).isLessThan(baseValue);

        Path slippage = dir.resolve("rules-slippage.json");
        ok(run(
                "backtest",
                "--data",
                twoSymbols.toString(),
                "--strategy",
                "first_bar_buyer",
                "--slippage-bps",
                "100",
                "--plugins",
                p,
                "--json",
                slippage.toString()));
        assertThat(json(slippage).get("slippage_bps").asDouble()).isEqualTo(100.0);
        assertThat(json(slippage).get("final_value").asDouble()).isLessThan(baseValue);

        // from 01-03: BUY fills at 01-06's open (12), the SELL at 01-08's open (14)
        Path start = dir.resolve("rules-start.json");
        ok(run(
                "backtest",
                "--data",
                yahooA.toString(),
                "--strategy",
                "first_bar_buyer",
                "--start",
                "2020-01-03",
                "--plugins",
                p,
                "--json",
                start.toString()));
        assertThat(json(start).get("start").asText()).isEqualTo("2020-01-03");
        assertThat(json(start).get("final_value").asDouble()).isCloseTo(100_000.0 / 12 * 14, within(1e-6));

        // to 01-06: the SELL signal of 01-06 has no next open; the position is marked at 01-06's close
        Path end = dir.resolve("rules-end.json");
        ok(run(
                "backtest",
                "--data",
                yahooA.toString(),
                "--strategy",
                "first_bar_buyer",
                "--end",
                "2020-01-06",
                "--plugins",
                p,
                "--json",
                end.toString()));
        assertThat(json(end).get("end").asText()).isEqualTo("2020-01-06");
        assertThat(json(end).get("final_value").asDouble()).isCloseTo(100_000.0 / 11 * 12.5, within(1e-6));

        Path rules = dir.resolve("rules-mode.json");
        ok(run(
                "backtest",
                "--mode",
                "rules",
                "--data",
                twoSymbols.toString(),
                "--strategy",
                "first_bar_buyer",
                "--plugins",
                p,
                "--json",
                rules.toString()));
        assertThat(json(rules).get("final_value").asDouble()).isEqualTo(baseValue);
        rejected(
                run(
                        "backtest",
                        "--mode",
                        "portfolio",
                        "--data",
                        yahooA.toString(),
                        "--strategy",
                        "first_bar_buyer",
                        "--plugins",
                        p),
                "--mode portfolio needs a config file");

        rejected(
                run(
                        "backtest",
                        "--data",
                        yahooA.toString(),
                        "--strategy",
                        "first_bar_buyer",
                        "--capital",
                        "-5",
                        "--plugins",
                        p),
                "--capital: capital must be a finite number > 0, was -5.0");
        rejected(
                run(
                        "backtest",
                        "--data",
                        yahooA.toString(),
                        "--strategy",
                        "first_bar_buyer",
                        "--slippage-bps",
                        "10000",
                        "--plugins",
                        p),
                "--slippage-bps: slippage_bps must be in [0, 10000)");
        rejected(
                run(
                        "backtest",
                        "--data",
                        yahooA.toString(),
                        "--strategy",
                        "first_bar_buyer",
                        "--compare",
                        "--plugins",
                        p),
                "--compare",
                "does not apply in rules mode");
        rejected(
                run("backtest", "--data", yahooA.toString(), "--strategy", "no_such", "--plugins", p),
                "unknown strategy \"no_such\"",
                "looked in the plugins directory " + plugins);
        exercised.add("--strategy");
    }

    // ------------------------------------------------------------------ demo, signals

    static Path small() throws Exception {
        return smallConfig(
                "small.yaml", "  - {id: test_momentum, weight: 2.0, params: {lookback: 40}}\n  - {id: test_reversal}");
    }

    @Test
    void demoRunsTheGivenConfigWritesTheGivenJsonAndUsesTheRegistryOptions() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path out = dir.resolve("demo/out.json");
        Run r = ok(
                run("demo", "--config", small().toString(), "--json", out.toString(), "--plugins", plugins.toString()));
        exercised.addAll(List.of("--config", "--json", "--plugins"));
        assertThat(r.out()).startsWith("options: 10 symbols").contains("json: " + out);
        assertThat(json(out).get("config").get("name").asText()).isEqualTo("options");
        assertThat(json(out).get("comparison").get("combiners")).hasSize(2);

        rejected(
                run(
                        "demo",
                        "--config",
                        small().toString(),
                        "--plugins",
                        noPlugins.toString(),
                        "--json",
                        out.toString()),
                "unknown strategy \"test_momentum\"");

        Path gap = dir.resolve("demo/gap.json");
        ok(run(
                "demo",
                "--config",
                smallConfig("demo-gap.yaml", "  - {id: gap_fade}").toString(),
                "--json",
                gap.toString(),
                "--plugins",
                plugins.toString(),
                "--definitions",
                definitions.toString()));
        assertThat(json(gap).get("config").get("strategies").get(0).get("id").asText())
                .isEqualTo("gap_fade");
        exercised.add("--definitions");

        String db = h2("demo-store");
        Run stored = ok(run(
                "demo",
                "--config",
                small().toString(),
                "--json",
                out.toString(),
                "--plugins",
                plugins.toString(),
                "--db",
                db));
        assertThat(ok(run("runs", "list", "--db", db)).out()).contains(runId(stored));
        exercised.add("--db");
        Run unstored = ok(run(
                "demo",
                "--config",
                small().toString(),
                "--json",
                out.toString(),
                "--plugins",
                plugins.toString(),
                "--db",
                db,
                "--no-store"));
        assertThat(unstored.out()).doesNotContain("run: ");
        assertThat(JsonMapper.mapper()
                        .readTree(ok(run("runs", "list", "--db", db, "--json")).out()))
                .hasSize(1);
        exercised.add("--no-store");

        assertExercisedEveryOption("demo", exercised);
    }

    @Test
    void signalsWritesTheConfigsSignalsToTheGivenCsvWithTheGivenRegistry() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path csv = dir.resolve("signals/momentum.csv");
        ok(run("signals", small().toString(), "--csv", csv.toString(), "--plugins", plugins.toString()));
        exercised.addAll(List.of("CONFIG.yaml", "--csv", "--plugins"));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("date,symbol,strategy,alpha_score,confidence");
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[2])
                .containsOnly("test_momentum", "test_reversal");

        rejected(
                run("signals", small().toString(), "--csv", csv.toString(), "--plugins", noPlugins.toString()),
                "unknown strategy");

        Path gap = dir.resolve("signals/gap.csv");
        ok(run(
                "signals",
                smallConfig("signals-gap.yaml", "  - {id: gap_fade}").toString(),
                "--csv",
                gap.toString(),
                "--plugins",
                plugins.toString(),
                "--definitions",
                definitions.toString()));
        List<String> gapLines = Files.readAllLines(gap);
        assertThat(gapLines.subList(1, gapLines.size()))
                .extracting(l -> l.split(",")[2])
                .containsOnly("gap_fade");
        exercised.add("--definitions");

        assertExercisedEveryOption("signals", exercised);
    }

    // ------------------------------------------------------------------ metrics, data inspect

    @Test
    void metricsReadsTheGivenReturnsAndPrintsJsonOnlyWithJson() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path up = dir.resolve("up.csv"), down = dir.resolve("down.csv");
        Files.writeString(up, "date,return\n2024-01-02,0.01\n2024-01-03,0.02\n2024-01-04,-0.01\n");
        Files.writeString(down, "date,return\n2024-01-02,-0.01\n2024-01-03,-0.02\n2024-01-04,0.01\n");
        JsonNode a = new ObjectMapper()
                .readTree(
                        ok(run("metrics", "--returns", up.toString(), "--json")).out());
        JsonNode b = new ObjectMapper()
                .readTree(ok(run("metrics", "--returns", down.toString(), "--json"))
                        .out());
        exercised.addAll(List.of("--returns", "--json"));
        assertThat(a.get("metrics").get("total_return").asDouble()).isCloseTo(1.01 * 1.02 * 0.99 - 1, within(1e-12));
        assertThat(b.get("metrics").get("total_return").asDouble()).isCloseTo(0.99 * 0.98 * 1.01 - 1, within(1e-12));
        Run table = ok(run("metrics", "--returns", up.toString()));
        assertThat(table.out()).startsWith(up + ": 3 returns").doesNotContain("{");
        assertExercisedEveryOption("metrics", exercised);
    }

    @Test
    void dataInspectReadsTheGivenFileAndAddsSectorsAndJsonWhenAsked() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Run plain = ok(run("data", "inspect", twoSymbols.toString()));
        exercised.add("FILE");
        assertThat(plain.out()).contains("symbols    2").doesNotContain("sectors ");
        Run sectorsRun = ok(run("data", "inspect", sample.toString(), "--sectors", sectors.toString()));
        exercised.add("--sectors");
        assertThat(sectorsRun.out()).contains("sectors    " + sectors).contains("Information Technology");
        JsonNode j = new ObjectMapper()
                .readTree(
                        ok(run("data", "inspect", yahooA.toString(), "--json")).out());
        exercised.add("--json");
        assertThat(j.get("symbols")).extracting(n -> n.get("symbol").asText()).containsExactly("AAA");
        JsonNode renamed = new ObjectMapper()
                .readTree(ok(run("data", "inspect", yahooA.toString(), "--symbol", "ZZZ", "--json"))
                        .out());
        exercised.add("--symbol");
        assertThat(renamed.get("symbols"))
                .extracting(n -> n.get("symbol").asText())
                .containsExactly("ZZZ");
        Path broken = dir.resolve("BROKEN.csv");
        Files.writeString(broken, Files.readString(yahooA).replace("2020-01-06,12,13,11", "2020-01-06,12,x,11"));
        rejected(run("data", "inspect", broken.toString()), "BROKEN.csv:4");
        Run dropped = ok(run("data", "inspect", broken.toString(), "--drop-bad-rows"));
        exercised.add("--drop-bad-rows");
        assertThat(dropped.out()).contains("1 dropped");
        assertExercisedEveryOption("data inspect", exercised);
    }

    // ------------------------------------------------------------------ plugins, strategies

    @Test
    void pluginsListShowsTheGivenDirectoryAsTextOrJsonAndRejectsDefinitions() throws Exception {
        Set<String> exercised = new TreeSet<>();
        assertThat(ok(run("plugins", "list", "--plugins", plugins.toString())).out())
                .contains("test-options");
        assertThat(ok(run("plugins", "list", "--plugins", noPlugins.toString())).out())
                .contains("no plugin JARs");
        exercised.add("--plugins");
        JsonNode j = new ObjectMapper()
                .readTree(ok(run("plugins", "list", "--plugins", plugins.toString(), "--json"))
                        .out());
        exercised.add("--json");
        assertThat(j.get("plugins")).extracting(n -> n.get("id").asText()).containsExactly("test-options");
        rejected(
                run("plugins", "list", "--plugins", plugins.toString(), "--definitions", definitions.toString()),
                "--definitions does not apply to plugins list");
        exercised.add("--definitions");
        assertExercisedEveryOption("plugins list", exercised);
    }

    @Test
    void pluginsInstallCopiesTheGivenJarIntoTheGivenDirectoryAndRejectsDefinitions() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path target = Files.createDirectories(dir.resolve("install-target"));
        Path jar = TestPluginJar.withStrategy("installable", "installable_one").writeTo(dir.resolve("installable.jar"));
        Run r = ok(run("plugins", "install", jar.toString(), "--plugins", target.toString()));
        exercised.addAll(List.of("JAR", "--plugins"));
        assertThat(r.out()).contains("installed plugin installable 1.0.0").contains("installable_one");
        assertThat(target.resolve("installable.jar")).exists();

        Path other = Files.createDirectories(dir.resolve("install-json"));
        JsonNode j = new ObjectMapper()
                .readTree(ok(run("plugins", "install", jar.toString(), "--plugins", other.toString(), "--json"))
                        .out());
        exercised.add("--json");
        assertThat(j.get("id").asText()).isEqualTo("installable");
        assertThat(j.get("entries")).extracting(n -> n.get("id").asText()).containsExactly("installable_one");

        Path third = Files.createDirectories(dir.resolve("install-defs"));
        rejected(
                run(
                        "plugins",
                        "install",
                        jar.toString(),
                        "--plugins",
                        third.toString(),
                        "--definitions",
                        definitions.toString()),
                "--definitions does not apply to plugins install");
        assertThat(third).isEmptyDirectory();
        exercised.add("--definitions");
        assertExercisedEveryOption("plugins install", exercised);
    }

    @Test
    void strategiesListFiltersByKindAndReadsTheGivenDirectories() throws Exception {
        Set<String> exercised = new TreeSet<>();
        List<String> all = ids(ok(run("strategies", "list", "--json", "--plugins", plugins.toString()))
                .out());
        exercised.addAll(List.of("--json", "--plugins"));
        assertThat(all)
                .containsExactlyInAnyOrder(
                        "test_momentum",
                        "test_reversal",
                        "first_bar_buyer",
                        "test_average",
                        "test_first",
                        "test_proportional");
        assertThat(ok(run("strategies", "list", "--plugins", plugins.toString()))
                        .out())
                .contains("KIND")
                .contains("test_average");
        List<String> combiners =
                ids(ok(run("strategies", "list", "--json", "--kind", "combiner", "--plugins", plugins.toString()))
                        .out());
        exercised.add("--kind");
        assertThat(combiners).containsExactly("test_average", "test_first");
        rejected(
                run("strategies", "list", "--kind", "widget", "--plugins", plugins.toString()),
                "--kind must be one of");
        List<String> withDefinitions = ids(ok(run(
                        "strategies",
                        "list",
                        "--json",
                        "--plugins",
                        plugins.toString(),
                        "--definitions",
                        definitions.toString()))
                .out());
        exercised.add("--definitions");
        assertThat(withDefinitions).contains("gap_fade").containsAll(all);
        assertThat(ids(ok(run("strategies", "list", "--json", "--plugins", noPlugins.toString()))
                        .out()))
                .isEmpty();
        assertExercisedEveryOption("strategies list", exercised);
    }

    private static List<String> ids(String json) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    // ------------------------------------------------------------------ validate, doctor

    @Test
    void validateChecksTheGivenFileOnTheGivenDataAndPrintsJsonOnlyWithJson() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path file = definitions.resolve("gap_fade.yaml");
        JsonNode one = new ObjectMapper()
                .readTree(ok(run("validate", file.toString(), "--json", "--data", longA.toString()))
                        .out());
        exercised.addAll(List.of("FILE", "--json", "--data"));
        assertThat(one.get("id").asText()).isEqualTo("gap_fade");
        assertThat(one.get("backtest").get("symbols").asInt()).isEqualTo(1);
        JsonNode two = new ObjectMapper()
                .readTree(ok(run("validate", file.toString(), "--json", "--data", longAB.toString()))
                        .out());
        assertThat(two.get("backtest").get("symbols").asInt()).isEqualTo(2);
        assertThat(ok(run("validate", file.toString(), "--data", longA.toString()))
                        .out())
                .startsWith(file + ": OK")
                .doesNotContain("{");
        assertExercisedEveryOption("validate", exercised);
    }

    // ------------------------------------------------------------------ submit

    @Test
    void submitSendsTheFileWithItsTokenAuthorAndFamilyToTheServerAndWaitsForTheVerdict() throws Exception {
        Set<String> exercised = new TreeSet<>();
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        String id = "0f0e0d0c-0b0a-0908-0706-050403020100";
        com.sun.net.httpserver.HttpServer fake =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/api/v1/submissions", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " auth="
                    + ex.getRequestHeaders().getFirst("Authorization") + " type="
                    + ex.getRequestHeaders().getFirst("Content-Type") + " body=" + in.length);
            String body;
            int code;
            if (ex.getRequestMethod().equals("POST")) {
                code = 202;
                body = "{\"id\":\"" + id + "\",\"status\":\"QUEUED\"}";
            } else if (ex.getRequestURI().getPath().endsWith("never")) {
                code = 200;
                body = "{\"id\":\"never\",\"status\":\"RUNNING\"}";
            } else {
                code = 200;
                body = polls.incrementAndGet() < 2
                        ? "{\"id\":\"" + id + "\",\"status\":\"RUNNING\"}"
                        : "{\"id\":\"" + id + "\",\"status\":\"REJECTED\",\"verdict\":{\"status\":\"REJECTED\","
                                + "\"version\":\"sha256-abc\",\"reasons\":[{\"code\":\"IC\",\"message\":\"too low\","
                                + "\"value\":0.001,\"threshold\":0.005}]}}";
            }
            byte[] out = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        fake.start();
        try {
            String url = "http://127.0.0.1:" + fake.getAddress().getPort();
            Path file = definitions.resolve("gap_fade.yaml");
            Run text = run(
                    "submit",
                    file.toString(),
                    "--server",
                    url,
                    "--token",
                    "T0KEN",
                    "--author",
                    "agent7",
                    "--family",
                    "gaps");
            exercised.addAll(List.of("FILE", "--server", "--token", "--author", "--family"));
            assertThat(text.code()).isEqualTo(SubmitCommand.EXIT_REJECTED);
            assertThat(text.out())
                    .contains("submitted gap_fade.yaml as " + id)
                    .contains("status: REJECTED")
                    .contains("reason IC: too low (value 0.001) (threshold 0.005)");
            assertThat(seen.get(0))
                    .startsWith("POST /api/v1/submissions?filename=gap_fade.yaml&author=agent7&family=gaps")
                    .contains("auth=Bearer T0KEN")
                    .contains("type=application/yaml")
                    .contains("body=" + Files.size(file));
            // it waits by long poll, 20 s at most per request (the service's limit)
            assertThat(seen)
                    .anyMatch(
                            l -> l.startsWith("GET /api/v1/submissions/" + id + "?wait_seconds=20 auth=Bearer T0KEN"));
            Run json = run("submit", file.toString(), "--server", url, "--json");
            exercised.add("--json");
            assertThat(new ObjectMapper()
                            .readTree(json.out())
                            .get("verdict")
                            .get("status")
                            .asText())
                    .isEqualTo("REJECTED");
            assertThat(seen.get(seen.size() - 1)).contains("auth=null");
            rejected(run("submit", file.toString(), "--server", url, "--timeout", "0"), "--timeout must be ≥ 1 second");
            exercised.add("--timeout");
            fake.removeContext("/api/v1/submissions");
            fake.createContext("/api/v1/submissions", ex -> {
                ex.getRequestBody().readAllBytes();
                seen.add(ex.getRequestMethod() + " " + ex.getRequestURI());
                byte[] out = (ex.getRequestMethod().equals("POST")
                                ? "{\"id\":\"" + id + "\",\"status\":\"QUEUED\"}"
                                : "{\"id\":\"" + id + "\",\"status\":\"RUNNING\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                ex.sendResponseHeaders(ex.getRequestMethod().equals("POST") ? 202 : 200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
            Run late = run("submit", file.toString(), "--server", url, "--timeout", "1");
            assertThat(late.code()).isNotZero();
            assertThat(late.err()).contains("no verdict for submission " + id + " within 1 s");
            // never a longer wait than what is left of --timeout
            assertThat(seen.get(seen.size() - 1)).isEqualTo("GET /api/v1/submissions/" + id + "?wait_seconds=1");
        } finally {
            fake.stop(0);
        }
        assertExercisedEveryOption("submit", exercised);
    }

    // ------------------------------------------------------------------ the run store

    /** A fresh H2 file database under the test directory. */
    static String h2(String name) {
        return "jdbc:h2:file:" + dir.resolve(name).resolve("x");
    }

    /** The id a storing run prints on its {@code run: } line. */
    static String runId(Run r) {
        return r.out()
                .lines()
                .filter(l -> l.startsWith("run: "))
                .map(l -> l.substring(5).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no run: line in " + r.out()));
    }

    /** The report of a {@code backtest --json} file without the CLI-only overrides echo. */
    static BacktestReport reportOf(String json) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                JsonMapper.mapper().readTree(json);
        tree.remove("overrides");
        return JsonMapper.read(tree.toString(), BacktestReport.class).withoutTimings();
    }

    @Test
    void backtestStoresItsRunAndTheRunsCommandsReadCompareAndDeleteIt() throws Exception {
        String db = h2("runs");
        String cfg = small().toString();
        Path written = dir.resolve("runs/first.json");
        Run first = ok(run("backtest", cfg, "--plugins", plugins.toString(), "--db", db, "--json", written.toString()));
        String id = runId(first);
        assertThat(first.out()).doesNotContain("same inputs as run");

        Run second = ok(run("backtest", cfg, "--plugins", plugins.toString(), "--db", db));
        String other = runId(second);
        assertThat(other).isNotEqualTo(id);
        assertThat(second.out()).contains("same inputs as run " + id);

        Set<String> list = new TreeSet<>();
        Run all = ok(run("runs", "list", "--db", db));
        assertThat(all.out()).contains(id, other, "COMPLETE");
        list.add("--db");
        JsonNode limited = JsonMapper.mapper()
                .readTree(ok(run("runs", "list", "--db", db, "--limit", "1", "--json"))
                        .out());
        assertThat(limited).hasSize(1);
        assertThat(limited.get(0).get("id").asText()).isEqualTo(other);
        list.addAll(List.of("--limit", "--json"));
        rejected(run("runs", "list", "--db", db, "--limit", "0"), "--limit must be in [1, 10000], was 0");
        assertThat(JsonMapper.mapper()
                        .readTree(ok(run("runs", "list", "--db", db, "--status", "FAILED", "--json"))
                                .out()))
                .isEmpty();
        assertThat(JsonMapper.mapper()
                        .readTree(ok(run("runs", "list", "--db", db, "--status", "COMPLETE", "--json"))
                                .out()))
                .hasSize(2);
        list.add("--status");
        assertExercisedEveryOption("runs list", list);

        Set<String> show = new TreeSet<>();
        Run shown = ok(run("runs", "show", id, "--db", db, "--json"));
        assertThat(reportOf(shown.out())).isEqualTo(reportOf(Files.readString(written)));
        show.addAll(List.of("ID", "--db", "--json"));
        Run text = ok(run("runs", "show", id, "--db", db));
        assertThat(text.out()).startsWith("run: " + id).contains("sharpe_ratio").doesNotContain("\"daily_returns\"");
        rejected(run("runs", "show", "no-such-run", "--db", db), "no-such-run");
        assertExercisedEveryOption("runs show", show);

        Run compared = ok(run("runs", "compare", id, other, "--db", db));
        assertThat(compared.out()).contains("total_return", id, other, "same config, code and data");
        rejected(run("runs", "compare", id, "no-such-run", "--db", db), "no-such-run");
        assertExercisedEveryOption("runs compare", Set.of("ID", "OTHER", "--db"));

        Run deleted = ok(run("runs", "delete", id, "--db", db));
        assertThat(deleted.out()).contains("deleted run " + id);
        JsonNode left = JsonMapper.mapper()
                .readTree(ok(run("runs", "list", "--db", db, "--json")).out());
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("id").asText()).isEqualTo(other);
        rejected(run("runs", "delete", id, "--db", db), id);
        assertExercisedEveryOption("runs delete", Set.of("ID", "--db"));

        // --db takes effect: another database holds none of these runs
        assertThat(ok(run("runs", "list", "--db", h2("empty"))).out()).contains("no runs stored");
    }

    @Test
    void reportWritesTheStoredRunOfTheGivenDatabaseAsOneSelfContainedHtmlFile() throws Exception {
        String db = h2("report-db");
        String id = runId(ok(run("backtest", small().toString(), "--plugins", plugins.toString(), "--db", db)));
        Path html = dir.resolve("report/out.html");
        Files.createDirectories(html.getParent());
        Run written = ok(run("report", id, "--html", html.toString(), "--db", db));
        assertThat(written.out()).contains("wrote " + html, id);
        String page = Files.readString(html);
        // one file: the data, ECharts and the page's script inline, nothing loaded from elsewhere
        assertThat(page)
                .contains("id=\"report-data\"", id, "echarts", "data-chart=\"equity\"")
                .doesNotContain("<script src=", "<link rel=\"stylesheet\" href=");
        rejected(
                run(
                        "report",
                        id,
                        "--html",
                        dir.resolve("no-such-folder/out.html").toString(),
                        "--db",
                        db),
                "no-such-folder",
                "does not exist");
        // --db takes effect: another database does not know the run
        rejected(run("report", id, "--html", html.toString(), "--db", h2("report-other")), id);
        assertExercisedEveryOption("report", Set.of("RUN_ID", "--html", "--db"));
    }

    @Test
    void dbMigrateAndInfoDescribeTheGivenDatabase() throws Exception {
        String db = h2("db-info");
        Run migrated = ok(run("db", "migrate", "--db", db));
        assertThat(migrated.out()).contains("database: jdbc:h2:file:", "db-info", "schema version: ");
        assertExercisedEveryOption("db migrate", Set.of("--db"));
        ok(run("backtest", small().toString(), "--plugins", plugins.toString(), "--db", db));
        Run info = ok(run("db", "info", "--db", db));
        assertThat(info.out()).contains("engine: H2", "db-info", "runs complete: 1", "runs failed: 0");
        assertThat(ok(run("db", "info", "--db", h2("db-info-other"))).out()).contains("runs complete: 0");
        assertExercisedEveryOption("db info", Set.of("--db"));
    }

    @Test
    void doctorHasNoOptionsOfItsOwn() {
        assertExercisedEveryOption("doctor", Set.of());
    }

    // ------------------------------------------------------------------ --help, --version, --verbose

    @Test
    void theListOfCommandsHereIsEveryCommandOfTheCli() {
        List<String> leaves = new ArrayList<>();
        collectLeaves(AlphaweaveCli.commandTree(List.of()), "", leaves);
        assertThat(leaves).containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    private static void collectLeaves(CommandLine c, String prefix, List<String> out) {
        for (var e : c.getSubcommands().entrySet()) {
            if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            String name = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            if (e.getValue().getSubcommands().isEmpty()) {
                out.add(name);
            } else {
                collectLeaves(e.getValue(), name, out);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "backtest|backtest MISSING.yaml",
                "demo|demo --config MISSING.yaml",
                "signals|signals MISSING.yaml --csv out.csv",
                "metrics|metrics --returns MISSING.csv",
                "data inspect|data inspect MISSING.csv",
                "plugins list|plugins list --plugins MISSING",
                "plugins install|plugins install MISSING.jar --plugins NOPLUGINS",
                "strategies list|strategies list --kind widget --plugins NOPLUGINS",
                "validate|validate GAPFADE --data MISSING.csv",
                "submit|submit MISSING.yaml",
                "mcp|mcp --db jdbc:nosuchdb:x",
                "doctor|doctor",
                "serve|serve --port 70000",
                "report|report no-such-run --html OUT.html --db jdbc:nope:x",
                "worker|worker --workers 0",
                "tokens create|tokens create --role nobody --tokens-file TOKENS",
                "tokens list|tokens list --tokens-file BADTOKENS",
                "tokens revoke|tokens revoke nope --tokens-file TOKENS"
            })
    void helpVersionAndVerbose(String spec) throws Exception {
        Files.writeString(dir.resolve("bad-tokens.json"), "{}");
        String command = spec.substring(0, spec.indexOf('|'));
        String[] failing = spec.substring(spec.indexOf('|') + 1)
                .replace("MISSING", dir.resolve("missing").toString())
                .replace("NOPLUGINS", noPlugins.toString())
                .replace("GAPFADE", definitions.resolve("gap_fade.yaml").toString())
                .replace("BADTOKENS", dir.resolve("bad-tokens.json").toString())
                .replace("TOKENS", dir.resolve("help-tokens.json").toString())
                .split(" ");
        Run help = ok(run((command + " --help").split(" ")));
        assertThat(help.out()).startsWith("Usage: alphaweave " + command);
        Run version = ok(run((command + " --version").split(" ")));
        assertThat(version.out().strip()).isEqualTo("alphaweave 0.1.0");

        List<String> verboseArgs = new ArrayList<>(List.of(failing));
        verboseArgs.add("--verbose");
        Run quiet = run(failing);
        Run verbose = run(verboseArgs.toArray(String[]::new));
        if (command.equals("doctor")) {
            // nothing fails here: --verbose adds the JVM's arguments
            assertThat(quiet.out()).doesNotContain("jvm args:");
            assertThat(verbose.out()).contains("jvm args:");
        } else {
            rejected(quiet);
            assertThat(verbose.code()).isEqualTo(2);
            assertThat(verbose.err()).contains("\tat io.alphaweave.");
        }
    }

    @Test
    void backtestHelpDoesNotCallModeRequired() {
        String help = ok(run("backtest", "--help")).out();
        String mode = help.substring(help.lastIndexOf("--mode=MODE"), help.lastIndexOf("--data=FILE"));
        assertThat(mode.replaceAll("\\s+", " "))
                .doesNotContain("required")
                .contains("default: portfolio with a CONFIG.yaml, rules without one");
    }

    // ------------------------------------------------------------------ serve, tokens

    @Test
    void serveChecksEveryOptionBeforeItBinds() throws Exception {
        Set<String> exercised = new TreeSet<>();
        Path emptyTokens = dir.resolve("no-tokens.json");
        rejected(run("serve", "--port", "70000"), "--port must be in 0..65535, was 70000");
        exercised.add("--port");
        rejected(run("serve", "--max-request-size", "0"), "--max-request-size must be ≥ 1 byte, was 0");
        exercised.add("--max-request-size");
        rejected(run("serve", "--rate-limit", "0"), "--rate-limit must be ≥ 1 request a minute, was 0");
        exercised.add("--rate-limit");
        rejected(run("serve", "--cors-origin", "example.org/app"), "--cors-origin must be an origin");
        exercised.add("--cors-origin");
        // a non-loopback address needs tokens: the refusal names the token file it read
        rejected(
                run("serve", "--host", "192.0.2.1", "--tokens-file", emptyTokens.toString()),
                "refusing to serve on 192.0.2.1",
                emptyTokens.toString());
        exercised.addAll(List.of("--host", "--tokens-file"));
        rejected(run("serve", "--plugins", dir.resolve("absent").toString()), "plugins directory");
        exercised.add("--plugins");
        rejected(run("serve", "--definitions", dir.resolve("absent").toString()), "definitions directory");
        exercised.add("--definitions");
        rejected(run("serve", "--workers", "300"), "--workers must be in 0..256, was 300");
        exercised.add("--workers");
        rejected(run("serve", "--max-queued", "0"), "--max-queued must be ≥ 1, was 0");
        exercised.add("--max-queued");
        rejected(run("serve", "--port", "0", "--db", "jdbc:mysql://db/x"), "jdbc:mysql://db/x");
        exercised.add("--db");
        assertExercisedEveryOption("serve", exercised);
    }

    /**
     * Each option of {@code mcp} is checked before the server reads stdin; that --max-wait bounds the tools'
     * wait_seconds and that --plugins/--db are the ones served is shown over stdio by McpStdioServerTest.
     */
    @Test
    void mcpChecksEveryOptionBeforeItServes() {
        Set<String> exercised = new TreeSet<>();
        rejected(run("mcp", "--workers", "0"), "--workers must be in 1..16, was 0");
        exercised.add("--workers");
        rejected(run("mcp", "--submission-workers", "9"), "--submission-workers must be in 1..8, was 9");
        exercised.add("--submission-workers");
        rejected(run("mcp", "--max-wait", "0"), "--max-wait must be in 1..3600, was 0");
        exercised.add("--max-wait");
        rejected(run("mcp", "--plugins", dir.resolve("absent").toString()), "plugins directory");
        exercised.add("--plugins");
        rejected(run("mcp", "--definitions", dir.resolve("absent").toString()), "definitions directory");
        exercised.add("--definitions");
        rejected(run("mcp", "--db", "jdbc:nope:x"), "database URL must start with jdbc:h2: or jdbc:postgresql:");
        exercised.add("--db");
        assertExercisedEveryOption("mcp", exercised);
    }

    @Test
    void workerChecksEveryOptionBeforeItStarts() throws Exception {
        Set<String> exercised = new TreeSet<>();
        rejected(run("worker", "--workers", "0"), "--workers must be in 1..256, was 0");
        exercised.add("--workers");
        rejected(run("worker", "--grace", "-1"), "--grace must be in 0..3600 seconds, was -1");
        exercised.add("--grace");
        rejected(run("worker", "--db", "jdbc:mysql://db/x"), "jdbc:mysql://db/x");
        exercised.add("--db");
        rejected(run("worker", "--plugins", dir.resolve("absent").toString()), "plugins directory");
        exercised.add("--plugins");
        rejected(run("worker", "--definitions", dir.resolve("absent").toString()), "definitions directory");
        exercised.add("--definitions");
        assertExercisedEveryOption("worker", exercised);
    }

    @Test
    void tokensCommandsUseTheGivenFileAndRole() throws Exception {
        Path file = dir.resolve("tokens.json");
        Run created = ok(run("tokens", "create", "--role", "write", "--tokens-file", file.toString()));
        assertThat(created.out()).contains("with role write");
        String token = created.out().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertThat(Files.readString(file)).doesNotContain(token);
        rejected(run("tokens", "create", "--role", "root", "--tokens-file", file.toString()), "--role");
        assertExercisedEveryOption("tokens create", Set.of("--role", "--tokens-file"));

        String listed =
                ok(run("tokens", "list", "--tokens-file", file.toString())).out();
        assertThat(listed).contains("write");
        String id = listed.lines().skip(1).findFirst().orElseThrow().strip().split("\\s+")[0];
        assertThat(ok(run(
                                "tokens",
                                "list",
                                "--tokens-file",
                                dir.resolve("other.json").toString()))
                        .out())
                .startsWith("no tokens in");
        assertExercisedEveryOption("tokens list", Set.of("--tokens-file"));

        ok(run("tokens", "revoke", id, "--tokens-file", file.toString()));
        assertThat(ok(run("tokens", "list", "--tokens-file", file.toString())).out())
                .startsWith("no tokens in");
        rejected(run("tokens", "revoke", id, "--tokens-file", file.toString()), "no token with id");
        assertExercisedEveryOption("tokens revoke", Set.of("ID", "--tokens-file"));
    }
}
