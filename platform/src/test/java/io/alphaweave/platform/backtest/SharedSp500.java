package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.fail;

import io.alphaweave.platform.data.MarketData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/** The real S&amp;P 500 file (shared data set), read once per JVM; fails in CI when missing. */
final class SharedSp500 {
    private static MarketData all;

    private SharedSp500() {}

    static Path directory() {
        String env = System.getenv("ALPHAWEAVE_SHARED_DATA");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env, "sp500"));
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared/data/sp500"));
        }
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("all_stocks_5yr.csv.gz"))) {
                return c;
            }
        }
        return fail(
                "the shared S&P 500 data set is missing: set ALPHAWEAVE_SHARED_DATA (looked in " + candidates + ")");
    }

    static synchronized MarketData all() {
        if (all == null) {
            all = read();
        }
        return all;
    }

    /** The first {@code count} symbols (alphabetically) between two dates. */
    static MarketData subset(int count, LocalDate start, LocalDate end) {
        MarketData a = all();
        return a.select(a.symbols().subList(0, count)).between(start, end);
    }

    private static MarketData read() {
        Path dir = directory();
        TreeSet<LocalDate> dates = new TreeSet<>();
        Map<String, TreeMap<LocalDate, double[]>> rows = new TreeMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir.resolve("all_stocks_5yr.csv.gz"))),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length != 7 || f[1].isEmpty() || f[2].isEmpty() || f[3].isEmpty() || f[4].isEmpty()) {
                    continue; // the few incomplete rows of the file
                }
                LocalDate d = LocalDate.parse(f[0]);
                dates.add(d);
                rows.computeIfAbsent(f[6], k -> new TreeMap<>()).put(d, new double[] {
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]),
                    f[5].isEmpty() ? 0 : Double.parseDouble(f[5])
                });
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        LocalDate[] cal = dates.toArray(LocalDate[]::new);
        Map<LocalDate, Integer> index = new HashMap<>();
        for (int i = 0; i < cal.length; i++) {
            index.put(cal[i], i);
        }
        List<String> symbols = new ArrayList<>(rows.keySet());
        int n = symbols.size();
        double[][][] f = new double[5][n][cal.length];
        for (int s = 0; s < n; s++) {
            for (double[][] field : f) {
                java.util.Arrays.fill(field[s], Double.NaN);
            }
            for (var e : rows.get(symbols.get(s)).entrySet()) {
                int d = index.get(e.getKey());
                for (int j = 0; j < 5; j++) {
                    f[j][s][d] = e.getValue()[j];
                }
            }
        }
        Map<String, String> sectors = new HashMap<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("sp500_sectors_2018.csv"))) {
                String[] p = line.split(",");
                if (p.length >= 3 && !p[0].equals("Symbol")) {
                    sectors.put(p[0], p[p.length - 2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new MarketData(cal, symbols, f[0], f[1], f[2], f[3], f[4], null).withSectors(sectors);
    }
}
