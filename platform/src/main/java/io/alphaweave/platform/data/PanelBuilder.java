package io.alphaweave.platform.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects rows of many symbols, applies the defect rules of {@link DataDefect.Kind} row by row,
 * and builds the columnar panel with its calendar (the union of all dates) and the calendar-based
 * defects (gaps, jumps). Not thread-safe; one instance per load.
 */
final class PanelBuilder {
    /** A one-day move beyond this (as |r|) is a suspicious jump. */
    static final double JUMP_THRESHOLD = 0.40;
    /** Both legs of a spike reversal move at least this much (as |r|). */
    static final double SPIKE_LEG = 0.15;
    /** A spike reversal ends within this distance of the close before the spike. */
    static final double SPIKE_RETURN = 0.10;

    private final List<String> sources = new ArrayList<>();
    private final List<Series> series = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<DataDefect> defects = new ArrayList<>();
    private final List<BadRow> badRows = new ArrayList<>();
    private final LoadOptions options;
    private long rows;

    /** @param options whether bad rows stop the load or are dropped, and how many an error lists */
    PanelBuilder(LoadOptions options) {
        this.options = options;
    }

    /** One symbol's rows in arrival (= date) order. */
    private static final class Series {
        final String symbol;
        String file;
        int n;
        int[] day = new int[256]; // epoch day
        int[] line = new int[256];
        double[] o = new double[256],
                h = new double[256],
                l = new double[256],
                c = new double[256],
                v = new double[256];

        Series(String symbol) {
            this.symbol = symbol;
        }

        void grow() {
            int cap = day.length * 2;
            day = Arrays.copyOf(day, cap);
            line = Arrays.copyOf(line, cap);
            o = Arrays.copyOf(o, cap);
            h = Arrays.copyOf(h, cap);
            l = Arrays.copyOf(l, cap);
            c = Arrays.copyOf(c, cap);
            v = Arrays.copyOf(v, cap);
        }
    }

    void addSource(String file) {
        sources.add(file);
    }

    /**
     * @param symbol a symbol name
     * @return its id, creating it on first sight
     */
    int symbolId(String symbol) {
        Integer id = ids.get(symbol);
        if (id == null) {
            id = series.size();
            ids.put(symbol, id);
            series.add(new Series(symbol));
        }
        return id;
    }

    /** Records a row that cannot be read (see {@link BadRow}); {@link #build} decides whether that stops the load. */
    void badRow(String file, int line, String reason) {
        rows++;
        badRows.add(new BadRow(file, line, reason));
    }

    /**
     * Adds one row; {@code NaN} stands for an empty field. Applies the row rules. A date that
     * repeats or goes backwards for the symbol makes the row a {@link BadRow} (the earlier row is
     * kept).
     */
    void add(int id, int epochDay, double o, double h, double l, double c, double v, String file, int line) {
        rows++;
        Series s = series.get(id);
        s.file = file;
        int n = s.n;
        if (n > 0) {
            int last = s.day[n - 1];
            if (epochDay <= last) {
                String what = epochDay == last
                        ? "field 'date' repeats " + LocalDate.ofEpochDay(epochDay) + " for " + s.symbol
                                + " (first on line " + s.line[n - 1] + "; remove the duplicate row)"
                        : "field 'date' is out of order for " + s.symbol + ": " + LocalDate.ofEpochDay(epochDay)
                                + " follows " + LocalDate.ofEpochDay(last) + " on line " + s.line[n - 1]
                                + " (rows of one symbol must be in ascending date order; sort the file)";
                badRows.add(new BadRow(file, line, what)); // already counted as a row above
                return;
            }
        }
        if (Double.isNaN(c)) {
            defect(DataDefect.Kind.EMPTY_CLOSE, s.symbol, epochDay, file, line, "close is empty");
            return;
        }
        if (o <= 0 || h <= 0 || l <= 0 || c <= 0) {
            defect(
                    DataDefect.Kind.NON_POSITIVE_PRICE,
                    s.symbol,
                    epochDay,
                    file,
                    line,
                    String.format(
                            Locale.ROOT,
                            "open=%s high=%s low=%s close=%s: prices must be > 0",
                            num(o),
                            num(h),
                            num(l),
                            num(c)));
            return;
        }
        if (v < 0) {
            defect(
                    DataDefect.Kind.NEGATIVE_VOLUME,
                    s.symbol,
                    epochDay,
                    file,
                    line,
                    "volume=" + num(v) + " is negative");
            return;
        }
        if (Double.isNaN(o) || Double.isNaN(h) || Double.isNaN(l)) {
            StringBuilder empty = new StringBuilder();
            if (Double.isNaN(o)) {
                empty.append("open");
                o = c;
            }
            if (Double.isNaN(h)) {
                empty.append(empty.isEmpty() ? "" : ", ").append("high");
                h = Math.max(o, c);
            }
            if (Double.isNaN(l)) {
                empty.append(empty.isEmpty() ? "" : ", ").append("low");
                l = Math.min(o, c);
            }
            defect(
                    DataDefect.Kind.EMPTY_PRICE,
                    s.symbol,
                    epochDay,
                    file,
                    line,
                    String.format(
                            Locale.ROOT,
                            "empty %s; set open=%s high=%s low=%s (close=%s)",
                            empty,
                            num(o),
                            num(h),
                            num(l),
                            num(c)));
        }
        if (Double.isNaN(v)) {
            defect(DataDefect.Kind.EMPTY_VOLUME, s.symbol, epochDay, file, line, "volume is empty");
        } else if (v == 0) {
            defect(DataDefect.Kind.ZERO_VOLUME, s.symbol, epochDay, file, line, "volume is 0");
        }
        double hi = Math.max(Math.max(o, c), Math.max(h, l)), lo = Math.min(Math.min(o, c), Math.min(h, l));
        if (hi != h || lo != l) {
            defect(
                    DataDefect.Kind.HIGH_LOW_INCONSISTENT,
                    s.symbol,
                    epochDay,
                    file,
                    line,
                    String.format(
                            Locale.ROOT,
                            "open=%s high=%s low=%s close=%s; set high=%s low=%s",
                            num(o),
                            num(h),
                            num(l),
                            num(c),
                            num(hi),
                            num(lo)));
            h = hi;
            l = lo;
        }
        if (n == s.day.length) {
            s.grow();
        }
        s.day[n] = epochDay;
        s.line[n] = line;
        s.o[n] = o;
        s.h[n] = h;
        s.l[n] = l;
        s.c[n] = c;
        s.v[n] = v;
        s.n = n + 1;
    }

    /**
     * Builds the panel: calendar = every date on which at least one symbol has a bar.
     *
     * @param sectors symbol → sector, or null for none (then no MISSING_SECTOR defects)
     * @param sectorFile the sector file's name, for MISSING_SECTOR defects
     */
    MarketData build(Map<String, String> sectors, String sectorFile) {
        List<BadRow> bad = new ArrayList<>(badRows);
        bad.sort(Comparator.comparing(BadRow::file).thenComparingInt(BadRow::line));
        if (!bad.isEmpty() && !options.dropBadRows()) {
            throw new BadRowsException(bad, options.maxListed());
        }
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
        for (Series s : series) {
            if (s.n > 0) {
                min = Math.min(min, s.day[0]);
                max = Math.max(max, s.day[s.n - 1]);
            }
        }
        if (min > max) {
            throw new DataFormatException(String.join(", ", sources) + ": no usable bars: every row was dropped ("
                    + (rows - bad.size()) + " by the defect rules — empty close, a price ≤ 0 or a negative volume"
                    + (bad.isEmpty() ? "" : "; " + bad.size() + " unreadable, dropped as asked") + ")");
        }
        boolean[] traded = new boolean[max - min + 1];
        for (Series s : series) {
            for (int i = 0; i < s.n; i++) {
                traded[s.day[i] - min] = true;
            }
        }
        int[] index = new int[traded.length];
        int days = 0;
        for (int i = 0; i < traded.length; i++) {
            index[i] = traded[i] ? days++ : -1;
        }
        LocalDate[] calendar = new LocalDate[days];
        for (int i = 0; i < traded.length; i++) {
            if (traded[i]) {
                calendar[index[i]] = LocalDate.ofEpochDay(min + i);
            }
        }
        List<Series> kept = series.stream().filter(s -> s.n > 0).toList();
        int k = kept.size();
        double[][] o = new double[k][],
                h = new double[k][],
                l = new double[k][],
                c = new double[k][],
                v = new double[k][];
        String[] sec = sectors == null ? null : new String[k];
        List<String> names = new ArrayList<>(k);
        for (int si = 0; si < k; si++) {
            Series s = kept.get(si);
            names.add(s.symbol);
            double[] oo = nanRow(days), hh = nanRow(days), ll = nanRow(days), cc = nanRow(days), vv = nanRow(days);
            for (int i = 0; i < s.n; i++) {
                int d = index[s.day[i] - min];
                oo[d] = s.o[i];
                hh[d] = s.h[i];
                ll[d] = s.l[i];
                cc[d] = s.c[i];
                vv[d] = s.v[i];
            }
            o[si] = oo;
            h[si] = hh;
            l[si] = ll;
            c[si] = cc;
            v[si] = vv;
            findGaps(s, index, min, calendar);
            findJumps(s);
            if (sectors != null) {
                sec[si] = sectors.get(s.symbol);
                if (sec[si] == null) {
                    defect(
                            DataDefect.Kind.MISSING_SECTOR,
                            s.symbol,
                            s.day[0],
                            s.file,
                            s.line[0],
                            "no entry in " + sectorFile);
                }
            }
        }
        List<DataDefect> sorted = new ArrayList<>(defects);
        sorted.sort(Comparator.comparing(DataDefect::file)
                .thenComparingInt(DataDefect::line)
                .thenComparing(DataDefect::kind));
        return new MarketData(calendar, names, o, h, l, c, v, sec, new DataQualityReport(sources, rows, sorted, bad));
    }

    private void findGaps(Series s, int[] index, int min, LocalDate[] calendar) {
        for (int i = 1; i < s.n; i++) {
            int from = index[s.day[i - 1] - min], to = index[s.day[i] - min];
            for (int d = from + 1; d < to; d++) {
                defect(
                        DataDefect.Kind.MISSING_DAY,
                        s.symbol,
                        (int) calendar[d].toEpochDay(),
                        s.file,
                        s.line[i],
                        "no bar between " + LocalDate.ofEpochDay(s.day[i - 1]) + " (line " + s.line[i - 1] + ") and "
                                + LocalDate.ofEpochDay(s.day[i]) + " although other symbols traded");
            }
        }
    }

    private void findJumps(Series s) {
        double[] c = s.c;
        for (int i = 1; i < s.n; i++) {
            double r = c[i] / c[i - 1] - 1;
            if (i + 1 < s.n) {
                double back = c[i + 1] / c[i] - 1;
                if (Math.abs(r) >= SPIKE_LEG
                        && Math.abs(back) >= SPIKE_LEG
                        && r * back < 0
                        && Math.abs(c[i + 1] / c[i - 1] - 1) <= SPIKE_RETURN) {
                    defect(
                            DataDefect.Kind.SPIKE_REVERSAL,
                            s.symbol,
                            s.day[i],
                            s.file,
                            s.line[i],
                            String.format(
                                    Locale.ROOT,
                                    "close %s -> %s (%+.1f%%) -> %s (%+.1f%%) on %s",
                                    num(c[i - 1]),
                                    num(c[i]),
                                    100 * r,
                                    num(c[i + 1]),
                                    100 * back,
                                    LocalDate.ofEpochDay(s.day[i + 1])));
                    i++; // the reversal day is part of the same spike
                    continue;
                }
            }
            if (Math.abs(r) > JUMP_THRESHOLD) {
                defect(
                        DataDefect.Kind.SUSPICIOUS_JUMP,
                        s.symbol,
                        s.day[i],
                        s.file,
                        s.line[i],
                        String.format(
                                Locale.ROOT,
                                "close %s -> %s (%+.1f%%) since %s",
                                num(c[i - 1]),
                                num(c[i]),
                                100 * r,
                                LocalDate.ofEpochDay(s.day[i - 1])));
            }
        }
    }

    private void defect(DataDefect.Kind kind, String symbol, int epochDay, String file, int line, String reason) {
        defects.add(new DataDefect(kind, symbol, LocalDate.ofEpochDay(epochDay), file, line, reason));
    }

    private static double[] nanRow(int days) {
        double[] row = new double[days];
        Arrays.fill(row, Double.NaN);
        return row;
    }

    private static String num(double x) {
        if (Double.isNaN(x)) {
            return "empty";
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}
