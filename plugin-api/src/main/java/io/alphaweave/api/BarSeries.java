package io.alphaweave.api;

import java.util.Objects;

/**
 * One symbol's own bars with the days it has no bar removed, plus where each bar sits in the
 * calendar. All arrays have the same length; treat them as read-only.
 *
 * @param days calendar index of each bar (strictly increasing)
 * @param open opening prices
 * @param high highs
 * @param low lows
 * @param close closing prices
 * @param volume volumes
 */
public record BarSeries(int[] days, double[] open, double[] high, double[] low, double[] close, double[] volume) {

    /** Checks the arrays are present and of one length. */
    public BarSeries {
        Objects.requireNonNull(days, "days");
        int n = days.length;
        if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
            throw new IllegalArgumentException("all BarSeries arrays must have length " + n);
        }
    }

    /** @return the number of bars */
    public int length() {
        return days.length;
    }

    /**
     * Spreads per-bar values back onto the calendar: {@code out[days[i]] = values[i]}, {@code NaN}
     * on days without a bar.
     *
     * @param values one value per bar
     * @param dayCount calendar length
     * @return a new calendar-indexed array
     */
    public double[] toCalendar(double[] values, int dayCount) {
        if (values.length != days.length) {
            throw new IllegalArgumentException(
                    "values must have one entry per bar (" + days.length + "), had " + values.length);
        }
        double[] out = new double[dayCount];
        java.util.Arrays.fill(out, Double.NaN);
        for (int i = 0; i < days.length; i++) {
            out[days[i]] = values[i];
        }
        return out;
    }

    /**
     * Builds the compact series of one symbol of a view: a day has a bar when its close is a number.
     *
     * @param view the data
     * @param symbol column index
     * @return the compact series
     */
    public static BarSeries compact(MarketView view, int symbol) {
        double[] o = view.open(symbol),
                h = view.high(symbol),
                l = view.low(symbol),
                c = view.close(symbol),
                v = view.volume(symbol);
        int n = view.dayCount(), count = 0;
        for (int d = 0; d < n; d++) {
            if (!Double.isNaN(c[d])) {
                count++;
            }
        }
        int[] days = new int[count];
        double[] oo = new double[count],
                hh = new double[count],
                ll = new double[count],
                cc = new double[count],
                vv = new double[count];
        for (int d = 0, i = 0; d < n; d++) {
            if (!Double.isNaN(c[d])) {
                days[i] = d;
                oo[i] = o[d];
                hh[i] = h[d];
                ll[i] = l[d];
                cc[i] = c[d];
                vv[i] = v[d];
                i++;
            }
        }
        return new BarSeries(days, oo, hh, ll, cc, vv);
    }
}
