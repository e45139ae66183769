package io.alphaweave.benchmarks;

import io.alphaweave.api.Indicators;
import io.alphaweave.platform.data.MarketData;
import io.alphaweave.platform.indicators.IndicatorKernels;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * RSI(14) + Bollinger(20, 2) + MACD(12, 26, 9) over 500 synthetic symbols × 5,000 days, single
 * threaded: the native kernels against ta4j-core's {@code DoubleNum} indicators on the same closes
 * (ta4j series are built once in the setup; each ta4j op creates fresh indicators, so its caches
 * start empty, and reads every value).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx8g"})
public class IndicatorBenchmark {
    static final int SYMBOLS = 500, DAYS = 5000;

    double[][] closes;

    /** The same synthetic panel as ta4j series, in its own state so the native run's heap stays small. */
    @State(Scope.Benchmark)
    public static class Ta4jSeries {
        BarSeries[] series;

        @Setup
        public void setup() {
            MarketData data = SyntheticPanel.generate(SYMBOLS, DAYS, 42);
            series = new BarSeries[SYMBOLS];
            for (int s = 0; s < SYMBOLS; s++) {
                BarSeries bs = new BaseBarSeriesBuilder()
                        .withNumFactory(DoubleNumFactory.getInstance())
                        .build();
                Duration day = Duration.ofDays(1);
                for (int d = 0; d < DAYS; d++) {
                    bs.barBuilder()
                            .timePeriod(day)
                            .endTime(Instant.EPOCH.plus(day.multipliedBy(d + 1L)))
                            .openPrice(data.open(s)[d])
                            .highPrice(data.high(s)[d])
                            .lowPrice(data.low(s)[d])
                            .closePrice(data.close(s)[d])
                            .volume(data.volume(s)[d])
                            .add();
                }
                series[s] = bs;
            }
        }
    }

    @Setup
    public void setup() {
        MarketData data = SyntheticPanel.generate(SYMBOLS, DAYS, 42);
        closes = new double[SYMBOLS][];
        for (int s = 0; s < SYMBOLS; s++) {
            closes[s] = data.close(s);
        }
    }

    /** The native kernels: RSI, Bollinger and MACD for every symbol. */
    @Benchmark
    public void alphaweaveKernels(Blackhole bh) {
        Indicators k = IndicatorKernels.INSTANCE;
        for (double[] c : closes) {
            bh.consume(k.rsi(c, 14));
            bh.consume(k.bollinger(c, 20, 2.0));
            bh.consume(k.macd(c, 12, 26, 9));
        }
    }

    /** ta4j-core DoubleNum: the same three indicators (all outputs read) for every symbol. */
    @Benchmark
    public void ta4jDoubleNum(Ta4jSeries ta4j, Blackhole bh) {
        for (BarSeries s : ta4j.series) {
            ClosePriceIndicator close = new ClosePriceIndicator(s);
            Num two = s.numFactory().numOf(2);
            RSIIndicator rsi = new RSIIndicator(close, 14);
            BollingerBandsMiddleIndicator middle = new BollingerBandsMiddleIndicator(new SMAIndicator(close, 20));
            StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
            BollingerBandsUpperIndicator upper = new BollingerBandsUpperIndicator(middle, sd, two);
            BollingerBandsLowerIndicator lower = new BollingerBandsLowerIndicator(middle, sd, two);
            MACDIndicator macd = new MACDIndicator(close, 12, 26);
            Indicator<Num> signal = macd.getSignalLine(9);
            Indicator<Num> hist = macd.getHistogram(9);
            double acc = 0;
            for (int i = 0; i < DAYS; i++) {
                acc += rsi.getValue(i).doubleValue()
                        + upper.getValue(i).doubleValue()
                        + lower.getValue(i).doubleValue()
                        + macd.getValue(i).doubleValue()
                        + signal.getValue(i).doubleValue()
                        + hist.getValue(i).doubleValue();
            }
            bh.consume(acc);
        }
    }
}
