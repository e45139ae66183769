package io.alphaweave.platform.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.alphaweave.platform.app.ReportCharts.Bars;
import io.alphaweave.platform.app.ReportCharts.Curve;
import io.alphaweave.platform.app.ReportCharts.Histogram;
import io.alphaweave.platform.app.ReportCharts.Line;
import io.alphaweave.platform.app.ReportCharts.Metric;
import io.alphaweave.platform.app.ReportCharts.MetricGroup;
import io.alphaweave.platform.app.ReportCharts.MonthlyGrid;
import io.alphaweave.platform.app.ReportCharts.Scatter;
import io.alphaweave.platform.app.ReportCharts.TimeSeries;
import io.alphaweave.platform.app.ReportCharts.Trade;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.portfolio.BindingConstraint;
import io.alphaweave.platform.store.SignalRow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes {@link ReportCharts} from a stored report, the market data of its run (for the
 * buy-and-hold benchmark, forward returns and contributions) and its stored signals (for the alpha
 * vs forward return scatter). Without data or signals those charts stay empty and a note says why.
 */
public final class ReportChartsBuilder {
    /** The most points a drawn time series keeps (LTTB). */
    public static final int MAX_POINTS = 1_000;

    /** The most fills listed (the newest). */
    public static final int MAX_TRADES = 2_000;

    /** The most points of one strategy's scatter. */
    public static final int MAX_SCATTER = 600;

    /** How many symbols the allocation chart names; the rest add up to "other". */
    public static final int TOP_SYMBOLS = 10;

    /** The window of the rolling Sharpe ratio and volatility, in trading days. */
    public static final int ROLLING_DAYS = 63;

    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private ReportChartsBuilder() {}

    /**
     * @param runId the stored run's id
     * @param name the run's display name
     * @param report the stored report
     * @param data the run's market data (any superset of its universe and period), or null when gone
     * @param signals strategy id → its stored signals (may be empty)
     * @return every chart's data
     */
    public static ReportCharts build(
            String runId, String name, BacktestReport report, MarketData data, Map<String, List<SignalRow>> signals) {
        List<String> notes = new ArrayList<>();
        List<DailyPoint> days = report.dailyReturns();
        int n = days.size();
        LocalDate[] dates = new LocalDate[n];
        double[] equity = new double[n], returns = new double[n];
        for (int i = 0; i < n; i++) {
            dates[i] = days.get(i).date();
            equity[i] = days.get(i).equity();
            returns[i] = days.get(i).dailyReturn();
        }
        double start = n == 0 ? 0 : equity[0] / (1 + returns[0]);
        double[] benchmark =
                data == null ? null : buyAndHold(data, report.config().universe(), dates, start);
        if (data == null) {
            notes.add("the run's market data could not be read: no buy-and-hold benchmark, forward returns"
                    + " or contributions");
        }
        int[] keep = Lttb.indices(equity, Math.max(3, MAX_POINTS));
        List<Line> equityLines = new ArrayList<>();
        equityLines.add(line("Portfolio", equity, keep));
        if (benchmark != null) {
            equityLines.add(line("Equal-weight buy & hold", benchmark, keep));
        }
        double[] dd = drawdown(equity);
        int[] ddKeep = Lttb.indices(dd, MAX_POINTS);
        double[] sharpe = new double[n], vol = new double[n];
        rolling(returns, ROLLING_DAYS, sharpe, vol);
        int[] rKeep = Lttb.indices(sharpe, MAX_POINTS);
        String period = n == 0 ? "no trading days" : dates[0] + " … " + dates[n - 1];
        List<Scatter> scatter = data == null ? List.of() : scatter(data, signals);
        if (data != null && signals.isEmpty()) {
            notes.add("the run's signals are not stored: no alpha vs forward return scatter");
        }
        return new ReportCharts(
                runId,
                name,
                period,
                metrics(report),
                new TimeSeries(dates(dates, keep), equityLines),
                new TimeSeries(dates(dates, ddKeep), List.of(line("Drawdown", dd, ddKeep))),
                monthly(dates, returns),
                yearly(dates, returns),
                new TimeSeries(
                        dates(dates, rKeep), List.of(line("Rolling Sharpe (" + ROLLING_DAYS + " d)", sharpe, rKeep))),
                new TimeSeries(
                        dates(dates, rKeep), List.of(line("Rolling volatility (" + ROLLING_DAYS + " d)", vol, rKeep))),
                scatter,
                histograms(report),
                allocation(report),
                data == null ? new TimeSeries(List.of(), List.of()) : contribution(report, data, dates),
                icDecay(report),
                binding(report.bindingConstraints()),
                trades(report.trades()),
                report.trades().size(),
                configWithoutPaths(report.config()),
                report.hashes(),
                notes);
    }

    /** The config as indented JSON with the data files named by file name only (no server paths). */
    static String configWithoutPaths(ResolvedConfig config) {
        JsonNode tree = JsonMapper.tree(config);
        if (tree.get("data") instanceof com.fasterxml.jackson.databind.node.ObjectNode data) {
            for (String field : List.of("path", "sectors")) {
                JsonNode v = data.get(field);
                if (v != null && v.isTextual()) {
                    java.nio.file.Path name = java.nio.file.Path.of(v.asText()).getFileName();
                    data.put(field, name == null ? v.asText() : name.toString());
                }
            }
        }
        return JsonMapper.write(tree);
    }

    static double[] drawdown(double[] equity) {
        double[] out = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < equity.length; i++) {
            peak = Math.max(peak, equity[i]);
            out[i] = peak > 0 ? equity[i] / peak - 1 : 0;
        }
        return out;
    }

    /** Annualised rolling Sharpe ratio and volatility over {@code window} days; NaN before a full window. */
    static void rolling(double[] r, int window, double[] sharpe, double[] vol) {
        double sum = 0, sq = 0;
        for (int i = 0; i < r.length; i++) {
            sum += r[i];
            sq += r[i] * r[i];
            if (i >= window) {
                sum -= r[i - window];
                sq -= r[i - window] * r[i - window];
            }
            if (i < window - 1) {
                sharpe[i] = Double.NaN;
                vol[i] = Double.NaN;
                continue;
            }
            double mean = sum / window;
            double var = Math.max(0, (sq - window * mean * mean) / (window - 1));
            double sd = Math.sqrt(var);
            vol[i] = sd * Math.sqrt(252);
            sharpe[i] = sd > 0 ? mean / sd * Math.sqrt(252) : Double.NaN;
        }
    }

    /** An equal-weight buy-and-hold of the universe's symbols that have a close on the first day. */
    static double[] buyAndHold(MarketData data, List<String> universe, LocalDate[] dates, double capital) {
        double[] out = new double[dates.length];
        if (dates.length == 0) {
            return out;
        }
        LocalDate[] calendar = data.calendar();
        int[] dayIndex = new int[dates.length];
        for (int i = 0; i < dates.length; i++) {
            dayIndex[i] = Arrays.binarySearch(calendar, dates[i]);
        }
        // the portfolio's first return is the first day's: the benchmark starts at the close before it
        int base = dayIndex[0] > 0 ? dayIndex[0] - 1 : Math.max(0, dayIndex[0]);
        List<double[]> closes = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        for (String symbol : universe) {
            int s = data.indexOf(symbol);
            if (s < 0) {
                continue;
            }
            double[] c = data.close(s);
            if (base < c.length && c[base] > 0 && !Double.isNaN(c[base])) {
                closes.add(c);
                firsts.add(c[base]);
            }
        }
        if (closes.isEmpty()) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        double[] last = new double[closes.size()];
        for (int k = 0; k < last.length; k++) {
            last[k] = firsts.get(k);
        }
        for (int i = 0; i < dates.length; i++) {
            int d = dayIndex[i];
            double sum = 0;
            for (int k = 0; k < last.length; k++) {
                if (d >= 0) {
                    double c = closes.get(k)[d];
                    if (c > 0 && !Double.isNaN(c)) {
                        last[k] = c;
                    }
                }
                sum += last[k] / firsts.get(k);
            }
            out[i] = capital * sum / last.length;
        }
        return out;
    }

    static MonthlyGrid monthly(LocalDate[] dates, double[] returns) {
        TreeMap<Integer, double[]> byYear = new TreeMap<>();
        for (int i = 0; i < dates.length; i++) {
            double[] months = byYear.computeIfAbsent(dates[i].getYear(), y -> {
                double[] m = new double[12];
                Arrays.fill(m, Double.NaN);
                return m;
            });
            int m = dates[i].getMonthValue() - 1;
            months[m] = (Double.isNaN(months[m]) ? 1 : 1 + months[m]) * (1 + returns[i]) - 1;
        }
        List<Integer> years = new ArrayList<>(byYear.keySet());
        List<List<Double>> cells = new ArrayList<>();
        for (int y = 0; y < years.size(); y++) {
            double[] months = byYear.get(years.get(y));
            for (int m = 0; m < 12; m++) {
                if (!Double.isNaN(months[m])) {
                    cells.add(List.of((double) y, (double) m, round(months[m])));
                }
            }
        }
        return new MonthlyGrid(years, cells);
    }

    static Bars yearly(LocalDate[] dates, double[] returns) {
        TreeMap<Integer, Double> byYear = new TreeMap<>();
        for (int i = 0; i < dates.length; i++) {
            byYear.merge(dates[i].getYear(), returns[i], (a, r) -> (1 + a) * (1 + r) - 1);
        }
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        byYear.forEach((y, r) -> {
            labels.add(Integer.toString(y));
            values.add(round(r));
        });
        return new Bars(labels, values);
    }

    private static List<MetricGroup> metrics(BacktestReport report) {
        List<MetricGroup> out = new ArrayList<>();
        out.add(group("Returns", report.metrics()));
        out.add(group("Trades", report.tradeMetrics()));
        out.add(group("Turnover", report.turnover()));
        out.add(group("Probabilistic Sharpe", report.probabilisticSharpe()));
        if (report.sharpeInterval() != null) {
            out.add(group("Sharpe interval", report.sharpeInterval()));
        }
        List<Metric> contributions = new ArrayList<>();
        report.contributions()
                .forEach(c -> contributions.add(
                        new Metric(c.strategyId(), format(c.contribution()) + " (share " + format(c.share()) + ")")));
        out.add(new MetricGroup("Contribution by strategy", contributions));
        return out;
    }

    private static MetricGroup group(String title, Object record) {
        List<Metric> rows = new ArrayList<>();
        JsonNode tree = JsonMapper.tree(record);
        for (Map.Entry<String, JsonNode> e : tree.properties()) {
            JsonNode v = e.getValue();
            String text = v.isNumber()
                    ? format(v.asDouble())
                    : v.isNull() ? "—" : v.isValueNode() ? v.asText() : v.toString();
            rows.add(new Metric(e.getKey(), text));
        }
        return new MetricGroup(title, rows);
    }

    /**
     * @param v a number
     * @return it with at most 4 decimals, or "—" when not finite
     */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%.2f" : "%.4f", v);
    }

    private static List<Scatter> scatter(MarketData data, Map<String, List<SignalRow>> signals) {
        List<Scatter> out = new ArrayList<>();
        LocalDate[] calendar = data.calendar();
        for (Map.Entry<String, List<SignalRow>> e : signals.entrySet()) {
            List<SignalRow> rows = e.getValue();
            int horizon = rows.isEmpty() ? 1 : Math.max(1, rows.get(0).horizonDays());
            // a deterministic sample: every k-th row in stored order
            long usable = rows.size();
            int step = (int) Math.max(1, usable / MAX_SCATTER);
            List<List<Double>> points = new ArrayList<>();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < rows.size() && points.size() < MAX_SCATTER; i += step) {
                SignalRow r = rows.get(i);
                int s = index.computeIfAbsent(r.symbol(), data::indexOf);
                int d = Arrays.binarySearch(calendar, r.date());
                if (s < 0 || d < 0 || d + horizon >= calendar.length) {
                    continue;
                }
                double[] c = data.close(s);
                double fwd = c[d + horizon] / c[d] - 1;
                if (Double.isFinite(fwd)) {
                    points.add(List.of(round(r.alphaScore()), round(fwd)));
                }
            }
            out.add(new Scatter(e.getKey(), horizon, points, usable));
        }
        return out;
    }

    private static List<Histogram> histograms(BacktestReport report) {
        List<Histogram> out = new ArrayList<>();
        report.strategies().forEach((id, s) -> {
            StrategyRunReport.Histogram h = s.alphaHistogram();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < h.counts().size(); i++) {
                labels.add(String.format(Locale.ROOT, "%.2f", h.edges().get(i)));
            }
            out.add(new Histogram(id, labels, h.counts()));
        });
        return out;
    }

    private static TimeSeries allocation(BacktestReport report) {
        List<WeightSnapshot> snaps = report.weights();
        if (snaps.isEmpty()) {
            return new TimeSeries(List.of(), List.of());
        }
        Map<String, Double> size = new HashMap<>();
        for (WeightSnapshot w : snaps) {
            w.weights().forEach((s, v) -> size.merge(s, Math.abs(v), Double::sum));
        }
        List<String> top = size.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_SYMBOLS)
                .map(Map.Entry::getKey)
                .toList();
        int step = Math.max(1, (snaps.size() + MAX_POINTS - 1) / MAX_POINTS);
        List<String> dates = new ArrayList<>();
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        for (String s : top) {
            lines.put(s, new ArrayList<>());
        }
        List<Double> other = new ArrayList<>();
        for (int i = 0; i < snaps.size(); i += step) {
            WeightSnapshot w = snaps.get(i);
            dates.add(w.date().toString());
            double rest = 0;
            for (Map.Entry<String, Double> e : w.weights().entrySet()) {
                if (!lines.containsKey(e.getKey())) {
                    rest += e.getValue();
                }
            }
            for (String s : top) {
                lines.get(s).add(round(w.weights().getOrDefault(s, 0.0)));
            }
            other.add(round(rest));
        }
        List<Line> out = new ArrayList<>();
        lines.forEach((s, v) -> out.add(new Line(s, v)));
        out.add(new Line("other", other));
        return new TimeSeries(dates, out);
    }

    /**
     * Each strategy's cumulative contribution: the weights held at a day's open split by strategy (as the
     * store splits them, {@link io.alphaweave.platform.store.RunRepository#allocations}) times that
     * day's close-to-close return of each symbol, summed — before costs.
     */
    private static TimeSeries contribution(BacktestReport report, MarketData data, LocalDate[] dates) {
        List<String> strategies = new ArrayList<>(report.strategies().keySet());
        double[][] cum = new double[strategies.size()][dates.length];
        LocalDate[] calendar = data.calendar();
        List<WeightSnapshot> snaps = report.weights();
        List<TradeEntry> trades = report.trades();
        Map<String, Map<String, Double>> shares = new HashMap<>();
        Map<String, Map<String, Double>> held = Map.of();
        int nextSnap = 0, nextTrade = 0;
        double[] running = new double[strategies.size()];
        for (int i = 0; i < dates.length; i++) {
            int d = Arrays.binarySearch(calendar, dates[i]);
            if (d > 0) {
                for (Map.Entry<String, Map<String, Double>> pos : held.entrySet()) {
                    int s = data.indexOf(pos.getKey());
                    if (s < 0) {
                        continue;
                    }
                    double[] c = data.close(s);
                    double r = c[d] / c[d - 1] - 1;
                    if (!Double.isFinite(r)) {
                        continue;
                    }
                    for (Map.Entry<String, Double> part : pos.getValue().entrySet()) {
                        int k = strategies.indexOf(part.getKey());
                        if (k >= 0) {
                            running[k] += part.getValue() * r;
                        }
                    }
                }
            }
            for (int k = 0; k < running.length; k++) {
                cum[k][i] = running[k];
            }
            // the book at this day's close is what the next day's return applies to
            while (nextSnap < snaps.size() && !snaps.get(nextSnap).date().isAfter(dates[i])) {
                WeightSnapshot snap = snaps.get(nextSnap++);
                while (nextTrade < trades.size()
                        && !trades.get(nextTrade).date().isAfter(snap.date())) {
                    shares.put(
                            trades.get(nextTrade).symbol(),
                            trades.get(nextTrade).attribution());
                    nextTrade++;
                }
                held = io.alphaweave.platform.store.WeightSplit.byStrategy(snap.weights(), shares);
            }
        }
        int[] keep = cum.length == 0 ? new int[0] : Lttb.indices(cum[0], MAX_POINTS);
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < strategies.size(); k++) {
            lines.add(line(strategies.get(k), cum[k], keep));
        }
        return new TimeSeries(dates(dates, keep), lines);
    }

    private static List<Curve> icDecay(BacktestReport report) {
        List<Curve> out = new ArrayList<>();
        report.ic().strategies().forEach((id, ics) -> out.add(curve(id, ics)));
        out.add(curve("combined", report.ic().portfolio()));
        return out;
    }

    private static Curve curve(String name, List<InformationCoefficient> ics) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        ics.stream()
                .sorted(Comparator.comparingInt(InformationCoefficient::horizon))
                .forEach(ic -> {
                    x.add(ic.horizon());
                    y.add(round(ic.mean()));
                });
        return new Curve(name, x, y);
    }

    private static TimeSeries binding(List<BindingConstraint> constraints) {
        TreeSet<String> months = new TreeSet<>();
        Map<String, Map<String, Double>> counts = new TreeMap<>();
        for (BindingConstraint c : constraints) {
            String month = c.date().toString().substring(0, 7);
            months.add(month);
            counts.computeIfAbsent(c.constraint(), k -> new HashMap<>()).merge(month, 1.0, Double::sum);
        }
        List<String> axis = new ArrayList<>(months);
        List<Line> lines = new ArrayList<>();
        counts.forEach((name, byMonth) -> {
            List<Double> v = new ArrayList<>();
            for (String m : axis) {
                v.add(byMonth.getOrDefault(m, 0.0));
            }
            lines.add(new Line(name, v));
        });
        return new TimeSeries(axis, lines);
    }

    private static List<Trade> trades(List<TradeEntry> trades) {
        List<Trade> out = new ArrayList<>();
        for (int i = trades.size() - 1; i >= 0 && out.size() < MAX_TRADES; i--) {
            TradeEntry t = trades.get(i);
            out.add(new Trade(
                    t.date().toString(),
                    t.symbol(),
                    t.quantity() >= 0 ? "BUY" : "SELL",
                    round(t.quantity()),
                    round(t.price()),
                    round(Math.abs(t.quantity()) * t.price()),
                    round(t.commission()),
                    t.attribution()));
        }
        return out;
    }

    private static Line line(String name, double[] values, int[] keep) {
        List<Double> out = new ArrayList<>(keep.length);
        for (int i : keep) {
            double v = values[i];
            out.add(Double.isFinite(v) ? round(v) : null);
        }
        return new Line(name, out);
    }

    private static List<String> dates(LocalDate[] dates, int[] keep) {
        List<String> out = new ArrayList<>(keep.length);
        for (int i : keep) {
            out.add(dates[i].toString());
        }
        return out;
    }

    /** Six significant digits: enough to draw, a third of the bytes. */
    static double round(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
    }

    /** @return the month names, for the heat map's axis */
    public static List<String> monthNames() {
        return List.of(MONTHS);
    }
}
