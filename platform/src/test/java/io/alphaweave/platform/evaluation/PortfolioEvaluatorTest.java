package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortfolioEvaluatorTest {
    private static final LocalDate D0 = LocalDate.of(2024, 1, 1);

    private static Fill fill(int day, String sym, double qty, double price, double commission) {
        return new Fill(D0.plusDays(day), day, sym, qty, price, commission);
    }

    @Test
    void matchesFillsIntoFlatToFlatRoundTripsWithAverageCost() {
        List<Fill> fills = List.of(
                fill(0, "A", 10, 100, 1), // open long 10 @ 100
                fill(1, "B", -5, 50, 0.5), // open short 5 @ 50
                fill(2, "A", 10, 110, 1), // add: avg cost 105
                fill(3, "A", -5, 120, 1), // realise 5·15 = 75
                fill(4, "B", 5, 40, 0.5), // close short: 5·10 = 50
                fill(5, "A", -15, 100, 1)); // realise 15·(−5) = −75 → flat
        List<RoundTrip> trips = PortfolioEvaluator.roundTrips(fills);
        assertThat(trips).hasSize(2);
        RoundTrip b = trips.get(0);
        assertThat(b.symbol()).isEqualTo("B");
        assertThat(b.direction()).isEqualTo(-1);
        assertThat(b.grossPnl()).isCloseTo(50, within(1e-12));
        assertThat(b.pnl()).isCloseTo(49, within(1e-12));
        assertThat(b.holdingDays()).isEqualTo(3);
        RoundTrip a = trips.get(1);
        assertThat(a.grossPnl()).isCloseTo(0, within(1e-12));
        assertThat(a.commission()).isCloseTo(4, within(1e-12));
        assertThat(a.pnl()).isCloseTo(-4, within(1e-12));
        assertThat(a.holdingDays()).isEqualTo(5);
        assertThat(a.entryDate()).isEqualTo(D0);
        assertThat(a.exitDate()).isEqualTo(D0.plusDays(5));

        TradeMetrics m = PortfolioEvaluator.tradeMetrics(fills);
        assertThat(m.roundTrips()).isEqualTo(2);
        assertThat(m.winRate()).isCloseTo(0.5, within(1e-12));
        assertThat(m.profitFactor()).isCloseTo(49.0 / 4.0, within(1e-12));
        assertThat(m.avgWinLossRatio()).isCloseTo(49.0 / 4.0, within(1e-12));
        assertThat(m.avgHoldingPeriod()).isCloseTo(4.0, within(1e-12));
        assertThat(m.openPositions()).isZero();
    }

    @Test
    void aFlippingFillClosesOneRoundTripAndOpensTheNextSplittingItsCommission() {
        List<Fill> fills = List.of(fill(0, "A", 10, 100, 1), fill(2, "A", -30, 90, 3), fill(7, "A", 20, 80, 2));
        List<RoundTrip> trips = PortfolioEvaluator.roundTrips(fills);
        assertThat(trips).hasSize(2);
        // long 10: gross −100, commission 1 + 3·(10/30)
        assertThat(trips.get(0).grossPnl()).isCloseTo(-100, within(1e-12));
        assertThat(trips.get(0).commission()).isCloseTo(2, within(1e-12));
        // short 20 @ 90 closed @ 80: +200, commission 3·(20/30) + 2
        assertThat(trips.get(1).direction()).isEqualTo(-1);
        assertThat(trips.get(1).grossPnl()).isCloseTo(200, within(1e-12));
        assertThat(trips.get(1).commission()).isCloseTo(4, within(1e-12));
        assertThat(trips.get(1).holdingDays()).isEqualTo(5);
    }

    @Test
    void countsPositionsStillOpenAtTheEndWithoutEvaluatingThem() {
        TradeMetrics m = PortfolioEvaluator.tradeMetrics(List.of(fill(0, "A", 1, 10, 0), fill(1, "B", 2, 10, 0)));
        assertThat(m.roundTrips()).isZero();
        assertThat(m.openPositions()).isEqualTo(2);
        assertThat(m.winRate()).isNaN();
    }

    @Test
    void computesTurnoverAgainstTheMeanGrossBookOfTwoDays() {
        double[] traded = {100, 0, 50, 25};
        double[] gross = {100, 110, 90, 0};
        double[] daily = PortfolioEvaluator.dailyTurnover(traded, gross);
        // day 0: the book before the start counts as 0 → 100 / 50
        assertThat(daily).containsExactly(new double[] {2.0, 0.0, 50 / 100.0, 25 / 45.0}, within(1e-12));
        TurnoverMetrics t = PortfolioEvaluator.turnover(traded, gross);
        double mean = (2.0 + 0.5 + 25 / 45.0) / 4;
        assertThat(t.dailyMean()).isCloseTo(mean, within(1e-12));
        assertThat(t.annualised()).isCloseTo(mean * 252, within(1e-10));
    }

    @Test
    void sumsEachStrategysDailyContributions() {
        List<StrategyContribution> c = PortfolioEvaluator.contributions(
                List.of("a", "b"), new double[][] {{0.01, 0.02, -0.005}, {0.0, -0.01, 0.005}});
        assertThat(c.get(0).contribution()).isCloseTo(0.025, within(1e-15));
        assertThat(c.get(1).contribution()).isCloseTo(-0.005, within(1e-15));
        assertThat(c.get(0).share()).isCloseTo(0.025 / 0.02, within(1e-12));
    }
}
