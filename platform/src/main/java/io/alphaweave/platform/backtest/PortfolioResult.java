package io.alphaweave.platform.backtest;

import io.alphaweave.api.MarketView;
import io.alphaweave.platform.evaluation.ReturnSeries;
import io.alphaweave.platform.portfolio.BindingConstraint;
import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of one portfolio backtest: per trading day of the period the equity (marked at the
 * close), cash, gross book, traded value, daily return and each strategy's contribution to it; the
 * fills; the rebalance days and the constraints that bound. The data may begin before the period
 * (warm-up bars for the strategies' indicators, {@link #firstDay()}); per-day arrays cover the
 * period only — entry i is calendar day {@code firstDay() + i} of {@link #data()} — and the first
 * day's return is measured against the starting capital. Calendar indexes (fills, rebalance days)
 * refer to {@link #data()}. Read-only: accessors return copies.
 */
public final class PortfolioResult {
    private final MarketView data;
    private final PortfolioSetup setup;
    private final double[] equity;
    private final double[] cash;
    private final double[] grossBook;
    private final double[] tradedValue;
    private final double[] returns;
    private final double[][] contributions;
    private final PortfolioTradeLog trades;
    private final int[] rebalanceDays;
    private final List<BindingConstraint> binding;
    private final int firstDay;
    private final long signalNanos;
    private final long loopNanos;

    PortfolioResult(
            MarketView data,
            PortfolioSetup setup,
            double[] equity,
            double[] cash,
            double[] grossBook,
            double[] tradedValue,
            double[] returns,
            double[][] contributions,
            PortfolioTradeLog trades,
            int[] rebalanceDays,
            List<BindingConstraint> binding,
            int firstDay,
            long signalNanos,
            long loopNanos) {
        this.data = data;
        this.setup = setup;
        this.equity = equity;
        this.cash = cash;
        this.grossBook = grossBook;
        this.tradedValue = tradedValue;
        this.returns = returns;
        this.contributions = contributions;
        this.trades = trades;
        this.rebalanceDays = rebalanceDays;
        this.binding = List.copyOf(binding);
        this.firstDay = firstDay;
        this.signalNanos = signalNanos;
        this.loopNanos = loopNanos;
    }

    /** @return the setup that produced this result */
    public PortfolioSetup setup() {
        return setup;
    }

    /** @return the market data the run replayed */
    public MarketView data() {
        return data;
    }

    /** @return the trading dates, one per entry of the per-day arrays */
    public LocalDate[] dates() {
        LocalDate[] d = new LocalDate[data.dayCount() - firstDay];
        for (int i = 0; i < d.length; i++) {
            d[i] = data.date(firstDay + i);
        }
        return d;
    }

    /** @return the calendar index in {@link #data()} of the period's first day (0 without warm-up) */
    public int firstDay() {
        return firstDay;
    }

    private double[] slice(double[] perDay) {
        return java.util.Arrays.copyOfRange(perDay, firstDay, perDay.length);
    }

    /** @return equity at each day's close: cash + Σ shares × last close */
    public double[] equity() {
        return slice(equity);
    }

    /** @return cash at each day's close (negative when costs or gaps overdraw a fully invested book) */
    public double[] cash() {
        return slice(cash);
    }

    /** @return Σ|shares × last close| at each day's close */
    public double[] grossBook() {
        return slice(grossBook);
    }

    /** @return Σ|quantity × fill price| traded each day */
    public double[] tradedValue() {
        return slice(tradedValue);
    }

    /** @return the daily simple returns (NaN-free) */
    public double[] returns() {
        return slice(returns);
    }

    /** @return the daily returns as a dated series for the evaluator */
    public ReturnSeries returnSeries() {
        return new ReturnSeries(dates(), slice(returns));
    }

    /**
     * @return [strategy][day] each strategy's contribution to the day's return; the rows sum to the
     *     daily return (up to rounding)
     */
    public double[][] contributions() {
        double[][] c = new double[contributions.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = slice(contributions[i]);
        }
        return c;
    }

    /** @return the fills with their attribution */
    public PortfolioTradeLog trades() {
        return trades;
    }

    /** @return the calendar indexes of the rebalance (decision) days */
    public int[] rebalanceDays() {
        return rebalanceDays.clone();
    }

    /** @return every constraint that bound, in date order */
    public List<BindingConstraint> bindingConstraints() {
        return binding;
    }

    /** @return the final equity */
    public double finalEquity() {
        return equity[equity.length - 1];
    }

    /** @return nanoseconds spent computing the strategies' signals (0 when they were given) */
    public long signalNanos() {
        return signalNanos;
    }

    /** @return nanoseconds spent in the day loop (rebalances, fills, marking) */
    public long loopNanos() {
        return loopNanos;
    }

    /**
     * The book's weights at each day's close, replayed from the fills: shares × last close / equity.
     *
     * @return [symbol][day of the period] weights (negative = short)
     */
    public double[][] weights() {
        int n = data.symbolCount(), days = data.dayCount();
        double[][] w = new double[n][days];
        double[] q = new double[n];
        double[] last = new double[n];
        java.util.Arrays.fill(last, Double.NaN);
        int f = 0;
        for (int d = 0; d < days; d++) {
            while (f < trades.size() && trades.day(f) == d) {
                q[trades.symbol(f)] += trades.quantity(f);
                if (Double.isNaN(last[trades.symbol(f)])) {
                    last[trades.symbol(f)] = trades.price(f);
                }
                f++;
            }
            for (int s = 0; s < n; s++) {
                double c = data.close(s)[d];
                if (!Double.isNaN(c)) {
                    last[s] = c;
                }
                w[s][d] = q[s] == 0 ? 0 : q[s] * last[s] / equity[d];
            }
        }
        for (int s = 0; s < n; s++) {
            w[s] = slice(w[s]);
        }
        return w;
    }
}
