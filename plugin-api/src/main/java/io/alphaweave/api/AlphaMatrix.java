package io.alphaweave.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The columnar form of many signals of one strategy: alpha and confidence per symbol and calendar
 * day, {@code NaN} in both where the strategy has no view (warm-up, no bar). The host allocates it
 * and validates it after a strategy filled it. Distinct rows may be written concurrently, and so may
 * distinct days of one row (each thread writing only its own cells); a row's first access from any
 * thread sees it whole.
 *
 * <p>A row is allocated, full of {@code NaN}, on its first access: the strategy then writes into
 * memory that was just filled, still in the cache, instead of into a matrix prefilled long before.
 */
public final class AlphaMatrix {
    private static final VarHandle ROW = MethodHandles.arrayElementVarHandle(double[][].class);

    private final double[][] alpha;
    private final double[][] confidence;
    private final int days;

    /**
     * A matrix full of {@code NaN}.
     *
     * @param symbols number of symbols, ≥ 0
     * @param days number of calendar days, ≥ 0
     */
    public AlphaMatrix(int symbols, int days) {
        if (symbols < 0 || days < 0) {
            throw new IllegalArgumentException("symbols and days must be ≥ 0, were " + symbols + ", " + days);
        }
        this.days = days;
        this.alpha = new double[symbols][];
        this.confidence = new double[symbols][];
    }

    /** Row {@code symbol} of {@code rows}, allocated full of NaN by whichever thread comes first. */
    private double[] row(double[][] rows, int symbol) {
        double[] r = (double[]) ROW.getAcquire(rows, symbol);
        if (r != null) {
            return r;
        }
        double[] fresh = new double[days];
        Arrays.fill(fresh, Double.NaN);
        double[] won = (double[]) ROW.compareAndExchange(rows, symbol, (double[]) null, fresh);
        return won == null ? fresh : won;
    }

    /** @return number of symbols (rows) */
    public int symbolCount() {
        return alpha.length;
    }

    /** @return number of calendar days (columns) */
    public int dayCount() {
        return days;
    }

    /**
     * The writable alpha row of one symbol, for bulk strategies.
     *
     * @param symbol row
     * @return alpha by day, in [-1, 1] or {@code NaN}
     */
    public double[] alpha(int symbol) {
        return row(alpha, symbol);
    }

    /**
     * The writable confidence row of one symbol, for bulk strategies.
     *
     * @param symbol row
     * @return confidence by day, in [0, 1] or {@code NaN}
     */
    public double[] confidence(int symbol) {
        return row(confidence, symbol);
    }

    /**
     * Sets one cell.
     *
     * @param symbol row
     * @param day column
     * @param alphaScore in [-1, 1], or NaN for no view
     * @param conf in [0, 1], or NaN for no view
     */
    public void set(int symbol, int day, double alphaScore, double conf) {
        row(alpha, symbol)[day] = alphaScore;
        row(confidence, symbol)[day] = conf;
    }

    /**
     * Checks every cell: alpha in [-1, 1], confidence in [0, 1], and both NaN or both numbers.
     *
     * @param owner who filled the matrix, for the message
     * @param view the data, to name the symbol and day of a bad cell
     * @throws InvalidSignalException at the first bad cell, naming symbol, date, field and value
     */
    public void validate(String owner, MarketView view) {
        validate(owner, view, 0, alpha.length);
    }

    /**
     * {@link #validate(String, MarketView)} on the rows {@code fromSymbol} … {@code toSymbol − 1}
     * only, so that a host can check distinct rows on several threads.
     *
     * @param owner who filled the matrix, for the message
     * @param view the data, to name the symbol and day of a bad cell
     * @param fromSymbol first row, in [0, symbolCount]
     * @param toSymbol row after the last, in [fromSymbol, symbolCount]
     * @throws InvalidSignalException at the first bad cell of those rows
     */
    public void validate(String owner, MarketView view, int fromSymbol, int toSymbol) {
        if (fromSymbol < 0 || toSymbol < fromSymbol || toSymbol > alpha.length) {
            throw new IndexOutOfBoundsException("rows [" + fromSymbol + ", " + toSymbol + ") must lie in [0, "
                    + alpha.length + "] with fromSymbol ≤ toSymbol");
        }
        for (int s = fromSymbol; s < toSymbol; s++) {
            double[] a = (double[]) ROW.getAcquire(alpha, s), c = (double[]) ROW.getAcquire(confidence, s);
            if (a == null && c == null) {
                continue; // never touched: no view anywhere
            }
            a = alpha(s);
            c = confidence(s);
            for (int d = 0; d < days; d++) {
                double x = a[d], y = c[d];
                boolean ok = Double.isNaN(x) ? Double.isNaN(y) : x >= -1.0 && x <= 1.0 && y >= 0.0 && y <= 1.0;
                if (!ok) {
                    throw new InvalidSignalException(owner + " emitted alphaScore=" + x + ", confidence=" + y
                            + " for " + view.symbols().get(s) + " on " + view.date(d)
                            + ": alphaScore must be in [-1, 1], confidence in [0, 1], and both NaN or neither");
                }
            }
        }
    }
}
