package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceStageTest {

    /** 3 symbols × 150 days (two full windows and a short one); symbol 1 has no bar on days 60–70. */
    private static MarketData panel() {
        int n = 3, days = 150;
        double[][] open = new double[n][days], close = new double[n][days];
        for (int s = 0; s < n; s++) {
            for (int d = 0; d < days; d++) {
                boolean gap = s == 1 && d >= 60 && d <= 70;
                open[s][d] = gap ? Double.NaN : 1000 * s + d + 0.25;
                close[s][d] = gap ? Double.NaN : 1000 * s + d + 0.75;
            }
        }
        LocalDate[] cal = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            cal[d] = LocalDate.of(2020, 1, 1).plusDays(d);
        }
        return new MarketData(cal, List.of("A", "B", "C"), open, close, open, close, close, null);
    }

    @Test
    void everyDayInOrderReadsThatDaysOpenAndCloseOfEverySymbol() {
        MarketData data = panel();
        PriceStage stage = new PriceStage(data);
        for (int t = 0; t < data.dayCount(); t++) {
            int row = stage.row(t);
            for (int s = 0; s < 3; s++) {
                assertThat((Double) stage.open[row + s])
                        .as("open of %d on day %d", s, t)
                        .isEqualTo((Double) data.open(s)[t]);
                assertThat((Double) stage.close[row + s])
                        .as("close of %d on day %d", s, t)
                        .isEqualTo((Double) data.close(s)[t]);
            }
        }
    }

    @Test
    void aGapInsideTheWindowStaysNaNAndJumpingBackRefillsTheWindow() {
        MarketData data = panel();
        PriceStage stage = new PriceStage(data);
        int row = stage.row(65);
        assertThat(stage.close[row + 1]).isNaN();
        assertThat(stage.close[row + 2]).isEqualTo(2065.75);
        row = stage.row(3);
        assertThat(stage.open[row]).isEqualTo(3.25);
        row = stage.row(149);
        assertThat(stage.close[row + 1]).isEqualTo(1149.75);
    }
}
