package io.alphaweave.api;

import java.time.LocalDate;
import java.util.List;

/**
 * Read-only columnar daily market data as a component sees it: a trading calendar, a symbol list,
 * and one {@code double[]} per field and symbol, indexed by calendar day, {@code NaN} where the
 * symbol has no bar. Implementations are thread-safe for reading.
 *
 * <p>The arrays returned are the host's own storage, handed out without copying for speed: callers
 * must never write to them. A view may be a truncated copy (the lookahead check recomputes signals
 * on data cut at day t and demands identical results up to t).
 */
public interface MarketView {

    /** @return the symbols, in column order; index {@code i} is the {@code symbol} argument below */
    List<String> symbols();

    /** @return the number of symbols */
    default int symbolCount() {
        return symbols().size();
    }

    /** @return the number of trading days in the calendar */
    int dayCount();

    /**
     * @param day calendar index, 0 ≤ day &lt; {@link #dayCount()}
     * @return the trading date of that index
     */
    LocalDate date(int day);

    /**
     * @param symbol a symbol name
     * @return its column index, or -1 if the view has no such symbol
     */
    int indexOf(String symbol);

    /**
     * @param symbol column index
     * @return opening prices by day, {@code NaN} where no bar; do not modify
     */
    double[] open(int symbol);

    /**
     * @param symbol column index
     * @return highs by day, {@code NaN} where no bar; do not modify
     */
    double[] high(int symbol);

    /**
     * @param symbol column index
     * @return lows by day, {@code NaN} where no bar; do not modify
     */
    double[] low(int symbol);

    /**
     * @param symbol column index
     * @return closing prices by day, {@code NaN} where no bar; do not modify
     */
    double[] close(int symbol);

    /**
     * @param symbol column index
     * @return volumes by day, {@code NaN} where no bar; do not modify
     */
    double[] volume(int symbol);

    /**
     * @param symbol column index
     * @return the symbol's sector (e.g. GICS sector name), or {@code null} when unknown
     */
    String sector(int symbol);

    /**
     * The symbol's own bars, gaps removed, in calendar order: what an event-driven engine feeding
     * this symbol alone would see. Indicators over a symbol are computed on these.
     *
     * @param symbol column index
     * @return a new compact series
     */
    default BarSeries bars(int symbol) {
        return BarSeries.compact(this, symbol);
    }

    /** @return the host's indicator kernels (fast, causal, NaN-aware) */
    Indicators indicators();
}
