package io.alphaweave.platform.store;

import io.alphaweave.platform.app.BacktestReport;
import io.alphaweave.platform.app.DailyPoint;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.RunMetrics;
import io.alphaweave.platform.app.StrategyRunReport;
import io.alphaweave.platform.app.TradeEntry;
import io.alphaweave.platform.app.WeightSnapshot;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.portfolio.BindingConstraint;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link BacktestReport} onto the store's rows: one allocation per weight snapshot (the equity of
 * that day as its capital, the constraints that bound that day, each weight's split by strategy — see
 * {@link #provenance}), one performance row per strategy plus
 * one for the portfolio ({@value #PORTFOLIO}), one trade per fill. The report itself is stored as JSON
 * and is what {@link RunRepository#report(String)} reads back.
 */
final class ReportRows {
    /** The strategy id of the portfolio's own performance row. */
    static final String PORTFOLIO = "portfolio";

    private ReportRows() {}

    static RunResults of(BacktestReport report, List<SignalSet> signalSets) {
        return new RunResults(
                signalSets, allocations(report), performance(report), trades(report), JsonMapper.write(report));
    }

    private static List<AllocationRow> allocations(BacktestReport report) {
        Map<LocalDate, Double> equity = new HashMap<>();
        for (DailyPoint point : report.dailyReturns()) {
            equity.put(point.date(), point.equity());
        }
        Map<LocalDate, List<BindingConstraint>> binding = new HashMap<>();
        for (BindingConstraint constraint : report.bindingConstraints()) {
            binding.computeIfAbsent(constraint.date(), d -> new ArrayList<>()).add(constraint);
        }
        String method = report.config().combiner().id();
        List<AllocationRow> rows = new ArrayList<>();
        List<TradeEntry> trades = report.trades();
        Map<String, Map<String, Double>> shares = new HashMap<>();
        int next = 0;
        for (WeightSnapshot snapshot : report.weights()) {
            // the shares of each symbol's latest fill up to and including this day (trades are in fill order)
            while (next < trades.size() && !trades.get(next).date().isAfter(snapshot.date())) {
                shares.put(trades.get(next).symbol(), trades.get(next).attribution());
                next++;
            }
            rows.add(new AllocationRow(
                    snapshot.date(),
                    method,
                    JsonMapper.write(snapshot.weights()),
                    equity.getOrDefault(snapshot.date(), Double.NaN),
                    JsonMapper.write(provenance(snapshot.weights(), shares)),
                    JsonMapper.write(binding.getOrDefault(snapshot.date(), List.of()))));
        }
        return rows;
    }

    /**
     * Each weight's split by strategy: symbol → strategy → the part of the weight that strategy accounts
     * for; a symbol's parts sum to its weight.
     *
     * <p>The rule is the engine's own attribution (see {@code PortfolioBacktest}, "Attribution"): at each
     * decision the combiner reports every strategy's contribution to a symbol's combined alpha, and a
     * strategy's share of the position is its contribution in the direction of the combined alpha over
     * all contributions in that direction (contribution / combined alpha when the strategies agree; a
     * strategy that pushed against the position gets 0). A fill carries the shares of the decision it
     * executes, so a weight in the book at a day's close is split by the shares of that symbol's latest
     * fill on or before that day: part = weight × share / Σ shares (the division removes the rounding of
     * the shares, which the report keeps as {@code float} decimals). A symbol without a fill yet (which
     * cannot hold a weight) gets no split.
     *
     * @param weights symbol → weight of one snapshot
     * @param shares symbol → strategy → share, of each symbol's latest fill so far
     * @return symbol → strategy → part of the weight, in the snapshot's symbol order and strategy id order
     */
    static Map<String, Map<String, Double>> provenance(
            Map<String, Double> weights, Map<String, Map<String, Double>> shares) {
        Map<String, Map<String, Double>> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            Map<String, Double> split = shares.get(weight.getKey());
            if (split == null || split.isEmpty()) {
                continue;
            }
            double total = 0;
            for (double share : split.values()) {
                total += share;
            }
            Map<String, Double> parts = new java.util.TreeMap<>();
            for (Map.Entry<String, Double> share : split.entrySet()) {
                parts.put(
                        share.getKey(),
                        total > 0 ? weight.getValue() * share.getValue() / total : weight.getValue() / split.size());
            }
            out.put(weight.getKey(), parts);
        }
        return out;
    }

    private static List<PerformanceRow> performance(BacktestReport report) {
        LocalDate end = report.dailyReturns().isEmpty()
                ? report.config().period().end()
                : report.dailyReturns().get(report.dailyReturns().size() - 1).date();
        List<PerformanceRow> rows = new ArrayList<>();
        rows.add(row(PORTFOLIO, end, report.metrics(), report.ic().portfolio()));
        for (Map.Entry<String, StrategyRunReport> strategy : report.strategies().entrySet()) {
            rows.add(row(
                    strategy.getKey(),
                    end,
                    strategy.getValue().metrics(),
                    report.ic().strategies().getOrDefault(strategy.getKey(), List.of())));
        }
        return rows;
    }

    private static PerformanceRow row(String id, LocalDate end, RunMetrics m, List<InformationCoefficient> ic) {
        // the IC at the shortest horizon measured (1 day in the demo)
        double icMean = ic.isEmpty() ? Double.NaN : ic.get(0).mean();
        return new PerformanceRow(
                id,
                end,
                m.days(),
                m.sharpeRatio(),
                m.totalReturn(),
                m.maxDrawdown(),
                m.dailyWinRate(),
                icMean,
                JsonMapper.write(m));
    }

    private static List<TradeRow> trades(BacktestReport report) {
        List<TradeRow> rows = new ArrayList<>(report.trades().size());
        for (TradeEntry trade : report.trades()) {
            rows.add(new TradeRow(
                    trade.symbol(),
                    trade.quantity() < 0 ? TradeSide.SELL : TradeSide.BUY,
                    trade.decisionDate(),
                    trade.date(),
                    null,
                    trade.price(),
                    Double.NaN,
                    Math.abs(trade.quantity()),
                    trade.commission(),
                    Double.NaN,
                    JsonMapper.write(trade.attribution())));
        }
        return rows;
    }
}
