package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.platform.backtest.TestComponents.Constant;
import io.alphaweave.platform.backtest.TestComponents.Proportional;
import io.alphaweave.platform.backtest.TestComponents.WeightedAverage;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.portfolio.Constraints;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A held symbol without a bar on a decision day cannot trade; the book must still respect its gross limit. */
class StuckPositionTest {

    @Test
    void aHeldSymbolWithoutABarKeepsItsWeightAndTheOthersShareWhatIsLeftOfTheGross() {
        // three symbols at a constant price of 100; A has no bar on days 2 and 3
        int days = 6;
        LocalDate[] calendar = new LocalDate[days];
        for (int t = 0; t < days; t++) {
            calendar[t] = LocalDate.of(2020, 1, 6).plusDays(t);
        }
        double[][] px = new double[3][days];
        for (double[] row : px) {
            Arrays.fill(row, 100.0);
        }
        px[0][2] = Double.NaN;
        px[0][3] = Double.NaN;
        MarketData data = new MarketData(
                calendar, List.of("A", "B", "C"), px, px, px, px, new double[][] {px[0], px[1], px[2]}, null);
        PortfolioSetup setup = new PortfolioSetup(
                List.of(new WeightedStrategy(new Constant("flat", 0.5), 1.0)),
                new WeightedAverage("weighted"),
                new Proportional("proportional"),
                new Constraints(1.0, 1.0, 1, true, 1.0),
                RebalanceSchedule.DAILY,
                new TradingCosts(0, 0, true),
                300_000);

        PortfolioResult r = PortfolioBacktest.run(data, setup);

        // day 0 decides 1/3 each, filled at day 1's open: 1,000 shares of each at 100
        // day 2: A has no bar and no view; it keeps its 1/3 until its next bar (day 4), so B and C
        // may hold only the remaining 2/3 between them — 1/3 each, the same as before: no trade.
        // Without freezing A, B and C would each buy up to 1/2 on day 3 and the book would be 4/3 gross.
        for (int t = 1; t < days; t++) {
            assertThat(r.grossBook()[t] / r.equity()[t])
                    .as("gross on day %d", t)
                    .isLessThanOrEqualTo(1.0 + 1e-12);
        }
        assertThat(r.equity()[days - 1]).isCloseTo(300_000, within(1e-6));
        assertThat(r.bindingConstraints()).anySatisfy(b -> {
            assertThat(b.constraint()).isEqualTo("gross_leverage");
            assertThat(b.detail()).contains("1 held symbol(s) without a bar");
        });
    }
}
