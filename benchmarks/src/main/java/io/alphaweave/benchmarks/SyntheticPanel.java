package io.alphaweave.benchmarks;

import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic synthetic price panels (geometric random walks) for benchmarks. */
public final class SyntheticPanel {
    private SyntheticPanel() {}

    /**
     * A full panel: every symbol has a bar every weekday.
     *
     * @param symbols number of symbols
     * @param days number of trading days
     * @param seed random seed
     * @return the panel
     */
    public static MarketData generate(int symbols, int days, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LocalDate[] calendar = new LocalDate[days];
        LocalDate d = LocalDate.of(2000, 1, 3);
        for (int i = 0; i < days; i++) {
            while (d.getDayOfWeek().getValue() > 5) {
                d = d.plusDays(1);
            }
            calendar[i] = d;
            d = d.plusDays(1);
        }
        List<String> names = new ArrayList<>();
        double[][] o = new double[symbols][days],
                h = new double[symbols][days],
                l = new double[symbols][days],
                c = new double[symbols][days],
                v = new double[symbols][days];
        for (int s = 0; s < symbols; s++) {
            names.add(String.format("S%04d", s));
            double price = 20 + rnd.nextDouble() * 180;
            double vol = 0.01 + rnd.nextDouble() * 0.02;
            for (int t = 0; t < days; t++) {
                double open = price * (1 + vol * 0.3 * rnd.nextGaussian());
                double close = open * (1 + vol * rnd.nextGaussian());
                o[s][t] = open;
                c[s][t] = close;
                h[s][t] = Math.max(open, close) * (1 + vol * 0.5 * rnd.nextDouble());
                l[s][t] = Math.min(open, close) * (1 - vol * 0.5 * rnd.nextDouble());
                v[s][t] = 1e5 + rnd.nextInt(1_000_000);
                price = close;
            }
        }
        String[] sectors = new String[symbols];
        for (int s = 0; s < symbols; s++) {
            sectors[s] = "Sector" + (s % 11);
        }
        return new MarketData(calendar, names, o, h, l, c, v, sectors);
    }
}
