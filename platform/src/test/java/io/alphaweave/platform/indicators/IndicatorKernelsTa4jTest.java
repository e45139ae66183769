package io.alphaweave.platform.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.Indicators;
import io.alphaweave.platform.backtest.SharedSp500;
import io.alphaweave.platform.data.MarketData;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.Num;

/**
 * The kernels against ta4j-core 0.22.2 ({@code DoubleNum}) on real S&amp;P 500 bars, to 1e-9.
 * Windowed indicators agree from their first full window. EMA, RSI, MACD and ATR are seeded
 * differently (ta4j: first value; here: SMA of the first window — DESIGN §4); the seed gap decays by
 * (1 − α) per bar, so they are compared from bar {@value #CONVERGED} on, where (1 − 1/14)^400 ≈ 1e-13.
 */
class IndicatorKernelsTa4jTest {
    static final int CONVERGED = 400;
    private static final Offset<Double> TOL = Offset.offset(1e-9);
    private final IndicatorKernels k = IndicatorKernels.INSTANCE;

    static Stream<String> symbols() {
        MarketData data = SharedSp500.load();
        // every 10th symbol: 51 real series of about 1,259 bars each
        return IntStream.range(0, data.symbolCount()).filter(s -> s % 10 == 0).mapToObj(s -> data.symbols()
                .get(s));
    }

    @ParameterizedTest
    @MethodSource("symbols")
    void windowedKernelsMatchTa4jFromTheirFirstFullWindow(String symbol) {
        MarketData data = SharedSp500.load();
        BarSeries bars = data.bars(data.indexOf(symbol));
        var series = Ta4jBridge.toSeries(bars);
        var close = new ClosePriceIndicator(series);
        double[] x = bars.close();

        same(k.sma(x, 20), new SMAIndicator(close, 20), 19);
        same(k.roc(x, 10), new ROCIndicator(close, 10), 10);
        var sd = new StandardDeviationIndicator(close, 20);
        same(k.rollingStd(x, 20, 0), sd, 19);
        var middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
        Indicators.Bands b = k.bollinger(x, 20, 2.0);
        same(b.middle(), middle, 19);
        same(
                b.upper(),
                new BollingerBandsUpperIndicator(middle, sd, series.numFactory().numOf(2)),
                19);
        same(
                b.lower(),
                new BollingerBandsLowerIndicator(middle, sd, series.numFactory().numOf(2)),
                19);
        double[] sample = k.rollingStd(x, 20, 1);
        double[] z = k.zScore(x, 20);
        for (int i = 19; i < x.length; i++) {
            double pop = sd.getValue(i).doubleValue();
            assertThat(sample[i]).isCloseTo(pop * Math.sqrt(20.0 / 19), TOL);
            double expectedZ = (x[i] - middle.getValue(i).doubleValue()) / pop;
            assertThat(z[i]).isCloseTo(expectedZ, Offset.offset(1e-9 * Math.max(1, Math.abs(expectedZ))));
        }
    }

    static Stream<String> longSymbols() {
        MarketData data = SharedSp500.load();
        // every 10th symbol with enough bars for the seed gap to decay (a few late listings have fewer)
        return IntStream.range(0, data.symbolCount())
                .filter(s -> s % 10 == 0 && data.bars(s).length() >= CONVERGED + 200)
                .mapToObj(s -> data.symbols().get(s));
    }

    @ParameterizedTest
    @MethodSource("longSymbols")
    void recursiveKernelsConvergeToTa4jAfterTheSeedDecays(String symbol) {
        MarketData data = SharedSp500.load();
        BarSeries bars = data.bars(data.indexOf(symbol));
        var series = Ta4jBridge.toSeries(bars);
        var close = new ClosePriceIndicator(series);
        double[] x = bars.close();

        same(k.ema(x, 12), new EMAIndicator(close, 12), CONVERGED);
        same(k.ema(x, 26), new EMAIndicator(close, 26), CONVERGED);
        same(k.rsi(x, 14), new RSIIndicator(close, 14), CONVERGED);
        same(k.atr(bars.high(), bars.low(), x, 14), new ATRIndicator(series, 14), CONVERGED);
        var macd = new MACDIndicator(close, 12, 26);
        Indicators.Macd m = k.macd(x, 12, 26, 9);
        same(m.line(), macd, CONVERGED);
        same(m.signal(), macd.getSignalLine(9), CONVERGED);
        same(m.histogram(), macd.getHistogram(9), CONVERGED);
    }

    private static void same(double[] ours, Indicator<Num> theirs, int from) {
        assertThat(ours).hasSize(theirs.getBarSeries().getBarCount());
        for (int i = from; i < ours.length; i++) {
            double expected = theirs.getValue(i).doubleValue();
            assertThat(ours[i]).as("index %d of %s", i, theirs).isCloseTo(expected, TOL);
        }
    }
}
