package io.alphaweave.platform.backtest;

import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * When a portfolio backtest decides: on the close of the decision day, with orders filling at each
 * symbol's next open. The last day of the data is never a decision day (nothing could fill).
 */
public enum RebalanceSchedule {
    /** Every trading day. */
    DAILY,
    /** The last trading day of each ISO week (Monday–Sunday) in the data's calendar. */
    WEEKLY,
    /** The last trading day of each calendar month in the data's calendar. */
    MONTHLY;

    /**
     * @param data the calendar
     * @return one flag per calendar day, true on decision days
     */
    public boolean[] decisionDays(MarketView data) {
        int n = data.dayCount();
        boolean[] out = new boolean[n];
        for (int d = 0; d + 1 < n; d++) {
            LocalDate a = data.date(d), b = data.date(d + 1);
            out[d] = switch (this) {
                case DAILY -> true;
                case WEEKLY ->
                    a.get(IsoFields.WEEK_BASED_YEAR) != b.get(IsoFields.WEEK_BASED_YEAR)
                            || a.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != b.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTHLY -> a.getYear() != b.getYear() || a.getMonth() != b.getMonth();
            };
        }
        return out;
    }

    /**
     * @param name {@code daily}, {@code weekly} or {@code monthly} (any case)
     * @return the schedule
     * @throws BacktestConfigException naming the field and the allowed values
     */
    public static RebalanceSchedule parse(String name) {
        for (RebalanceSchedule s : values()) {
            if (s.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new BacktestConfigException("rebalance must be one of daily, weekly, monthly, was \"" + name + "\"");
    }

    /** @return the lower-case name used in configs */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
