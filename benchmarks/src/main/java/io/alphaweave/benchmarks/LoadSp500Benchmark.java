package io.alphaweave.benchmarks;

import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading the full S&amp;P 500 file (505 symbols, 619,040 rows, gzip) into a {@link MarketData}
 * panel with its quality report. The file comes from {@code -Dalphaweave.sp500=FILE}, else {@code
 * $ALPHAWEAVE_SHARED_DATA/sp500/all_stocks_5yr.csv.gz}, else {@code ../shared/data/sp500/...}
 * relative to the working directory.
 *
 * <p>Warm: {@code java -jar benchmarks/target/benchmarks.jar LoadSp500Benchmark}. Cold (first load
 * in a fresh JVM): add {@code -bm ss -wi 0 -i 1 -f 10}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class LoadSp500Benchmark {
    private Path file;

    /** Resolves the data file. */
    @Setup
    public void locate() {
        String prop = System.getProperty("alphaweave.sp500");
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        file = prop != null
                ? Path.of(prop)
                : env != null
                        ? Path.of(env, "sp500", "all_stocks_5yr.csv.gz")
                        : Path.of("..", "shared", "data", "sp500", "all_stocks_5yr.csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("S&P 500 file not found at " + file.toAbsolutePath()
                    + "; pass -Dalphaweave.sp500=FILE (JMH: -jvmArgsAppend -Dalphaweave.sp500=FILE)"
                    + " or set ALPHAWEAVE_SHARED_DATA");
        }
    }

    /**
     * @return the loaded panel (returned so JMH keeps the work)
     */
    @Benchmark
    public MarketData loadFullFile() {
        return MarketData.load(file);
    }
}
