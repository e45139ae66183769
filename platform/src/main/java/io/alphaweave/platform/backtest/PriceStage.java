package io.alphaweave.platform.backtest;

import io.alphaweave.api.MarketView;

/**
 * The replay's day-major window of opens and closes ({@code [(t − t0) · n + s]}), refilled every
 * {@value #DAYS} days. The window length does not depend on the number of symbols: each refill reads
 * one run of every symbol's rows, so the page walks per symbol-day stay the same at any panel width.
 */
final class PriceStage {
    /** Days per refill: 512 bytes of each row per run; 3 MB of window at 3,000 symbols. */
    static final int DAYS = 64;

    final double[] open;
    final double[] close;
    private final MarketView data;
    private final int n;
    private int t0 = -1;
    private int len;

    PriceStage(MarketView data) {
        this.data = data;
        this.n = data.symbolCount();
        int window = Math.min(DAYS, data.dayCount());
        open = new double[window * n];
        close = new double[window * n];
    }

    /** @return the offset of day t's row in {@link #open} and {@link #close}, refilling the window first if needed */
    int row(int t) {
        if (t < t0 || t >= t0 + len) {
            fill(t);
        }
        return (t - t0) * n;
    }

    private void fill(int from) {
        t0 = from;
        len = Math.min(DAYS, data.dayCount() - from);
        for (int s = 0; s < n; s++) {
            double[] o = data.open(s), c = data.close(s);
            for (int i = 0, at = s; i < len; i++, at += n) {
                open[at] = o[from + i];
                close[at] = c[from + i];
            }
        }
    }
}
