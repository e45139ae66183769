package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.backtest.TestComponents;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service on the repository's sample data with small in-code components. */
class BacktestServiceTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static ComponentRegistry registry;
    static DatasetCatalog catalog;
    static BacktestService service;

    @BeforeAll
    static void setUp() {
        registry = ComponentRegistry.builder().build();
        registry.register(ComponentSource.java("mom"), new TestComponents.Momentum("mom", 20));
        registry.register(ComponentSource.java("calm"), new TestComponents.Momentum("calm", 60));
        registry.register(ComponentSource.java("avg"), new TestComponents.WeightedAverage("avg"));
        registry.register(ComponentSource.java("strong"), new TestComponents.Strongest("strong"));
        registry.register(ComponentSource.java("prop"), new TestComponents.Proportional("prop"));
        Workspace w = Workspace.resolve(
                Workspace.Overrides.none(),
                Map.of(
                        "ALPHAWEAVE_HOME",
                        REPO.resolve("platform/target/app-test-home").toString()),
                Map.of("alphaweave.home", REPO.toString(), "user.home", "/nowhere"));
        catalog = DatasetCatalog.of(w);
        service = new BacktestService(registry, catalog);
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    static BacktestConfig config(String name, double capital) {
        String yaml = """
                name: %s
                dataset: sample
                universe: [AAPL, MSFT, JPM, XOM, KO, PG, GE, INTC, T, WMT]
                period: {start: 2016-01-01, end: 2017-06-30}
                capital: %s
                strategies: [{id: mom, weight: 1.0}, {id: calm, weight: 0.5}]
                combiner: avg
                allocator: prop
                constraints: {max_position: 0.25, long_only: true, gross_leverage: 1.0}
                rebalance: weekly
                execution: {commission_bps: 1, slippage_bps: 2}
                """.formatted(name, capital);
        try {
            return BacktestConfig.fromTree(new ObjectMapper(new YAMLFactory()).readTree(yaml), name, catalog);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theReportCarriesTheEnginesNumbers() {
        BacktestConfig c = config("t", 100_000);
        BacktestReport report = service.run(c, ProgressListener.NONE, CancellationToken.create());

        PreparedBacktest p = PortfolioBacktest.prepare(c, registry);
        PortfolioResult direct = PortfolioBacktest.run(
                p.data(),
                p.setup(),
                PortfolioBacktest.computeSignals(p.data(), p.setup().strategies()),
                p.firstDay(),
                null);
        PortfolioReport evaluated = PortfolioBacktest.evaluate(direct);

        assertThat(report.metrics().finalEquity()).isEqualTo(direct.finalEquity());
        assertThat(report.metrics().returnMetrics()).isEqualTo(evaluated.metrics());
        assertThat(report.tradeMetrics()).isEqualTo(evaluated.trades());
        assertThat(report.contributions()).isEqualTo(evaluated.contributions());
        assertThat(report.trades()).hasSize(direct.trades().size());
        assertThat(report.bindingConstraints()).isEqualTo(direct.bindingConstraints());
        assertThat(report.dailyReturns()).hasSize(direct.returns().length);
        assertThat(report.dailyReturns().get(0).dailyReturn()).isEqualTo(direct.returns()[0]);
        assertThat(report.config().period().start()).hasToString("2016-01-04");
        assertThat(report.config().data().dataset()).isEqualTo("sample");
        assertThat(report.config().universe()).hasSize(10);
        assertThat(report.strategies()).containsOnlyKeys("mom", "calm");
        assertThat(report.ic().strategies().get("mom"))
                .extracting(ic -> ic.horizon())
                .containsExactly(1, 2, 5, 10, 20);
        assertThat(report.comparison()).as("not asked for").isNull();
    }

    @Test
    void sameInputsGiveEqualReportsAndTheJsonReadsBackToAnEqualReport() {
        BacktestRequest.Portfolio request = new BacktestRequest.Portfolio(config("t", 100_000), true);
        BacktestReport a = service.run(request, ProgressListener.NONE, CancellationToken.create());
        BacktestReport b = service.run(request, ProgressListener.NONE, CancellationToken.create());
        assertThat(a.withoutTimings()).isEqualTo(b.withoutTimings());
        assertThat(a.comparison().combiners())
                .extracting(ComparisonTable.Row::label)
                .containsExactly("avg", "strong");

        String json = JsonMapper.write(a);
        BacktestReport back = JsonMapper.read(json, BacktestReport.class);
        assertThat(back).isEqualTo(a);
        assertThat(JsonMapper.write(back)).isEqualTo(json);
    }

    @Test
    void theHashesIgnoreTheNameButNotTheInputs() {
        BacktestReport a = service.run(config("first", 100_000), ProgressListener.NONE, CancellationToken.create());
        BacktestReport b = service.run(config("second", 100_000), ProgressListener.NONE, CancellationToken.create());
        BacktestReport c = service.run(config("first", 200_000), ProgressListener.NONE, CancellationToken.create());
        assertThat(b.hashes()).isEqualTo(a.hashes());
        assertThat(c.hashes().config()).isNotEqualTo(a.hashes().config());
        assertThat(c.hashes().dataset()).isEqualTo(a.hashes().dataset());
        DatasetCatalog.Dataset sample = catalog.find("sample").orElseThrow();
        assertThat(a.hashes().dataset()).isEqualTo(DatasetCatalog.contentHash(sample.data(), sample.sectors()));
        assertThat(a.hashes().components())
                .containsOnlyKeys("strategy:mom", "strategy:calm", "combiner:avg", "allocator:prop");
    }

    @Test
    void progressGoesThroughThePhasesInOrderAndEndsAtOne() {
        List<RunPhase> phases = new ArrayList<>();
        List<Double> fractions = new ArrayList<>();
        service.run(
                new BacktestRequest.Portfolio(config("t", 100_000), true),
                (phase, fraction) -> {
                    if (phases.isEmpty() || phases.get(phases.size() - 1) != phase) {
                        phases.add(phase);
                    }
                    fractions.add(fraction);
                },
                CancellationToken.create());
        assertThat(phases).containsExactly(RunPhase.values());
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        assertThat(fractions.size()).as("one report per rebalance at least").isGreaterThan(60);
    }

    @Test
    void aCancelledRunStopsAtTheNextRebalanceWithNoReport() {
        CancellationToken token = CancellationToken.create();
        AtomicInteger rebalances = new AtomicInteger();
        assertThatThrownBy(() -> service.run(
                        config("t", 100_000),
                        (phase, fraction) -> {
                            if (phase == RunPhase.BACKTEST && rebalances.incrementAndGet() == 3) {
                                token.cancel();
                            }
                        },
                        token))
                .isInstanceOf(RunCancelledException.class)
                .hasMessage("the run was cancelled during backtest");
        assertThat(rebalances.get()).as("stopped right after the cancel").isEqualTo(3);

        CancellationToken early = CancellationToken.create();
        early.cancel();
        assertThatThrownBy(() -> service.run(config("t", 100_000), ProgressListener.NONE, early))
                .hasMessage("the run was cancelled during prepare");
    }

    @Test
    void theRulesModeGoesThroughTheSameServiceAndMatchesTheRulesEngine() {
        BacktestRequest.Rules request =
                new BacktestRequest.Rules("sample", List.of("AAPL", "MSFT"), null, null, "mom", Map.of(), 10_000, 1, 0);
        RunReport run = service.run(request, ProgressListener.NONE, CancellationToken.create());
        assertThat(run).isInstanceOf(RulesReport.class);
        RulesReport r = (RulesReport) run;

        MarketData panel =
                MarketData.load(catalog.find("sample").orElseThrow().data()).select(List.of("AAPL", "MSFT"));
        Strategy mom = registry.strategy("mom");
        RulesBacktest.Result direct = RulesBacktest.run(panel, mom, new RulesBacktest.Config(10_000, 1, 0));
        assertThat(r.finalValue()).isEqualTo(direct.finalValue());
        assertThat(r.trades()).isEqualTo(direct.trades());
        assertThat(r.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(r.hashes().components()).containsOnlyKeys("strategy:mom");
        assertThat(JsonMapper.read(JsonMapper.write(r), RulesReport.class)).isEqualTo(r);

        assertThatThrownBy(() -> service.run(
                        new BacktestRequest.Rules("sample", List.of("ZZZ"), null, null, "mom", Map.of(), 1, 0, 0),
                        ProgressListener.NONE,
                        CancellationToken.create()))
                .isInstanceOf(AlphaweaveException.class)
                .hasMessageStartingWith("symbols: ZZZ is not in ")
                .hasMessageContaining("e.g. AAPL");
    }
}
