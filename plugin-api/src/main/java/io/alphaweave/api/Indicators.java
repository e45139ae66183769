package io.alphaweave.api;

import java.util.Map;

/**
 * Technical indicator kernels provided by the host. Every function is causal (output {@code i}
 * depends on inputs {@code 0..i} only), returns a new array as long as its input (the {@code …Into}
 * variants write the same values into caller-owned arrays instead, for bulk code that reuses its
 * buffers), and yields {@code NaN} during its warm-up and wherever its window contains a {@code
 * NaN}. Pass a symbol's
 * compact series ({@link BarSeries}) to get the values an event-driven engine would compute.
 * Implementations are stateless and thread-safe.
 */
public interface Indicators {

    /**
     * Simple moving average; first value at index {@code window − 1}.
     *
     * @param x input series
     * @param window ≥ 1
     * @return SMA
     */
    double[] sma(double[] x, int window);

    /**
     * Exponential moving average with α = 2 / (window + 1), seeded with the SMA of the first
     * {@code window} values (first value at index {@code window − 1}).
     *
     * @param x input series
     * @param window ≥ 1
     * @return EMA
     */
    double[] ema(double[] x, int window);

    /**
     * Relative strength index with Wilder smoothing (α = 1 / window), seeded with the simple mean of
     * the first {@code window} up/down moves; first value at index {@code window}. x/0 → 100,
     * 0/0 → 50.
     *
     * @param x input series
     * @param window ≥ 1
     * @return RSI in [0, 100]
     */
    double[] rsi(double[] x, int window);

    /**
     * Bollinger bands: middle = SMA(window), bands = middle ± k·σ with σ the <em>population</em>
     * standard deviation of the window (divide by N).
     *
     * @param x input series
     * @param window ≥ 2
     * @param k band width in standard deviations, ≥ 0
     * @return the three bands
     */
    Bands bollinger(double[] x, int window, double k);

    /**
     * MACD: line = EMA(fast) − EMA(slow), signal = EMA(signal) of the line, histogram = line −
     * signal.
     *
     * @param x input series
     * @param fast fast EMA window, ≥ 1
     * @param slow slow EMA window, &gt; fast
     * @param signal signal EMA window, ≥ 1
     * @return the three series
     */
    Macd macd(double[] x, int fast, int slow, int signal);

    /**
     * {@link #rsi} written into a caller-owned array instead of a new one: for bulk strategies that
     * reuse buffers across symbols. Entries from {@code x.length} on are left as they are.
     *
     * @param x input series
     * @param window ≥ 1
     * @param out receives the RSI; at least {@code x.length} long
     * @throws InvalidParameterException on a bad window or a short {@code out}
     */
    default void rsiInto(double[] x, int window, double[] out) {
        requireRoom("out", out, x.length);
        System.arraycopy(rsi(x, window), 0, out, 0, x.length);
    }

    /**
     * {@link #bollinger} written into caller-owned arrays, each at least {@code x.length} long.
     *
     * @param x input series
     * @param window ≥ 2
     * @param k band width in standard deviations, ≥ 0
     * @param middle receives the middle band
     * @param upper receives the upper band
     * @param lower receives the lower band
     * @throws InvalidParameterException on bad parameters or a short array
     */
    default void bollingerInto(double[] x, int window, double k, double[] middle, double[] upper, double[] lower) {
        requireRoom("middle", middle, x.length);
        requireRoom("upper", upper, x.length);
        requireRoom("lower", lower, x.length);
        Bands b = bollinger(x, window, k);
        System.arraycopy(b.middle(), 0, middle, 0, x.length);
        System.arraycopy(b.upper(), 0, upper, 0, x.length);
        System.arraycopy(b.lower(), 0, lower, 0, x.length);
    }

    /**
     * {@link #macd} written into caller-owned arrays, each at least {@code x.length} long.
     *
     * @param x input series
     * @param fast fast EMA window, ≥ 1
     * @param slow slow EMA window, &gt; fast
     * @param signal signal EMA window, ≥ 1
     * @param line receives EMA(fast) − EMA(slow)
     * @param signalLine receives the EMA of the line
     * @param histogram receives line − signal
     * @throws InvalidParameterException on bad parameters or a short array
     */
    default void macdInto(
            double[] x, int fast, int slow, int signal, double[] line, double[] signalLine, double[] histogram) {
        requireRoom("line", line, x.length);
        requireRoom("signalLine", signalLine, x.length);
        requireRoom("histogram", histogram, x.length);
        Macd m = macd(x, fast, slow, signal);
        System.arraycopy(m.line(), 0, line, 0, x.length);
        System.arraycopy(m.signal(), 0, signalLine, 0, x.length);
        System.arraycopy(m.histogram(), 0, histogram, 0, x.length);
    }

    private static void requireRoom(String name, double[] out, int length) {
        if (out.length < length) {
            throw new InvalidParameterException(
                    name + " must hold at least " + length + " values (the input's length), had " + out.length);
        }
    }

    /**
     * Average true range with Wilder smoothing.
     *
     * @param high highs
     * @param low lows
     * @param close closes
     * @param window ≥ 1
     * @return ATR
     */
    double[] atr(double[] high, double[] low, double[] close, int window);

    /**
     * Rate of change in percent: 100 · (x[i] / x[i − window] − 1).
     *
     * @param x input series
     * @param window ≥ 1
     * @return ROC
     */
    double[] roc(double[] x, int window);

    /**
     * Rolling standard deviation.
     *
     * @param x input series
     * @param window ≥ 2
     * @param ddof delta degrees of freedom: 0 population, 1 sample
     * @return the rolling σ
     */
    double[] rollingStd(double[] x, int window, int ddof);

    /**
     * Rolling z-score: (x[i] − SMA(window)) / population σ(window); 0 when σ is 0.
     *
     * @param x input series
     * @param window ≥ 2
     * @return the z-scores
     */
    double[] zScore(double[] x, int window);

    /**
     * Any indicator the host knows by name (the native kernels above and ta4j indicators such as
     * {@code WilliamsRIndicator}), over one symbol's bars.
     *
     * @param name indicator name, e.g. {@code sma}, {@code rsi}, {@code CCIIndicator}
     * @param params its parameters by name (e.g. {@code window}); null or empty for defaults
     * @param bars the symbol's compact bars
     * @return one value per bar, {@code NaN} in the warm-up
     * @throws InvalidParameterException for an unknown name or a bad parameter
     */
    double[] byName(String name, Map<String, ?> params, BarSeries bars);

    /**
     * Bollinger bands.
     *
     * @param middle SMA
     * @param upper middle + kσ
     * @param lower middle − kσ
     */
    record Bands(double[] middle, double[] upper, double[] lower) {}

    /**
     * MACD output.
     *
     * @param line EMA(fast) − EMA(slow)
     * @param signal EMA of the line
     * @param histogram line − signal
     */
    record Macd(double[] line, double[] signal, double[] histogram) {}
}
