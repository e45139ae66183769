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
 * that day as its capital, the constraints that bound that day), one performance row per strategy plus
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
        for (WeightSnapshot snapshot : report.weights()) {
            rows.add(new AllocationRow(
                    snapshot.date(),
                    method,
                    JsonMapper.write(snapshot.weights()),
                    equity.getOrDefault(snapshot.date(), Double.NaN),
                    // the report carries the split by strategy per trade (attribution), not per weight
                    "{}",
                    JsonMapper.write(binding.getOrDefault(snapshot.date(), List.of()))));
        }
        return rows;
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
