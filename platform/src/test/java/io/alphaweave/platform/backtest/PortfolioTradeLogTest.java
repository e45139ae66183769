package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortfolioTradeLogTest {

    @Test
    void storesFillsAcrossChunksAndRecomputesPriceAndCommissionFromTheOpen() {
        int days = 50, symbols = 7;
        LocalDate[] calendar = new LocalDate[days];
        double[][] open = new double[symbols][days], close = new double[symbols][days];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int d = 0; d < days; d++) {
            calendar[d] = LocalDate.of(2020, 1, 1).plusDays(d);
            for (int s = 0; s < symbols; s++) {
                open[s][d] = 10 + 90 * rnd.nextDouble();
                close[s][d] = open[s][d];
            }
        }
        MarketData data = new MarketData(
                calendar, List.of("A", "B", "C", "D", "E", "F", "G"), open, open, open, close, open, null);
        PortfolioTradeLog log = new PortfolioTradeLog(data, List.of("x", "y"), new TradingCosts(3, 7, true));
        int fills = 2 * PortfolioTradeLog.CHUNK + 123;
        double[] attr = new double[2 * symbols];
        double[] quantity = new double[fills];
        for (int i = 0; i < fills; i++) {
            int s = i % symbols;
            attr[2 * s] = rnd.nextDouble();
            attr[2 * s + 1] = 1 - attr[2 * s];
            quantity[i] = rnd.nextDouble() < 0.5 ? -1 - rnd.nextInt(100) : 0.5 + rnd.nextInt(100);
            log.add(i * days / fills, Math.max(0, i * days / fills - 1), s, quantity[i], attr, 2 * s);
            if (i == fills - 1) {
                assertThat(log.attribution(i, 0)).isEqualTo((float) attr[2 * s]);
            }
        }
        assertThat(log.size()).isEqualTo(fills);
        for (int i : new int[] {0, 1, PortfolioTradeLog.CHUNK - 1, PortfolioTradeLog.CHUNK, fills - 1}) {
            int d = i * days / fills, s = i % symbols;
            assertThat(log.day(i)).isEqualTo(d);
            assertThat(log.symbol(i)).isEqualTo(s);
            assertThat(log.quantity(i)).isEqualTo(quantity[i]);
            // slippage 7 bps against the order, commission 3 bps of the traded value
            double px = open[s][d] * (1 + Math.signum(quantity[i]) * 0.0007);
            assertThat(log.price(i)).isEqualTo(px);
            assertThat(log.commission(i)).isEqualTo(Math.abs(quantity[i] * px) * 0.0003);
        }
        var trade = log.trades().get(PortfolioTradeLog.CHUNK);
        assertThat(trade.date()).isEqualTo(calendar[PortfolioTradeLog.CHUNK * days / fills]);
        assertThat(trade.attribution().keySet()).containsExactlyInAnyOrder("x", "y");
        assertThat(log.fills()).hasSize(fills);
        assertThatThrownBy(() -> log.day(fills)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
