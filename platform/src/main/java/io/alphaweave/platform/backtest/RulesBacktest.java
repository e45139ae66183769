package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.InvalidSignalException;
import io.alphaweave.api.MarketView;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.TradeSignal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The legacy rules-mode backtest (DESIGN §4): binary BUY/SELL/HOLD signals per symbol, replayed the
 * way a classic event-driven engine does it, so its trades can be checked one by one against one.
 *
 * <ul>
 *   <li>The capital is split into equal cash sleeves, one per symbol (capital / number of symbols);
 *       sleeves never lend to each other.
 *   <li>Signals are evaluated at the close of each of the symbol's own bars; days where the symbol
 *       has no bar (no close) are skipped.
 *   <li>Flat and {@code BUY} → an order to go long with the sleeve's whole cash; long and {@code
 *       SELL} → an order to sell the whole position; other signals do nothing.
 *   <li>An order fills at the open of the symbol's <em>next</em> bar (skipping calendar days without
 *       one); a signal on the symbol's last bar never fills. A bar without a positive open leaves the
 *       order waiting for the following bar.
 *   <li>Fractional shares: size = sleeve cash / (fill price · (1 + commission)). Fill price = open ·
 *       (1 ± slippage) (+ buying, − selling). Commission = commission bps of the traded value. Both 0
 *       unless configured.
 *   <li>The account is marked to market at every close (a symbol without a bar that day keeps its
 *       last close); the final value marks open positions at their last close.
 * </ul>
 *
 * <p>Stateless and thread-safe; results are immutable records.
 */
public final class RulesBacktest {
    private RulesBacktest() {}

    /**
     * How a rules backtest trades.
     *
     * @param capital starting cash of the whole account, &gt; 0
     * @param commissionBps commission in basis points of each fill's value, ≥ 0
     * @param slippageBps adverse price move in basis points applied to each fill, ≥ 0
     */
    public record Config(double capital, double commissionBps, double slippageBps) {
        /** Validates the ranges. */
        public Config {
            if (!(capital > 0) || Double.isInfinite(capital)) {
                throw new InvalidParameterException("capital must be a finite number > 0, was " + capital);
            }
            if (!(commissionBps >= 0) || Double.isInfinite(commissionBps)) {
                throw new InvalidParameterException("commission_bps must be a finite number ≥ 0, was " + commissionBps);
            }
            if (!(slippageBps >= 0) || slippageBps >= 10_000) {
                throw new InvalidParameterException("slippage_bps must be in [0, 10000), was " + slippageBps);
            }
        }

        /**
         * No costs.
         *
         * @param capital starting cash, &gt; 0
         * @return the config
         */
        public static Config of(double capital) {
            return new Config(capital, 0, 0);
        }
    }

    /**
     * One closed round trip.
     *
     * @param symbol instrument
     * @param signalDate the bar whose close said BUY
     * @param entryDate the symbol's next bar, whose open filled the buy
     * @param entryPrice fill price (open, plus slippage)
     * @param size shares, fractional, &gt; 0
     * @param exitSignalDate the bar whose close said SELL
     * @param exitDate the symbol's next bar after it, whose open filled the sell
     * @param exitPrice fill price (open, minus slippage)
     * @param pnl proceeds minus cost, after commissions, in account currency
     */
    public record Trade(
            String symbol,
            LocalDate signalDate,
            LocalDate entryDate,
            double entryPrice,
            double size,
            LocalDate exitSignalDate,
            LocalDate exitDate,
            double exitPrice,
            double pnl) {
        /** Checks the fields are present. */
        public Trade {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(signalDate, "signalDate");
            Objects.requireNonNull(entryDate, "entryDate");
            Objects.requireNonNull(exitSignalDate, "exitSignalDate");
            Objects.requireNonNull(exitDate, "exitDate");
        }
    }

    /**
     * A long position still open at the end, marked at its last close.
     *
     * @param symbol instrument
     * @param signalDate the bar whose close said BUY
     * @param entryDate the bar whose open filled it
     * @param entryPrice fill price
     * @param size shares
     * @param lastDate the symbol's last bar
     * @param lastClose its close
     * @param marketValue size · lastClose
     * @param unrealizedPnl marketValue minus the cost paid (including the entry commission)
     */
    public record OpenPosition(
            String symbol,
            LocalDate signalDate,
            LocalDate entryDate,
            double entryPrice,
            double size,
            LocalDate lastDate,
            double lastClose,
            double marketValue,
            double unrealizedPnl) {
        /** Checks the fields are present. */
        public OpenPosition {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(signalDate, "signalDate");
            Objects.requireNonNull(entryDate, "entryDate");
            Objects.requireNonNull(lastDate, "lastDate");
        }
    }

    /**
     * The account at one calendar day's close.
     *
     * @param date trading day
     * @param value cash plus positions at their latest close
     * @param dailyReturn value / previous day's value − 1 (the first day against the capital)
     */
    public record EquityPoint(LocalDate date, double value, double dailyReturn) {
        /** Checks the date is present. */
        public EquityPoint {
            Objects.requireNonNull(date, "date");
        }
    }

    /**
     * What a rules backtest produced.
     *
     * @param config how it traded
     * @param symbols the symbols, one sleeve each, in column order
     * @param finalValue cash plus open positions at their last close
     * @param cash cash left at the end, summed over the sleeves, ≥ 0
     * @param trades closed round trips, by exit date then symbol; copied
     * @param openPositions positions open at the end, by symbol; copied
     * @param equityCurve one point per calendar day; copied
     */
    public record Result(
            Config config,
            List<String> symbols,
            double finalValue,
            double cash,
            List<Trade> trades,
            List<OpenPosition> openPositions,
            List<EquityPoint> equityCurve) {
        /** Copies the lists. */
        public Result {
            Objects.requireNonNull(config, "config");
            symbols = List.copyOf(symbols);
            trades = List.copyOf(trades);
            openPositions = List.copyOf(openPositions);
            equityCurve = List.copyOf(equityCurve);
        }

        /** @return total return of the account, finalValue / capital − 1 */
        public double totalReturn() {
            return finalValue / config.capital() - 1;
        }
    }

    /**
     * Runs a strategy's legacy signals over every symbol of the data.
     *
     * @param data the panel; every symbol gets one sleeve
     * @param strategy a configured strategy
     * @param config capital and costs
     * @return the result
     * @throws InvalidSignalException if the strategy returns a signal array of the wrong length or with
     *     nulls
     */
    public static Result run(MarketView data, Strategy strategy, Config config) {
        return run(data, signals(data, strategy), config);
    }

    /**
     * Computes a strategy's legacy signals for every symbol. A strategy that keeps the SPI's default
     * {@link Strategy#generateSignals} gets its alpha matrix computed once (not once per symbol) and
     * thresholded exactly as that default does. Symbols are computed in parallel.
     *
     * @param data the panel
     * @param strategy a configured strategy
     * @return signals[symbol][day]
     */
    public static TradeSignal[][] signals(MarketView data, Strategy strategy) {
        int n = data.symbolCount();
        TradeSignal[][] out = new TradeSignal[n][];
        if (usesDefaultLegacyPath(strategy)) {
            AlphaMatrix m = new AlphaMatrix(n, data.dayCount());
            strategy.generateAlphaSignals(data, m);
            double threshold = strategy.legacyThreshold();
            for (int s = 0; s < n; s++) {
                double[] a = m.alpha(s);
                TradeSignal[] row = new TradeSignal[a.length];
                for (int d = 0; d < a.length; d++) {
                    row[d] = a[d] > threshold
                            ? TradeSignal.BUY
                            : a[d] < -threshold ? TradeSignal.SELL : TradeSignal.HOLD;
                }
                out[s] = row;
            }
        } else {
            IntStream.range(0, n).parallel().forEach(s -> out[s] = strategy.generateSignals(data, s));
        }
        for (int s = 0; s < n; s++) {
            TradeSignal[] row = out[s];
            if (row == null || row.length != data.dayCount()) {
                throw new InvalidSignalException(strategy.id() + " returned "
                        + (row == null ? "null" : row.length + " signals") + " for "
                        + data.symbols().get(s)
                        + ": generateSignals must return one signal per calendar day (" + data.dayCount() + ")");
            }
        }
        return out;
    }

    private static boolean usesDefaultLegacyPath(Strategy strategy) {
        try {
            return strategy.getClass()
                            .getMethod("generateSignals", MarketView.class, int.class)
                            .getDeclaringClass()
                    == Strategy.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Strategy.generateSignals(MarketView, int) must exist", e);
        }
    }

    /**
     * Replays given signals.
     *
     * @param data the panel; every symbol gets one sleeve
     * @param signals signals[symbol][day], one row per symbol of {@code data}, one entry per day; a
     *     null entry means HOLD
     * @param config capital and costs
     * @return the result
     */
    public static Result run(MarketView data, TradeSignal[][] signals, Config config) {
        Objects.requireNonNull(config, "config");
        int n = data.symbolCount(), days = data.dayCount();
        if (signals.length != n) {
            throw new InvalidSignalException("need one signal row per symbol (" + n + "), had " + signals.length);
        }
        double[] equity = new double[days];
        List<Trade> trades = new ArrayList<>();
        List<OpenPosition> open = new ArrayList<>();
        double sleeve = n == 0 ? 0 : config.capital() / n;
        double commission = config.commissionBps() / 10_000, slippage = config.slippageBps() / 10_000;
        double totalCash = 0;
        for (int s = 0; s < n; s++) {
            totalCash += runSymbol(data, s, signals[s], sleeve, commission, slippage, equity, trades, open);
        }
        if (n == 0) {
            Arrays.fill(equity, config.capital());
            totalCash = config.capital();
        }
        List<EquityPoint> curve = new ArrayList<>(days);
        double prev = config.capital();
        for (int d = 0; d < days; d++) {
            curve.add(new EquityPoint(data.date(d), equity[d], equity[d] / prev - 1));
            prev = equity[d];
        }
        trades.sort(Comparator.comparing(Trade::exitDate).thenComparing(Trade::symbol));
        double finalValue = days == 0 ? config.capital() : equity[days - 1];
        return new Result(config, data.symbols(), finalValue, totalCash, trades, open, curve);
    }

    /** Simulates one sleeve; adds its value per day to {@code equity}; returns its final cash. */
    private static double runSymbol(
            MarketView data,
            int s,
            TradeSignal[] sig,
            double sleeve,
            double commission,
            double slippage,
            double[] equity,
            List<Trade> trades,
            List<OpenPosition> open) {
        int days = data.dayCount();
        if (sig.length != days) {
            throw new InvalidSignalException("signals for " + data.symbols().get(s) + " need one entry per day (" + days
                    + "), had " + sig.length);
        }
        String symbol = data.symbols().get(s);
        double[] o = data.open(s), c = data.close(s);
        double cash = sleeve, shares = 0, lastClose = Double.NaN;
        double entryPrice = 0, entryCost = 0;
        int entrySignal = -1, entryDay = -1, lastBar = -1;
        TradeSignal pending = null;
        int pendingDay = -1;
        for (int d = 0; d < days; d++) {
            double close = c[d];
            if (Double.isNaN(close)) {
                equity[d] += shares > 0 ? cash + shares * lastClose : cash;
                continue;
            }
            if (pending != null && o[d] > 0) {
                if (pending == TradeSignal.BUY) {
                    double price = o[d] * (1 + slippage);
                    shares = cash / (price * (1 + commission));
                    entryPrice = price;
                    entryCost = cash;
                    entrySignal = pendingDay;
                    entryDay = d;
                    cash = 0; // the whole sleeve is spent, by construction of the size
                } else {
                    double price = o[d] * (1 - slippage);
                    double proceeds = shares * price * (1 - commission);
                    trades.add(new Trade(
                            symbol,
                            data.date(entrySignal),
                            data.date(entryDay),
                            entryPrice,
                            shares,
                            data.date(pendingDay),
                            data.date(d),
                            price,
                            proceeds - entryCost));
                    cash += proceeds;
                    shares = 0;
                }
                pending = null;
            }
            lastClose = close;
            lastBar = d;
            TradeSignal t = sig[d];
            if (t == TradeSignal.BUY && shares == 0) {
                pending = TradeSignal.BUY;
                pendingDay = d;
            } else if (t == TradeSignal.SELL && shares > 0) {
                pending = TradeSignal.SELL;
                pendingDay = d;
            }
            equity[d] += cash + shares * close;
        }
        if (shares > 0) {
            double value = shares * lastClose;
            open.add(new OpenPosition(
                    symbol,
                    data.date(entrySignal),
                    data.date(entryDay),
                    entryPrice,
                    shares,
                    data.date(lastBar),
                    lastClose,
                    value,
                    value - entryCost));
        }
        return cash;
    }
}
