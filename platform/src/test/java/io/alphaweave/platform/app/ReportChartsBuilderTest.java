package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsBuilderTest {
    @Test
    void drawdownIsTheFallFromTheRunningPeak() {
        assertThat(ReportChartsBuilder.drawdown(new double[] {100, 120, 90, 130}))
                .containsExactly(new double[] {0, 0, -0.25, 0}, within(1e-12));
    }

    @Test
    void monthlyAndYearlyReturnsCompoundTheDailyReturns() {
        LocalDate[] dates = {
            LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3), LocalDate.of(2020, 2, 3), LocalDate.of(2021, 3, 1)
        };
        double[] r = {0.10, 0.10, -0.5, 0.2};
        var grid = ReportChartsBuilder.monthly(dates, r);
        assertThat(grid.years()).containsExactly(2020, 2021);
        assertThat(grid.cells())
                .containsExactly(List.of(0.0, 0.0, 0.21), List.of(0.0, 1.0, -0.5), List.of(1.0, 2.0, 0.2));
        var yearly = ReportChartsBuilder.yearly(dates, r);
        assertThat(yearly.labels()).containsExactly("2020", "2021");
        assertThat(yearly.values().get(0)).isCloseTo(1.21 * 0.5 - 1, within(1e-9));
    }

    @Test
    void rollingStatisticsStartAfterAFullWindowAndAnnualise() {
        double[] r = {0.01, -0.01, 0.01, -0.01, 0.03};
        double[] sharpe = new double[5], vol = new double[5];
        ReportChartsBuilder.rolling(r, 4, sharpe, vol);
        assertThat(vol[2]).isNaN();
        double sd = Math.sqrt((4 * 0.0001) / 3);
        assertThat(vol[3]).isCloseTo(sd * Math.sqrt(252), within(1e-12));
        assertThat(sharpe[3]).isCloseTo(0, within(1e-12));
        assertThat(sharpe[4]).isGreaterThan(0);
    }

    @Test
    void formatKeepsFourDecimalsAndShowsADashForNotANumber() {
        assertThat(ReportChartsBuilder.format(0.123456)).isEqualTo("0.1235");
        assertThat(ReportChartsBuilder.format(12)).isEqualTo("12");
        assertThat(ReportChartsBuilder.format(Double.NaN)).isEqualTo("—");
    }
}
