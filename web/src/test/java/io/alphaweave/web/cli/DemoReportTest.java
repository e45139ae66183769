package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.BacktestRequest;
import io.alphaweave.platform.app.BacktestService;
import io.alphaweave.platform.app.CancellationToken;
import io.alphaweave.platform.app.ComparisonTable;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ProgressListener;
import io.alphaweave.platform.app.Workspace;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped demo (the real plugins and definitions of the repository on the sample data) through
 * the application layer: the numbers `./alphaweave demo` has always printed, and its JSON layout.
 */
class DemoReportTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    static Path home;

    static BacktestReport report;
    static JsonNode json;

    @BeforeAll
    static void runTheDemo() {
        assertThat(ROOT.resolve("plugins-dist"))
                .as("the built plugin JARs (the reactor packages the plugins before the web module's tests)")
                .isDirectoryContaining("glob:**.jar");
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none(),
                Map.of("ALPHAWEAVE_HOME", home.toString()),
                Map.of("alphaweave.home", ROOT.toString(), "user.home", home.toString()));
        DatasetCatalog catalog = DatasetCatalog.of(w);
        BacktestConfig config = BacktestConfig.parse(ROOT.resolve(DemoCommand.CONFIG), catalog);
        try (ComponentRegistry registry = RegistryOptions.open(w)) {
            report = new BacktestService(registry, catalog)
                    .run(
                            new BacktestRequest.Portfolio(config, true),
                            ProgressListener.NONE,
                            CancellationToken.create());
        }
        json = JsonMapper.tree(report);
    }

    @Test
    void endsAtTheDemosKnownEquityWithItsKnownMetrics() {
        assertThat(report.metrics().finalEquity()).isEqualTo(1672549.7813499363);
        assertThat(report.metrics().totalReturn()).isEqualTo(0.6725497813499335);
        assertThat(report.metrics().sharpeRatio()).isEqualTo(1.0537342336563944);
        assertThat(report.metrics().maxDrawdown()).isEqualTo(-0.14176947627472047);
        assertThat(report.metrics().days()).isEqualTo(1033);
        assertThat(report.tradeMetrics().roundTrips()).isEqualTo(909);
        assertThat(report.tradeMetrics().winRate()).isEqualTo(0.6358635863586358);
        assertThat(report.probabilisticSharpe().probability()).isEqualTo(0.9811712105548811);
        assertThat(report.sharpeInterval().lower()).isEqualTo(0.07407097644043308);
        assertThat(report.trades()).hasSize(5540);
        assertThat(report.bindingConstraints()).hasSize(89);
        assertThat(report.bindingConstraints().get(0).detail())
                .isEqualTo("1 sector(s) capped at 0.3: Information Technology 0.34541→0.3");
        assertThat(report.weights()).hasSize(214);
        assertThat(report.dailyReturns().get(report.dailyReturns().size() - 1).dailyReturn())
                .isEqualTo(-0.005543479632582282);
        assertThat(report.contributions().get(2).share()).isEqualTo(0.6038525153767408);
    }

    @Test
    void comparesEveryCombinerAndEachStrategyAloneWithTheirKnownEquities() {
        assertThat(report.comparison().combiners())
                .extracting(ComparisonTable.Row::label)
                .containsExactly(
                        "agreement_weighted_js", "best_strategy", "confidence_weighted", "rank_average", "weighted");
        assertThat(report.comparison().combiners().get(4).finalEquity()).isEqualTo(1672549.7813499363);
        assertThat(report.strategies().get("bollinger_mean_reversion").metrics().finalEquity())
                .isEqualTo(1245766.4069014052);
        assertThat(report.strategies().get("macd_rsi_confluence").metrics().finalEquity())
                .isEqualTo(1142160.3078024434);
        assertThat(report.strategies().get("momentum_rank").metrics().finalEquity())
                .isEqualTo(1581689.6378714237);
        assertThat(report.ic().strategies().get("momentum_rank").get(0).mean()).isEqualTo(0.006577242464380458);
        assertThat(report.ic().portfolio().get(0).mean()).isEqualTo(0.022014367948878264);
        assertThat(report.ic().portfolio().get(0).days()).isEqualTo(214);
    }

    @Test
    void theJsonKeepsTheLayoutOfBacktestJsonWithTheSchemaVersionAndHashesAdded() {
        assertThat(keys(json))
                .containsExactly(
                        "schema_version",
                        "config",
                        "metrics",
                        "trade_metrics",
                        "turnover",
                        "probabilistic_sharpe",
                        "sharpe_interval",
                        "contributions",
                        "strategies",
                        "ic",
                        "daily_returns",
                        "weights",
                        "trades",
                        "binding_constraints",
                        "comparison",
                        "hashes",
                        "timings_ms");
        assertThat(json.get("schema_version").asInt()).isEqualTo(1);
        assertThat(keys(json.get("config")))
                .containsExactly(
                        "name",
                        "data",
                        "universe",
                        "period",
                        "capital",
                        "strategies",
                        "combiner",
                        "allocator",
                        "constraints",
                        "rebalance",
                        "execution",
                        "mode");
        assertThat(keys(json.get("config").get("data"))).containsExactly("path", "sectors", "dataset");
        assertThat(json.get("config").get("data").get("dataset").asText()).isEqualTo("sample");
        assertThat(keys(json.get("config").get("period"))).containsExactly("start", "warm_up_from", "end");
        assertThat(json.get("config").get("period").get("start").asText()).isEqualTo("2014-01-02");
        assertThat(keys(json.get("metrics")))
                .containsExactly(
                        "days",
                        "total_return",
                        "cagr",
                        "volatility",
                        "sharpe_ratio",
                        "downside_risk",
                        "sortino_ratio",
                        "max_drawdown",
                        "calmar_ratio",
                        "var_95",
                        "cvar_95",
                        "daily_win_rate",
                        "daily_profit_factor",
                        "avg_daily_win",
                        "avg_daily_loss",
                        "final_equity");
        assertThat(keys(json.get("strategies")))
                .containsExactly("bollinger_mean_reversion", "macd_rsi_confluence", "momentum_rank");
        assertThat(keys(json.get("strategies").get("momentum_rank")))
                .containsExactly(
                        "metrics",
                        "trade_metrics",
                        "turnover",
                        "probabilistic_sharpe",
                        "sharpe_interval",
                        "alpha_histogram",
                        "confidence_over_time");
        assertThat(keys(json.get("strategies").get("momentum_rank").get("alpha_histogram")))
                .containsExactly("edges", "counts", "total", "mean", "std");
        assertThat(keys(json.get("strategies")
                        .get("momentum_rank")
                        .get("confidence_over_time")
                        .get(0)))
                .containsExactly("date", "mean_confidence", "mean_abs_alpha", "symbols_with_view");
        assertThat(keys(json.get("ic"))).containsExactly("strategies", "portfolio");
        assertThat(keys(json.get("ic").get("portfolio").get(0)))
                .containsExactly("horizon", "days", "mean", "std", "icir", "t_stat");
        assertThat(keys(json.get("contributions").get(0))).containsExactly("strategy_id", "contribution", "share");
        assertThat(keys(json.get("daily_returns").get(0))).containsExactly("date", "return", "equity");
        assertThat(keys(json.get("weights").get(0))).containsExactly("date", "weights");
        assertThat(keys(json.get("trades").get(0)))
                .containsExactly("date", "decision_date", "symbol", "quantity", "price", "commission", "attribution");
        assertThat(keys(json.get("trades").get(0).get("attribution")))
                .as("sorted by strategy id")
                .containsExactly("bollinger_mean_reversion", "macd_rsi_confluence", "momentum_rank");
        assertThat(keys(json.get("binding_constraints").get(0)))
                .containsExactly("date", "constraint", "detail", "weight_moved");
        assertThat(keys(json.get("comparison"))).containsExactly("combiners", "strategies_alone");
        assertThat(keys(json.get("comparison").get("combiners").get(0)))
                .containsExactly(
                        "label",
                        "kind",
                        "final_equity",
                        "metrics",
                        "trade_metrics",
                        "turnover",
                        "probabilistic_sharpe");
        assertThat(keys(json.get("hashes"))).containsExactly("config", "components", "dataset");
        assertThat(keys(json.get("timings_ms"))).containsExactly("prepare", "signals", "backtest", "total");
    }

    @Test
    void theWholeReportReadsBackFromItsJsonAsAnEqualRecord() {
        String text = JsonMapper.write(report);
        BacktestReport back = JsonMapper.read(text, BacktestReport.class);
        assertThat(back.equals(report)).as("record equality over every series").isTrue();
        assertThat(JsonMapper.write(back)).isEqualTo(text);
    }

    @Test
    void theCliWritesTheSameReport() throws Exception {
        Path out = home.resolve("demo.json");
        // the launcher sets the installation root; the config's relative data path resolves against it
        String before = System.getProperty(Workspace.HOME_PROPERTY);
        System.setProperty(Workspace.HOME_PROPERTY, ROOT.toString());
        PortfolioCliTest.Run r;
        try {
            r = PortfolioCliTest.run(
                    "demo",
                    "--config",
                    ROOT.resolve(DemoCommand.CONFIG).toString(),
                    "--json",
                    out.toString(),
                    "--plugins",
                    ROOT.resolve("plugins-dist").toString(),
                    "--definitions",
                    ROOT.resolve("strategies-yaml").toString());
        } finally {
            if (before == null) {
                System.clearProperty(Workspace.HOME_PROPERTY);
            } else {
                System.setProperty(Workspace.HOME_PROPERTY, before);
            }
        }
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("final equity 1,672,549.78 from 1,000,000.00; 5540 fills");
        BacktestReport written = JsonMapper.read(Files.readString(out), BacktestReport.class);
        assertThat(written.withoutTimings()).isEqualTo(report.withoutTimings());
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
