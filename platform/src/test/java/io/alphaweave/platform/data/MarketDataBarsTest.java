package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.BarSeries;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketDataBarsTest {

    @Test
    void barsOfAGapFreeSymbolShareThePanelsColumnsAndEqualTheCompactCopy() {
        double nan = Double.NaN;
        double[][] close = {{1, 2, 3, 4}, {nan, 5, nan, 6}};
        double[][] open = {{1.5, 2.5, 3.5, 4.5}, {nan, 5.5, nan, 6.5}};
        LocalDate[] calendar = {
            LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 3), LocalDate.of(2020, 1, 6), LocalDate.of(2020, 1, 7)
        };
        MarketData data = new MarketData(calendar, List.of("A", "B"), open, close, close, close, open, null);
        for (int s = 0; s < 2; s++) {
            BarSeries fast = data.bars(s), copy = BarSeries.compact(data, s);
            assertThat(fast.days()).containsExactly(copy.days());
            assertThat(fast.open()).containsExactly(copy.open());
            assertThat(fast.high()).containsExactly(copy.high());
            assertThat(fast.low()).containsExactly(copy.low());
            assertThat(fast.close()).containsExactly(copy.close());
            assertThat(fast.volume()).containsExactly(copy.volume());
        }
        assertThat(data.bars(0).close()).isSameAs(data.close(0));
        assertThat(data.bars(1).days()).containsExactly(1, 3);
    }
}
