package io.alphaweave.benchmarks;

import io.alphaweave.api.Strategy;
import io.alphaweave.platform.backtest.PortfolioBacktest;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PortfolioSetup;
import io.alphaweave.platform.backtest.RebalanceSchedule;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.backtest.TradingCosts;
import io.alphaweave.platform.backtest.WeightedStrategy;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import io.alphaweave.plugins.core.portfolio.ProportionalAllocator;
import io.alphaweave.plugins.core.portfolio.RiskParityAllocator;
import io.alphaweave.plugins.core.portfolio.WeightedCombiner;
import io.alphaweave.plugins.core.strategies.BollingerMeanReversionStrategy;
import io.alphaweave.plugins.core.strategies.MacdRsiConfluenceStrategy;
import io.alphaweave.plugins.core.strategies.MomentumRankStrategy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * End-to-end portfolio backtests (issue 5): strategies' bulk signals (in parallel) plus the day loop
 * (combine → allocate → constrain → next-open fills → mark to market), as {@code PortfolioBacktest.run}
 * does them.
 *
 * <ul>
 *   <li>{@code demoSp500}: the demo config (bollinger_mean_reversion, macd_rsi_confluence,
 *       momentum_rank weighted 1/1/1.5; weighted; risk_parity; max_position 0.10, max_sector 0.30,
 *       min_positions 10, long-only, gross 1; weekly; 1 + 2 bps) over all 505 S&amp;P symbols,
 *       2014-01-02 … 2018-02-07 with the 2013 bars as warm-up. Target ≤ 300 ms warm.
 *   <li>{@code synthetic}: the same three strategies, weighted, proportional, long-only gross 1,
 *       daily rebalance, on {@code symbols} × 5,000 days of synthetic prices. Targets: 500 symbols
 *       ≤ 500 ms warm on 2 cores; 3,000 symbols ≤ 6.5 × that.
 * </ul>
 *
 * Peak heap of the 3,000 × 5,000 run is measured by {@link #main} (not JMH), see BENCHMARKS.md.
 *
 * <p>Forks run in a fixed, pre-touched 8 GiB heap, as a long-running backtest service would: on
 * these VMs the first touch of a heap page costs far more than the run's own work (20 GiB took 50 s
 * of system time), and a 3,000-symbol iteration touches pages a 500-symbol one never reaches, so
 * an unfixed heap measures the page faults of the heap's growth, not the engine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgs = {"-Xms8g", "-Xmx8g", "-XX:+AlwaysPreTouch"})
public class PortfolioBacktestBenchmark {

    /** The demo config on the full S&amp;P 500 file. */
    @State(Scope.Benchmark)
    public static class Demo {
        MarketData data;
        int firstDay;
        PortfolioSetup setup;

        @Setup(Level.Trial)
        public void load() {
            MarketData all = MarketData.load(sp500File(), sp500File().resolveSibling("sp500_sectors_2018.csv"));
            data = all.between(null, LocalDate.of(2018, 2, 7));
            while (data.date(firstDay).isBefore(LocalDate.of(2014, 1, 1))) {
                firstDay++;
            }
            setup = demoSetup();
        }
    }

    /** A synthetic panel. */
    @State(Scope.Benchmark)
    public static class Synthetic {
        @Param({"500", "3000"})
        public int symbols;

        MarketData data;
        PortfolioSetup setup;

        @Setup(Level.Trial)
        public void generate() {
            data = SyntheticPanel.generate(symbols, 5_000, 42);
            setup = syntheticSetup();
        }
    }

    /**
     * @param demo the S&amp;P panel
     * @return the result (consumed by JMH)
     */
    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 10, time = 2)
    public PortfolioResult demoSp500(Demo demo) {
        StrategySignals signals = PortfolioBacktest.computeSignals(demo.data, demo.setup.strategies());
        return PortfolioBacktest.run(demo.data, demo.setup, signals, demo.firstDay, null);
    }

    /**
     * @param s the synthetic panel
     * @return the result (consumed by JMH)
     */
    @Benchmark
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public PortfolioResult synthetic(Synthetic s) {
        return PortfolioBacktest.run(s.data, s.setup);
    }

    static List<WeightedStrategy> demoStrategies() {
        Strategy bollinger = new BollingerMeanReversionStrategy().configure(Map.of("window", 20, "k", 2.0));
        Strategy macd = new MacdRsiConfluenceStrategy().configure(Map.of());
        Strategy momentum = new MomentumRankStrategy().configure(Map.of("lookback", 126));
        return List.of(
                new WeightedStrategy(bollinger, 1.0),
                new WeightedStrategy(macd, 1.0),
                new WeightedStrategy(momentum, 1.5));
    }

    static PortfolioSetup demoSetup() {
        return new PortfolioSetup(
                demoStrategies(),
                new WeightedCombiner(),
                new RiskParityAllocator().configure(Map.of()),
                new Constraints(0.10, 0.30, 10, true, 1.0),
                RebalanceSchedule.WEEKLY,
                new TradingCosts(1, 2, true),
                1_000_000);
    }

    static PortfolioSetup syntheticSetup() {
        return new PortfolioSetup(
                demoStrategies(),
                new WeightedCombiner(),
                new ProportionalAllocator(),
                Constraints.unconstrained(true, 1.0),
                RebalanceSchedule.DAILY,
                new TradingCosts(1, 2, true),
                1_000_000);
    }

    static Path sp500File() {
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        Path file = env != null && !env.isBlank()
                ? Path.of(env, "sp500", "all_stocks_5yr.csv.gz")
                : Path.of("..", "shared", "data", "sp500", "all_stocks_5yr.csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(
                    "S&P 500 file not found at " + file.toAbsolutePath() + "; set ALPHAWEAVE_SHARED_DATA");
        }
        return file;
    }

    /**
     * Wall time and peak heap of synthetic runs outside JMH: {@code java -cp benchmarks.jar
     * io.alphaweave.benchmarks.PortfolioBacktestBenchmark [symbols] [runs]}. Prints the raw price
     * data size, the peak heap used across all heap pools during the run (after a GC that leaves
     * only the panel), and each run's wall time split into signals and day loop.
     *
     * @param args symbols (default 3000) and runs (default 5)
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("demo")) {
            demoMain(args.length > 1 ? Integer.parseInt(args[1]) : 10);
            return;
        }
        if (args.length > 0 && args[0].equals("loop")) {
            loopMain(Integer.parseInt(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 20);
            return;
        }
        if (args.length > 0 && args[0].equals("signals")) {
            signalsMain(args.length > 1 ? Integer.parseInt(args[1]) : 10);
            return;
        }
        if (args.length > 0 && args[0].equals("scaling")) {
            forceGc = !(args.length > 2 && args[2].equals("nogc"));
            scalingMain(args.length > 1 ? Integer.parseInt(args[1]) : 12);
            return;
        }
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int days = 5_000;
        MarketData data = SyntheticPanel.generate(symbols, days, 42);
        PortfolioSetup setup = syntheticSetup();
        double raw = 5.0 * symbols * days * Double.BYTES;
        System.out.printf("panel %d × %d: raw OHLCV %.0f MiB%n", symbols, days, raw / (1 << 20));
        for (int i = 0; i < runs; i++) {
            System.gc();
            long base = heapUsed();
            resetPeaks();
            long t0 = System.nanoTime();
            PortfolioResult r = PortfolioBacktest.run(data, setup);
            long wall = System.nanoTime() - t0;
            long peak = peakHeap();
            System.out.printf(
                    "run %d: %.0f ms (signals %.0f ms, loop %.0f ms), %d fills; heap before %.0f MiB, peak %.0f MiB"
                            + " = %.2f × raw; digest %s%n",
                    i + 1,
                    wall / 1e6,
                    r.signalNanos() / 1e6,
                    r.loopNanos() / 1e6,
                    r.trades().size(),
                    base / 1048576.0,
                    peak / 1048576.0,
                    peak / raw,
                    // the digest replays the weights (symbols × days doubles): not for the memory case
                    symbols <= 1000 ? String.format("%08x", digest(r)) : "-");
        }
    }

    /**
     * The 3,000 / 500 time ratio in one JVM: both panels are generated up front and the two sizes
     * alternate (500, 3000, 500, …), each run after a full GC, so drifts of a noisy machine hit both
     * alike. The first quarter of the runs of each size is warm-up; the medians of the rest and their
     * ratio are printed.
     */
    private static void scalingMain(int runs) {
        MarketData small = SyntheticPanel.generate(500, 5_000, 42);
        MarketData large = SyntheticPanel.generate(3000, 5_000, 42);
        PortfolioSetup setup = syntheticSetup();
        long[] a = new long[runs], b = new long[runs];
        long[][] split = new long[4][runs];
        for (int i = 0; i < runs; i++) {
            PortfolioResult ra = timedRun(small, setup);
            a[i] = lastWall;
            PortfolioResult rb = timedRun(large, setup);
            b[i] = lastWall;
            split[0][i] = ra.signalNanos();
            split[1][i] = ra.loopNanos();
            split[2][i] = rb.signalNanos();
            split[3][i] = rb.loopNanos();
            System.out.printf(
                    "pair %d: 500 → %.0f ms (signals %.0f, loop %.0f), 3000 → %.0f ms (signals %.0f, loop %.0f)"
                            + " (%.2f ×)%n",
                    i + 1,
                    a[i] / 1e6,
                    split[0][i] / 1e6,
                    split[1][i] / 1e6,
                    b[i] / 1e6,
                    split[2][i] / 1e6,
                    split[3][i] / 1e6,
                    (double) b[i] / a[i]);
        }
        int skip = runs / 4;
        double ma = median(java.util.Arrays.copyOfRange(a, skip, runs));
        double mb = median(java.util.Arrays.copyOfRange(b, skip, runs));
        System.out.printf(
                "median of runs %d–%d: 500 → %.0f ms, 3000 → %.0f ms, ratio %.2f ×%n",
                skip + 1, runs, ma / 1e6, mb / 1e6, mb / ma);
        double[] m = new double[4];
        for (int j = 0; j < 4; j++) {
            m[j] = median(java.util.Arrays.copyOfRange(split[j], skip, runs));
        }
        System.out.printf(
                "medians: signals %.0f → %.0f ms (%.2f ×), loop %.0f → %.0f ms (%.2f ×)%n",
                m[0] / 1e6, m[2] / 1e6, m[2] / m[0], m[1] / 1e6, m[3] / 1e6, m[3] / m[1]);
    }

    /**
     * The day loop alone, {@code runs} times on signals computed once (no signal phase, no forced
     * GC): the least noisy view of how the replay scales. Prints every run and the median of the
     * second half.
     */
    private static void loopMain(int symbols, int runs) {
        MarketData data = SyntheticPanel.generate(symbols, 5_000, 42);
        PortfolioSetup setup = syntheticSetup();
        StrategySignals signals = PortfolioBacktest.computeSignals(data, setup.strategies());
        long[] t = new long[runs], own = new long[runs], all = new long[runs];
        var threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            long c0 = threads.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            PortfolioBacktest.run(data, setup, signals, 0, null);
            t[i] = System.nanoTime() - t0;
            own[i] = threads.getCurrentThreadCpuTime() - c0;
            all[i] = os.getProcessCpuTime() - p0;
            line.append(String.format("%.0f ", t[i] / 1e6));
        }
        System.out.println("loop runs (ms): " + line.toString().trim());
        int h = runs / 2;
        System.out.printf(
                "%d symbols: loop median of runs %d–%d %.0f ms (min %.0f); replay thread CPU %.0f ms, other threads"
                        + " %.0f ms%n",
                symbols,
                h + 1,
                runs,
                median(java.util.Arrays.copyOfRange(t, h, runs)) / 1e6,
                java.util.Arrays.stream(t, h, runs).min().getAsLong() / 1e6,
                median(java.util.Arrays.copyOfRange(own, h, runs)) / 1e6,
                (median(java.util.Arrays.copyOfRange(all, h, runs))
                                - median(java.util.Arrays.copyOfRange(own, h, runs)))
                        / 1e6);
    }

    /**
     * Each strategy's bulk signals alone, on one thread, alternating the 500- and 3,000-symbol
     * panels: which strategy scales how.
     */
    private static void signalsMain(int runs) {
        MarketData small = SyntheticPanel.generate(500, 5_000, 42);
        MarketData large = SyntheticPanel.generate(3000, 5_000, 42);
        for (WeightedStrategy ws : demoStrategies()) {
            long[] a = new long[runs], b = new long[runs];
            for (int i = 0; i < runs; i++) {
                for (int size = 0; size < 2; size++) {
                    MarketData d = size == 0 ? small : large;
                    long t0 = System.nanoTime();
                    io.alphaweave.api.AlphaMatrix m = new io.alphaweave.api.AlphaMatrix(d.symbolCount(), d.dayCount());
                    ws.strategy().generateAlphaSignals(d, m);
                    long t = System.nanoTime() - t0;
                    if (size == 0) {
                        a[i] = t;
                    } else {
                        b[i] = t;
                    }
                }
            }
            int skip = runs / 4;
            double ma = median(java.util.Arrays.copyOfRange(a, skip, runs));
            double mb = median(java.util.Arrays.copyOfRange(b, skip, runs));
            System.out.printf(
                    "%s: 500 → %.1f ms, 3000 → %.1f ms, ratio %.2f ×%n", ws.id(), ma / 1e6, mb / 1e6, mb / ma);
        }
    }

    private static long lastWall;
    private static boolean forceGc = true;

    private static PortfolioResult timedRun(MarketData data, PortfolioSetup setup) {
        if (forceGc) {
            System.gc();
        }
        long t0 = System.nanoTime();
        PortfolioResult r = PortfolioBacktest.run(data, setup);
        lastWall = System.nanoTime() - t0;
        if (r.trades().size() == 0) {
            throw new IllegalStateException("no fills: the synthetic setup should trade every day");
        }
        return r;
    }

    private static double median(long[] x) {
        long[] s = x.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    }

    /** The demo on the S&amp;P file {@code runs} times in one JVM: wall time per run, signals and loop. */
    private static void demoMain(int runs) {
        Demo demo = new Demo();
        demo.load();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            PortfolioResult r = new PortfolioBacktestBenchmark().demoSp500(demo);
            long wall = System.nanoTime() - t0;
            System.out.printf(
                    "demo run %d: %.0f ms (signals %.0f ms, loop %.0f ms), %d fills, final equity %.2f, digest %08x%n",
                    i + 1,
                    wall / 1e6,
                    r.signalNanos() / 1e6,
                    r.loopNanos() / 1e6,
                    r.trades().size(),
                    r.finalEquity(),
                    digest(r));
        }
    }

    /**
     * A hash of everything a run produced (curves, contributions, weights, every fill, binding
     * constraints), to check that an optimisation left the results bit for bit the same. Fill
     * attribution enters as float (the trade log's documented precision).
     */
    static int digest(PortfolioResult r) {
        int h = java.util.Arrays.hashCode(r.equity());
        h = 31 * h + java.util.Arrays.hashCode(r.cash());
        h = 31 * h + java.util.Arrays.hashCode(r.grossBook());
        h = 31 * h + java.util.Arrays.hashCode(r.tradedValue());
        h = 31 * h + java.util.Arrays.hashCode(r.returns());
        h = 31 * h + java.util.Arrays.deepHashCode(r.contributions());
        h = 31 * h + java.util.Arrays.deepHashCode(r.weights());
        var log = r.trades();
        int k = r.setup().strategies().size();
        for (int i = 0; i < log.size(); i++) {
            h = 31 * h + log.day(i);
            h = 31 * h + log.symbol(i);
            h = 31 * h + Double.hashCode(log.quantity(i));
            h = 31 * h + Double.hashCode(log.price(i));
            h = 31 * h + Double.hashCode(log.commission(i));
            for (int j = 0; j < k; j++) {
                h = 31 * h + Float.floatToIntBits((float) log.attribution(i, j));
            }
        }
        for (var b : r.bindingConstraints()) {
            h = 31 * h + b.hashCode();
        }
        return h;
    }

    private static long heapUsed() {
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                used += p.getUsage().getUsed();
            }
        }
        return used;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
