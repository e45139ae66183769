package io.alphaweave.platform.data;

import io.alphaweave.api.Indicators;
import io.alphaweave.api.MarketView;
import io.alphaweave.platform.indicators.IndicatorKernels;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The columnar daily panel: a trading calendar, a symbol list and one {@code double[day]} per field
 * and symbol, {@code NaN} where a symbol has no bar; optionally a sector per symbol. Immutable after
 * construction (the arrays are owned by the panel and handed out read-only), so it is safe to share
 * between threads.
 *
 * <p><b>Loading.</b> {@link #load(Path)} reads a long CSV ({@code date,open,high,low,close,volume,Name},
 * plain or gzip — detected by the magic bytes, not the extension), a Yahoo-style per-symbol CSV
 * ({@code Date,Open,High,Low,Close,Adj Close,Volume}, any file extension, symbol given or from the
 * file name by {@link #symbolFromFileName}, {@code Adj Close} optional and ignored so prices are
 * split- but not dividend-adjusted like the long file) or a directory of {@code *.csv} / {@code
 * *.csv.gz} per-symbol files. The calendar is the union of all dates in the input. An unreadable
 * file (missing, empty, a header without the needed columns) raises a {@link DataFormatException}
 * naming file, line and cause. Unreadable rows ({@link BadRow}: a wrong number of fields, a value
 * that is not a number or date, an empty symbol, dates repeating or out of order within a symbol)
 * are all collected: the load then fails with a {@link BadRowsException} listing every one, or,
 * with {@link LoadOptions#dropBadRows()}, drops them and lists them in {@link #quality()}.
 * Recoverable defects are handled by fixed rules and listed in {@link #quality()}:
 *
 * <ul>
 *   <li>empty open/high/low: open := close; an empty high := max(open, close), an empty low :=
 *       min(open, close) — repaired, reported;
 *   <li>empty close, a price ≤ 0, a negative volume: the row is dropped (no bar that day), reported;
 *   <li>empty volume: kept as {@code NaN}; zero volume: kept; both reported;
 *   <li>high/low not containing open and close (or high &lt; low): high := max(o, h, l, c), low :=
 *       min(o, h, l, c) — repaired, reported;
 *   <li>a calendar day without a bar between a symbol's first and last bar: no bar ({@code NaN}),
 *       reported per missing day;
 *   <li>a spike that reverses (close moves ≥ 15%, the next close moves ≥ 15% back to within 10% of
 *       the close before): kept, reported as a suspected bad print;
 *   <li>any other one-day close move with |r| &gt; 40%: kept, reported as a suspicious jump;
 *   <li>a symbol missing from the sector file: kept with sector {@code null}, reported.
 * </ul>
 *
 * The rules run in that order on each row; all checks see the repaired values.
 */
public final class MarketData implements MarketView {
    private final LocalDate[] calendar;
    private final List<String> symbols;
    private final Map<String, Integer> index;
    private final double[][] open;
    private final double[][] high;
    private final double[][] low;
    private final double[][] close;
    private final double[][] volume;
    private final String[] sectors;
    private final DataQualityReport quality;
    /** 0 … dayCount−1: the days of a symbol with a bar every day (shared by its {@link #bars}). */
    private final int[] everyDay;

    /**
     * Builds a panel; the arrays are taken over, not copied — callers must not keep writing to them.
     *
     * @param calendar strictly increasing trading dates
     * @param symbols distinct symbol names
     * @param open [symbol][day]
     * @param high [symbol][day]
     * @param low [symbol][day]
     * @param close [symbol][day]; NaN means no bar
     * @param volume [symbol][day]
     * @param sectors sector per symbol (entries may be null), or null for none
     */
    public MarketData(
            LocalDate[] calendar,
            List<String> symbols,
            double[][] open,
            double[][] high,
            double[][] low,
            double[][] close,
            double[][] volume,
            String[] sectors) {
        this(calendar, symbols, open, high, low, close, volume, sectors, DataQualityReport.none());
    }

    /** As the public constructor, plus the quality report of the files the panel came from. */
    MarketData(
            LocalDate[] calendar,
            List<String> symbols,
            double[][] open,
            double[][] high,
            double[][] low,
            double[][] close,
            double[][] volume,
            String[] sectors,
            DataQualityReport quality) {
        this.quality = Objects.requireNonNull(quality, "quality");
        this.calendar = Objects.requireNonNull(calendar, "calendar").clone();
        this.everyDay = new int[calendar.length];
        Arrays.setAll(everyDay, d -> d);
        this.symbols = List.copyOf(symbols);
        int n = this.symbols.size();
        for (int d = 1; d < calendar.length; d++) {
            if (!calendar[d].isAfter(calendar[d - 1])) {
                throw new IllegalArgumentException(
                        "calendar must be strictly increasing, " + calendar[d] + " follows " + calendar[d - 1]);
            }
        }
        for (double[][] field : List.of(open, high, low, close, volume)) {
            if (field.length != n) {
                throw new IllegalArgumentException(
                        "each field needs one row per symbol (" + n + "), had " + field.length);
            }
            for (double[] row : field) {
                if (row.length != calendar.length) {
                    throw new IllegalArgumentException(
                            "each row needs one value per day (" + calendar.length + "), had " + row.length);
                }
            }
        }
        this.index = new HashMap<>(n * 2);
        for (int s = 0; s < n; s++) {
            if (index.put(this.symbols.get(s), s) != null) {
                throw new IllegalArgumentException("symbols must be distinct, " + this.symbols.get(s) + " repeats");
            }
        }
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.sectors = sectors == null ? new String[n] : sectors.clone();
        if (this.sectors.length != n) {
            throw new IllegalArgumentException(
                    "sectors needs one entry per symbol (" + n + "), had " + this.sectors.length);
        }
    }

    /**
     * Loads a long CSV (plain or gzip), a Yahoo-style per-symbol CSV, or a directory of per-symbol
     * files; see the class description for the defect rules.
     *
     * @param path the file or directory
     * @return the panel, without sectors; its {@link #quality()} lists every defect
     * @throws DataFormatException when the input cannot be read (one line: file, line, field, fix)
     */
    public static MarketData load(Path path) {
        return MarketDataLoader.load(path, null, LoadOptions.DEFAULT);
    }

    /**
     * Loads market data with explicit options: the symbol of a per-symbol file, and whether rows
     * that cannot be read stop the load (listing every one) or are dropped (and listed in {@link
     * DataQualityReport#badRows()}).
     *
     * @param path the data file or directory
     * @param sectorFile the sector file, or null for none
     * @param options see {@link LoadOptions}
     * @return the panel
     * @throws BadRowsException when rows cannot be read and {@code options} do not drop them
     * @throws DataFormatException when the input cannot be read at all
     */
    public static MarketData load(Path path, Path sectorFile, LoadOptions options) {
        return MarketDataLoader.load(path, sectorFile, options);
    }

    /**
     * The symbol a per-symbol file (one without a {@code Name} column) holds when none is given:
     * drop a final {@code .gz}, then the final extension (whatever follows the last '.'), then
     * everything from the first '-' or '_' followed by a digit (a year or date range), and
     * upper-case the rest. {@code AAPL.csv} → AAPL, {@code orcl-1995-2014.txt} → ORCL, {@code
     * brk-b.csv.gz} → BRK-B, {@code BRK.B.csv} → BRK.B.
     *
     * @param fileName a file name without directories
     * @return the symbol, or null when nothing is left (then the symbol must be given)
     */
    public static String symbolFromFileName(String fileName) {
        return MarketDataLoader.symbolFromFileName(fileName);
    }

    /**
     * Loads market data and assigns sectors from a sector file ({@code Symbol,Name,Sector,...}; see
     * {@link #loadSectors}). Symbols without a sector entry keep sector {@code null} and are
     * reported as {@link DataDefect.Kind#MISSING_SECTOR}.
     *
     * @param path the data file or directory
     * @param sectorFile the sector file
     * @return the panel with sectors
     * @throws DataFormatException when either input cannot be read
     */
    public static MarketData load(Path path, Path sectorFile) {
        return MarketDataLoader.load(path, sectorFile, LoadOptions.DEFAULT);
    }

    /**
     * Loads one CSV (long or Yahoo format, plain or gzip) from a stream, e.g. a class-path resource
     * or an upload. The stream is read to its end but not closed.
     *
     * @param in the bytes
     * @param name the name used in messages and, for a Yahoo file, the symbol ({@code AAPL.csv})
     * @return the panel
     * @throws DataFormatException when the input cannot be read
     */
    public static MarketData load(InputStream in, String name) {
        return MarketDataLoader.load(in, name, LoadOptions.DEFAULT);
    }

    /**
     * Reads a sector map: a CSV whose header names a {@code Symbol} and a {@code Sector} column
     * (any order, case-insensitive, other columns ignored, double quotes allowed).
     *
     * @param file the sector file
     * @return symbol → sector, in file order
     * @throws DataFormatException on a missing or empty file, a header without those columns, an
     *     empty symbol or sector, or a repeated symbol
     */
    public static Map<String, String> loadSectors(Path file) {
        return MarketDataLoader.loadSectors(file);
    }

    /**
     * @return the defects found when this panel's data was loaded (shared by panels derived with
     *     {@link #select}, {@link #between}, {@link #truncate} and {@link #withSectors}); {@link
     *     DataQualityReport#none()} for panels built in memory
     */
    public DataQualityReport quality() {
        return quality;
    }

    @Override
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public int dayCount() {
        return calendar.length;
    }

    @Override
    public LocalDate date(int day) {
        return calendar[day];
    }

    /** @return a copy of the trading calendar */
    public LocalDate[] calendar() {
        return calendar.clone();
    }

    @Override
    public int indexOf(String symbol) {
        Integer i = index.get(symbol);
        return i == null ? -1 : i;
    }

    @Override
    public double[] open(int symbol) {
        return open[symbol];
    }

    @Override
    public double[] high(int symbol) {
        return high[symbol];
    }

    @Override
    public double[] low(int symbol) {
        return low[symbol];
    }

    @Override
    public double[] close(int symbol) {
        return close[symbol];
    }

    /**
     * The symbol's compact series. For a symbol with a bar every day the series shares the panel's
     * own (read-only) columns instead of copying them — the same values as {@link
     * io.alphaweave.api.BarSeries#compact}, without a copy of the symbol per strategy and run.
     */
    @Override
    public io.alphaweave.api.BarSeries bars(int symbol) {
        double[] c = close[symbol];
        for (double x : c) {
            if (Double.isNaN(x)) {
                return io.alphaweave.api.BarSeries.compact(this, symbol);
            }
        }
        return new io.alphaweave.api.BarSeries(everyDay, open[symbol], high[symbol], low[symbol], c, volume[symbol]);
    }

    @Override
    public double[] volume(int symbol) {
        return volume[symbol];
    }

    @Override
    public String sector(int symbol) {
        return sectors[symbol];
    }

    @Override
    public Indicators indicators() {
        return IndicatorKernels.INSTANCE;
    }

    /** @return the number of (symbol, day) cells that hold a bar */
    public long barCount() {
        long count = 0;
        for (double[] row : close) {
            for (double c : row) {
                if (!Double.isNaN(c)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * The same panel cut after {@code lastDay}: what was known at that day's close.
     *
     * @param lastDay the last calendar index kept, inclusive
     * @return a new panel with copied arrays
     */
    public MarketData truncate(int lastDay) {
        if (lastDay < 0 || lastDay >= calendar.length) {
            throw new IllegalArgumentException("lastDay must be in [0, " + calendar.length + "), was " + lastDay);
        }
        return sliceDays(0, lastDay + 1);
    }

    /**
     * The days from {@code start} to {@code end} inclusive (either may fall between trading days).
     *
     * @param start first date kept, or null for the beginning
     * @param end last date kept, or null for the end
     * @return a new panel with copied arrays (possibly with no days)
     */
    public MarketData between(LocalDate start, LocalDate end) {
        int from = 0, to = calendar.length;
        while (start != null && from < to && calendar[from].isBefore(start)) {
            from++;
        }
        while (end != null && to > from && calendar[to - 1].isAfter(end)) {
            to--;
        }
        return sliceDays(from, to);
    }

    /**
     * A panel with only the given symbols, in the given order; days where none of them has a bar are
     * kept (the calendar is shared).
     *
     * @param wanted symbols present in this panel
     * @return a new panel sharing no arrays with this one
     * @throws IllegalArgumentException naming the first unknown symbol
     */
    public MarketData select(List<String> wanted) {
        int n = wanted.size();
        double[][] o = new double[n][],
                h = new double[n][],
                l = new double[n][],
                c = new double[n][],
                v = new double[n][];
        String[] sec = new String[n];
        for (int i = 0; i < n; i++) {
            int s = indexOf(wanted.get(i));
            if (s < 0) {
                throw new IllegalArgumentException("symbol " + wanted.get(i) + " is not in the data");
            }
            o[i] = open[s].clone();
            h[i] = high[s].clone();
            l[i] = low[s].clone();
            c[i] = close[s].clone();
            v[i] = volume[s].clone();
            sec[i] = sectors[s];
        }
        return new MarketData(calendar, wanted, o, h, l, c, v, sec, quality);
    }

    /**
     * The same panel with sectors assigned from a map; symbols missing from the map get none.
     *
     * @param sectorBySymbol symbol → sector
     * @return a new panel sharing the price arrays
     */
    public MarketData withSectors(Map<String, String> sectorBySymbol) {
        String[] sec = new String[symbols.size()];
        for (int s = 0; s < sec.length; s++) {
            sec[s] = sectorBySymbol.get(symbols.get(s));
        }
        return new MarketData(calendar, symbols, open, high, low, close, volume, sec, quality);
    }

    private MarketData sliceDays(int from, int to) {
        int n = symbols.size();
        double[][] o = new double[n][],
                h = new double[n][],
                l = new double[n][],
                c = new double[n][],
                v = new double[n][];
        for (int s = 0; s < n; s++) {
            o[s] = Arrays.copyOfRange(open[s], from, to);
            h[s] = Arrays.copyOfRange(high[s], from, to);
            l[s] = Arrays.copyOfRange(low[s], from, to);
            c[s] = Arrays.copyOfRange(close[s], from, to);
            v[s] = Arrays.copyOfRange(volume[s], from, to);
        }
        return new MarketData(Arrays.copyOfRange(calendar, from, to), symbols, o, h, l, c, v, sectors, quality);
    }
}
