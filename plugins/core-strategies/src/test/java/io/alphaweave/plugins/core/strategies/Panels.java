package io.alphaweave.plugins.core.strategies;

import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;

/** Small hand-made panels: closes given, open = close, high/low bracket it, NaN = no bar. */
final class Panels {
    private Panels() {}

    static final LocalDate START = LocalDate.of(2021, 3, 1);

    static LocalDate day(int i) {
        return START.plusDays(i);
    }

    static MarketData closes(double[]... closes) {
        String[] names = new String[closes.length];
        for (int s = 0; s < names.length; s++) {
            names[s] = String.valueOf((char) ('A' + s));
        }
        return closes(List.of(names), closes, closes);
    }

    static MarketData closes(List<String> symbols, double[][] open, double[][] close) {
        int n = close.length, days = close[0].length;
        LocalDate[] cal = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            cal[d] = day(d);
        }
        double[][] o = new double[n][], h = new double[n][days], l = new double[n][days], v = new double[n][days];
        for (int s = 0; s < n; s++) {
            o[s] = open[s].clone();
            for (int d = 0; d < days; d++) {
                h[s][d] = Math.max(o[s][d], close[s][d]) + 0.5;
                l[s][d] = Math.min(o[s][d], close[s][d]) - 0.5;
                v[s][d] = Double.isNaN(close[s][d]) ? Double.NaN : 1000;
            }
        }
        double[][] c = new double[n][];
        for (int s = 0; s < n; s++) {
            c[s] = close[s].clone();
        }
        return new MarketData(cal, symbols, o, h, l, c, v, null);
    }
}
