package io.alphaweave.platform.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the report page and the one-file HTML report draw for one stored portfolio run: every chart's
 * data, computed here so that templates only render (DESIGN §9). Long series are downsampled with
 * {@link Lttb} to at most {@link ReportChartsBuilder#MAX_POINTS} points. Values that are not numbers
 * are {@code null} (JSON has no NaN). Build it with {@link ReportChartsBuilder}.
 *
 * @param runId the stored run's id
 * @param name the run's display name
 * @param period first and last day of the backtest, e.g. "2014-01-02 … 2018-02-07"
 * @param metrics every metric of the run, grouped
 * @param equity the portfolio's equity against an equal-weight buy-and-hold of the universe
 * @param drawdown the portfolio's drawdown from its running peak (≤ 0)
 * @param monthly the monthly returns as a year × month grid
 * @param yearly the calendar-year returns
 * @param rollingSharpe the rolling annualised Sharpe ratio
 * @param rollingVolatility the rolling annualised volatility
 * @param alphaVsForward per strategy, sampled (alpha score, realised forward return) pairs
 * @param signalStrength per strategy, the alpha-score histogram
 * @param allocation the book over time: the largest symbols and the rest as "other"
 * @param contribution the cumulative contribution to the portfolio's return by strategy
 * @param icDecay the mean IC by horizon of each strategy and the combined alpha
 * @param bindingConstraints how often each constraint bound, per month
 * @param trades the fills, newest first (at most {@link ReportChartsBuilder#MAX_TRADES})
 * @param tradeCount how many fills the run made in all
 * @param config the resolved config as indented JSON
 * @param hashes the config, component and dataset hashes
 * @param notes what could not be drawn and why (e.g. the data file is gone), empty when all is there
 */
public record ReportCharts(
        String runId,
        String name,
        String period,
        List<MetricGroup> metrics,
        TimeSeries equity,
        TimeSeries drawdown,
        MonthlyGrid monthly,
        Bars yearly,
        TimeSeries rollingSharpe,
        TimeSeries rollingVolatility,
        List<Scatter> alphaVsForward,
        List<Histogram> signalStrength,
        TimeSeries allocation,
        TimeSeries contribution,
        List<Curve> icDecay,
        TimeSeries bindingConstraints,
        List<Trade> trades,
        int tradeCount,
        String config,
        RunHashes hashes,
        List<String> notes) {

    /** Checks nulls and copies the lists. */
    public ReportCharts {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(drawdown, "drawdown");
        Objects.requireNonNull(monthly, "monthly");
        Objects.requireNonNull(yearly, "yearly");
        Objects.requireNonNull(rollingSharpe, "rollingSharpe");
        Objects.requireNonNull(rollingVolatility, "rollingVolatility");
        alphaVsForward = List.copyOf(alphaVsForward);
        signalStrength = List.copyOf(signalStrength);
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(contribution, "contribution");
        icDecay = List.copyOf(icDecay);
        Objects.requireNonNull(bindingConstraints, "bindingConstraints");
        trades = List.copyOf(trades);
        if (tradeCount < trades.size()) {
            throw new IllegalArgumentException(
                    "tradeCount must be ≥ the trades listed (" + trades.size() + "), was " + tradeCount);
        }
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(hashes, "hashes");
        notes = List.copyOf(notes);
    }

    /**
     * A group of metrics shown as one table.
     *
     * @param title the group's title
     * @param rows metric name → formatted value, in display order
     */
    public record MetricGroup(String title, List<Metric> rows) {
        /** Copies the rows. */
        public MetricGroup {
            Objects.requireNonNull(title, "title");
            rows = List.copyOf(rows);
        }
    }

    /**
     * One metric.
     *
     * @param name its snake_case name
     * @param value its value formatted for display ("—" when not a number)
     */
    public record Metric(String name, String value) {
        /** Checks nulls. */
        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Series that share one date axis.
     *
     * @param dates the x axis, ISO dates (or months "yyyy-MM")
     * @param series the lines, each with one value (or null) per date
     */
    public record TimeSeries(List<String> dates, List<Line> series) {
        /** Checks that every line has one value per date. */
        public TimeSeries {
            dates = List.copyOf(dates);
            series = List.copyOf(series);
            for (Line l : series) {
                if (l.values().size() != dates.size()) {
                    throw new IllegalArgumentException("series " + l.name() + " must have " + dates.size()
                            + " values (one per date), had " + l.values().size());
                }
            }
        }

        /** @return whether there is nothing to draw */
        public boolean isEmpty() {
            return dates.isEmpty() || series.isEmpty();
        }
    }

    /**
     * One named line of values; null where there is no number.
     *
     * @param name the legend label
     * @param values the values
     */
    public record Line(String name, List<Double> values) {
        /** Copies the values (keeping nulls). */
        public Line {
            Objects.requireNonNull(name, "name");
            values = Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /**
     * Monthly returns as a heat map.
     *
     * @param years the rows, ascending
     * @param cells [year index, month index 0–11, return] triples
     */
    public record MonthlyGrid(List<Integer> years, List<List<Double>> cells) {
        /** Copies. */
        public MonthlyGrid {
            years = List.copyOf(years);
            cells = cells.stream().map(List::copyOf).toList();
        }
    }

    /**
     * A bar chart.
     *
     * @param labels the categories
     * @param values one value per label
     */
    public record Bars(List<String> labels, List<Double> values) {
        /** Checks the sizes and copies. */
        public Bars {
            labels = List.copyOf(labels);
            values = Collections.unmodifiableList(new ArrayList<>(values));
            if (labels.size() != values.size()) {
                throw new IllegalArgumentException(
                        "values must have one per label (" + labels.size() + "), had " + values.size());
            }
        }
    }

    /**
     * Sampled points of one strategy.
     *
     * @param name the strategy id
     * @param horizonDays the forward-return horizon, in trading days
     * @param points [alpha score, forward return] pairs
     * @param sampledFrom how many stored signals were read for the sample (itself a sample chosen by the store)
     */
    public record Scatter(String name, int horizonDays, List<List<Double>> points, long sampledFrom) {
        /** Copies. */
        public Scatter {
            Objects.requireNonNull(name, "name");
            points = points.stream().map(List::copyOf).toList();
        }
    }

    /**
     * One strategy's histogram.
     *
     * @param name the strategy id
     * @param labels the bucket labels (lower edges)
     * @param counts one count per bucket
     */
    public record Histogram(String name, List<String> labels, List<Long> counts) {
        /** Checks the sizes and copies. */
        public Histogram {
            Objects.requireNonNull(name, "name");
            labels = List.copyOf(labels);
            counts = List.copyOf(counts);
            if (labels.size() != counts.size()) {
                throw new IllegalArgumentException(
                        "counts must have one per label (" + labels.size() + "), had " + counts.size());
            }
        }
    }

    /**
     * A curve over integer x values, e.g. IC by horizon.
     *
     * @param name the legend label
     * @param x the x values
     * @param y one value (or null) per x
     */
    public record Curve(String name, List<Integer> x, List<Double> y) {
        /** Checks the sizes and copies. */
        public Curve {
            Objects.requireNonNull(name, "name");
            x = List.copyOf(x);
            y = Collections.unmodifiableList(new ArrayList<>(y));
            if (x.size() != y.size()) {
                throw new IllegalArgumentException("y must have one value per x (" + x.size() + "), had " + y.size());
            }
        }
    }

    /**
     * One fill, for the trades table.
     *
     * @param date fill date
     * @param symbol the instrument
     * @param side BUY or SELL
     * @param quantity signed shares
     * @param price fill price
     * @param value |quantity| × price
     * @param commission commission paid
     * @param strategies strategy id → share of the decision
     */
    public record Trade(
            String date,
            String symbol,
            String side,
            double quantity,
            double price,
            double value,
            double commission,
            Map<String, Double> strategies) {
        /** Checks nulls and copies. */
        public Trade {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(side, "side");
            strategies = Collections.unmodifiableMap(new java.util.TreeMap<>(strategies));
        }
    }
}
