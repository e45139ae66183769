package io.alphaweave.platform.app;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.platform.backtest.BacktestConfig;
import io.alphaweave.platform.backtest.CombinationComparison;
import io.alphaweave.platform.backtest.ComparisonRow;
import io.alphaweave.platform.backtest.PortfolioResult;
import io.alphaweave.platform.backtest.PortfolioTrade;
import io.alphaweave.platform.backtest.PreparedBacktest;
import io.alphaweave.platform.backtest.StrategySignals;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.AlphaHistogram;
import io.alphaweave.platform.evaluation.ConfidenceSeries;
import io.alphaweave.platform.evaluation.PortfolioReport;
import io.alphaweave.platform.evaluation.StrategyEvaluator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what a portfolio run computed into the {@link BacktestReport} records. */
final class ReportAssembler {
    private ReportAssembler() {}

    /** What one run computed, before it becomes records. */
    record Run(
            PreparedBacktest prepared,
            StrategySignals signals,
            PortfolioResult result,
            PortfolioReport report,
            CombinationComparison comparison,
            boolean compared,
            double[][] combinedAlpha,
            String datasetName,
            Map<String, String> componentHashes,
            String datasetHash) {}

    static BacktestReport assemble(Run o, Timings timings) {
        PreparedBacktest p = o.prepared();
        MarketData d = periodData(o);
        ResolvedConfig config = config(p, o.datasetName());

        Map<String, StrategyRunReport> strategies = new LinkedHashMap<>();
        Map<String, List<io.alphaweave.platform.evaluation.InformationCoefficient>> ic = new LinkedHashMap<>();
        for (ComparisonRow r : o.comparison().strategiesAlone()) {
            AlphaMatrix m = periodMatrix(o, o.signals().of(r.label()));
            AlphaHistogram hist = StrategyEvaluator.alphaHistogram(m, StrategyEvaluator.DEFAULT_BINS);
            ConfidenceSeries conf = StrategyEvaluator.confidenceOverTime(d, m);
            double[] mc = conf.meanConfidence(), ma = conf.meanAbsAlpha();
            int[] cnt = conf.symbolsWithView();
            List<StrategyRunReport.ConfidencePoint> points = new ArrayList<>(d.dayCount());
            for (int t = 0; t < d.dayCount(); t++) {
                points.add(new StrategyRunReport.ConfidencePoint(d.date(t), mc[t], ma[t], cnt[t]));
            }
            strategies.put(
                    r.label(),
                    new StrategyRunReport(
                            RunMetrics.of(r.report().metrics(), r.finalEquity()),
                            r.report().trades(),
                            r.report().turnover(),
                            r.report().probabilisticSharpe(),
                            r.report().sharpeInterval(),
                            new StrategyRunReport.Histogram(
                                    Arrays.stream(hist.edges()).boxed().toList(),
                                    Arrays.stream(hist.counts()).boxed().toList(),
                                    hist.total(),
                                    hist.mean(),
                                    hist.std()),
                            points));
            ic.put(r.label(), StrategyEvaluator.alphaDecay(d, rows(m)));
        }
        IcReport icReport = new IcReport(ic, StrategyEvaluator.alphaDecay(d, periodRows(o, o.combinedAlpha())));

        PortfolioResult res = o.result();
        List<DailyPoint> daily = new ArrayList<>();
        double[] ret = res.returns(), eq = res.equity();
        for (int t = 0; t < ret.length; t++) {
            daily.add(new DailyPoint(d.date(t), ret[t], eq[t]));
        }

        // the book right after each rebalance filled: weights at the close of every day with fills
        List<WeightSnapshot> weights = new ArrayList<>();
        double[][] w = res.weights();
        boolean[] fillDay = new boolean[d.dayCount()];
        for (int i = 0; i < res.trades().size(); i++) {
            fillDay[res.trades().day(i) - p.firstDay()] = true;
        }
        for (int t = 0; t < d.dayCount(); t++) {
            if (!fillDay[t]) {
                continue;
            }
            Map<String, Double> ws = new LinkedHashMap<>();
            for (int s = 0; s < d.symbolCount(); s++) {
                if (w[s][t] != 0) {
                    ws.put(d.symbols().get(s), w[s][t]);
                }
            }
            weights.add(new WeightSnapshot(d.date(t), ws));
        }

        List<TradeEntry> trades = new ArrayList<>(res.trades().size());
        for (PortfolioTrade t : res.trades().trades()) {
            trades.add(new TradeEntry(
                    t.date(), t.decisionDate(), t.symbol(), t.quantity(), t.price(), t.commission(), t.attribution()));
        }

        ComparisonTable comparison = null;
        if (o.compared()) {
            comparison = new ComparisonTable(
                    o.comparison().combiners().stream()
                            .map(ReportAssembler::row)
                            .toList(),
                    o.comparison().strategiesAlone().stream()
                            .map(ReportAssembler::row)
                            .toList());
        }
        RunHashes hashes = new RunHashes(configHash(config), o.componentHashes(), o.datasetHash());
        PortfolioReport r = o.report();
        return new BacktestReport(
                BacktestReport.SCHEMA_VERSION,
                config,
                RunMetrics.of(r.metrics(), res.finalEquity()),
                r.trades(),
                r.turnover(),
                r.probabilisticSharpe(),
                r.sharpeInterval(),
                r.contributions(),
                strategies,
                icReport,
                daily,
                weights,
                trades,
                res.bindingConstraints(),
                comparison,
                hashes,
                timings);
    }

    private static ComparisonTable.Row row(ComparisonRow r) {
        return new ComparisonTable.Row(
                r.label(),
                r.kind(),
                r.finalEquity(),
                r.report().metrics(),
                r.report().trades(),
                r.report().turnover(),
                r.report().probabilisticSharpe());
    }

    static ResolvedConfig config(PreparedBacktest p, String datasetName) {
        BacktestConfig c = p.config();
        MarketData d = p.data();
        List<ResolvedConfig.StrategyEntry> strategies = new ArrayList<>();
        for (BacktestConfig.StrategyRef s : c.strategies()) {
            strategies.add(new ResolvedConfig.StrategyEntry(s.id(), s.weight(), params(p, s.id())));
        }
        return new ResolvedConfig(
                c.name(),
                new ResolvedConfig.DataSource(
                        c.dataPath().toString(),
                        c.sectorsPath() == null ? null : c.sectorsPath().toString(),
                        datasetName),
                d.symbols(),
                new ResolvedConfig.Period(d.date(p.firstDay()), d.date(0), d.date(d.dayCount() - 1)),
                c.capital(),
                strategies,
                new ResolvedConfig.ComponentEntry(
                        c.combiner().id(), params(p, c.combiner().id())),
                new ResolvedConfig.ComponentEntry(
                        c.allocator().id(), params(p, c.allocator().id())),
                new ResolvedConfig.ConstraintSettings(
                        c.constraints().maxPosition(),
                        c.constraints().maxSector(),
                        c.constraints().minPositions(),
                        c.constraints().longOnly(),
                        c.constraints().grossLeverage(),
                        c.constraints().onInfeasible().id()),
                c.rebalance().id(),
                new ResolvedConfig.Execution(
                        "next_open",
                        c.costs().commissionBps(),
                        c.costs().slippageBps(),
                        c.costs().fractional()),
                "portfolio");
    }

    /** The config's hash: its JSON without the name and the data's location (the dataset hash covers those bytes). */
    static String configHash(ResolvedConfig c) {
        ResolvedConfig anonymous = new ResolvedConfig(
                "",
                new ResolvedConfig.DataSource("", null, null),
                c.universe(),
                c.period(),
                c.capital(),
                c.strategies(),
                c.combiner(),
                c.allocator(),
                c.constraints(),
                c.rebalance(),
                c.execution(),
                c.mode());
        return sha256(JsonMapper.write(anonymous));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Map<String, Object> params(PreparedBacktest p, String id) {
        Map<String, Object> values = p.resolvedParams().get(id);
        return values == null ? Map.of() : values;
    }

    /** The period's panel (warm-up bars dropped), for IC and signal statistics over the period only. */
    private static MarketData periodData(Run o) {
        MarketData d = o.prepared().data();
        return d.between(d.date(o.prepared().firstDay()), null);
    }

    private static AlphaMatrix periodMatrix(Run o, AlphaMatrix m) {
        int first = o.prepared().firstDay();
        int days = m.dayCount() - first;
        AlphaMatrix out = new AlphaMatrix(m.symbolCount(), days);
        for (int s = 0; s < m.symbolCount(); s++) {
            System.arraycopy(m.alpha(s), first, out.alpha(s), 0, days);
            System.arraycopy(m.confidence(s), first, out.confidence(s), 0, days);
        }
        return out;
    }

    private static double[][] periodRows(Run o, double[][] rows) {
        int first = o.prepared().firstDay();
        double[][] out = new double[rows.length][];
        for (int s = 0; s < rows.length; s++) {
            out[s] = Arrays.copyOfRange(rows[s], first, rows[s].length);
        }
        return out;
    }

    private static double[][] rows(AlphaMatrix m) {
        double[][] out = new double[m.symbolCount()][];
        for (int s = 0; s < out.length; s++) {
            out[s] = m.alpha(s);
        }
        return out;
    }
}
