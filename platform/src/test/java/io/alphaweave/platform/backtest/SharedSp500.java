package io.alphaweave.platform.backtest;

import io.alphaweave.platform.data.MarketData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The full S&amp;P 500 file (505 symbols, 2013–2018) for tests, located through {@code
 * ALPHAWEAVE_SHARED_DATA} or a {@code shared/data} folder beside an ancestor of the working
 * directory. Missing data fails the test (never skips). Rows with an empty field are dropped (a
 * handful in this file); parsed once per JVM.
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
        Map<String, TreeMap<LocalDate, double[]>> rows = new TreeMap<>();
        TreeSet<LocalDate> dates = new TreeSet<>();
        try (BufferedReader r = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",", -1);
                if (f.length != 7 || Arrays.stream(f).anyMatch(String::isEmpty)) {
                    continue;
                }
                LocalDate d = LocalDate.parse(f[0]);
                dates.add(d);
                rows.computeIfAbsent(f[6], k -> new TreeMap<>())
                        .put(d, new double[] {
                            Double.parseDouble(f[1]),
                            Double.parseDouble(f[2]),
                            Double.parseDouble(f[3]),
                            Double.parseDouble(f[4]),
                            Double.parseDouble(f[5])
                        });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalDate[] cal = dates.toArray(LocalDate[]::new);
        Map<LocalDate, Integer> idx = new TreeMap<>();
        for (int i = 0; i < cal.length; i++) {
            idx.put(cal[i], i);
        }
        List<String> symbols = new ArrayList<>(rows.keySet());
        int n = symbols.size();
        double[][][] f = new double[5][n][cal.length];
        for (int s = 0; s < n; s++) {
            for (double[][] field : f) {
                Arrays.fill(field[s], Double.NaN);
            }
            for (var e : rows.get(symbols.get(s)).entrySet()) {
                int d = idx.get(e.getKey());
                for (int k = 0; k < 5; k++) {
                    f[k][s][d] = e.getValue()[k];
                }
            }
        }
        return new MarketData(cal, symbols, f[0], f[1], f[2], f[3], f[4], null);
    }
}
