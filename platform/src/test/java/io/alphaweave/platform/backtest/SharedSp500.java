package io.alphaweave.platform.backtest;

import io.alphaweave.platform.data.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The full S&amp;P 500 file (505 symbols, 2013–2018) for tests, located through {@code
 * ALPHAWEAVE_SHARED_DATA} or a {@code shared/data} folder beside an ancestor of the working
 * directory. Missing data fails the test (never skips). Loaded with the platform loader (its
 * documented repair rules) once per JVM.
 */
public final class SharedSp500 {
    private static MarketData cached;

    private SharedSp500() {}

    /** @return the located {@code all_stocks_5yr.csv.gz} */
    public static Path file() {
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env, "sp500", "all_stocks_5yr.csv.gz");
            if (Files.isRegularFile(p)) {
                return p;
            }
            throw new AssertionError("ALPHAWEAVE_SHARED_DATA=" + env + " has no sp500/all_stocks_5yr.csv.gz");
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/data/sp500/all_stocks_5yr.csv.gz");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new AssertionError("the shared S&P 500 data is missing: set ALPHAWEAVE_SHARED_DATA to the folder"
                + " holding sp500/all_stocks_5yr.csv.gz");
    }

    /** @return the panel, parsed once */
    public static synchronized MarketData load() {
        if (cached == null) {
            cached = parse(file());
        }
        return cached;
    }

    private static MarketData parse(Path file) {
        return MarketData.load(file);
    }
}
