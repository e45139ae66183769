package io.alphaweave.benchmarks;

import io.alphaweave.api.Strategy;
import io.alphaweave.api.TradeSignal;
import io.alphaweave.platform.backtest.RulesBacktest;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.plugins.core.strategies.BollingerReversionStrategy;
import io.alphaweave.plugins.core.strategies.RsiReversionStrategy;
import io.alphaweave.plugins.core.strategies.SmaCrossStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rules-mode backtest of one reference strategy over all 505 symbols of the shared S&amp;P 500
 * file (2013–2018, 1,259 days), parsing excluded: {@code signalsAndBacktest} computes the strategy's
 * signals (symbols in parallel) and replays them; {@code replayOnly} replays precomputed signals.
 * The data is found through {@code ALPHAWEAVE_SHARED_DATA} or a {@code shared/data} folder beside an
 * ancestor of the working directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RulesBacktestBenchmark {
    @Param({"rsi_reversion", "bollinger_reversion", "sma_cross"})
    public String strategy;

    MarketData data;
    Strategy impl;
    TradeSignal[][] signals;
    final RulesBacktest.Config config = RulesBacktest.Config.of(1_000_000);

    @Setup
    public void setup() {
        data = MarketData.load(sp500());
        impl = switch (strategy) {
            case "rsi_reversion" -> new RsiReversionStrategy();
            case "bollinger_reversion" -> new BollingerReversionStrategy();
            case "sma_cross" -> new SmaCrossStrategy();
            default -> throw new IllegalArgumentException("unknown strategy " + strategy);
        };
        signals = RulesBacktest.signals(data, impl);
    }

    /** Signals for all symbols, then the replay: what `alphaweave backtest --mode rules` times. */
    @Benchmark
    public RulesBacktest.Result signalsAndBacktest() {
        return RulesBacktest.run(data, impl, config);
    }

    /** The replay of precomputed signals only (single-threaded). */
    @Benchmark
    public RulesBacktest.Result replayOnly() {
        return RulesBacktest.run(data, signals, config);
    }

    static Path sp500() {
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            return Path.of(env, "sp500", "all_stocks_5yr.csv.gz");
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/data/sp500/all_stocks_5yr.csv.gz");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "shared S&P 500 data not found: set ALPHAWEAVE_SHARED_DATA to the folder holding sp500/");
    }
}
