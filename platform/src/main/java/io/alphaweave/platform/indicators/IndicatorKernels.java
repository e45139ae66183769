package io.alphaweave.platform.indicators;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.Indicators;
import io.alphaweave.api.InvalidParameterException;
import java.util.Arrays;
import java.util.Map;

/**
 * The host's indicator kernels over {@code double[]}: causal, NaN-aware, O(n) single passes with no
 * per-bar objects. Stateless and thread-safe.
 *
 * <p><b>Conventions</b> (see {@link Indicators} for the contract):
 *
 * <ul>
 *   <li>Window sums (SMA, Bollinger middle, z-score mean, and every seed mean below) are exact:
 *       a running double-double sum (TwoSum) rounded once per output, i.e. the correctly rounded
 *       sum of the window (what Python's {@code math.fsum}, used by classic event-driven engines,
 *       returns) divided by the window — no drift on long series, and a mathematical tie (fast SMA
 *       = slow SMA, close = middle band) stays a tie. σ is kept with a sliding Welford update (no
 *       {@code Σx² − n·mean²} cancellation), recomputed two-pass every {@value #RESUM_EVERY}
 *       outputs and after a {@code NaN}.
 *   <li>Recursive kernels (EMA, RSI, ATR, MACD) restart after a {@code NaN}: the output is {@code
 *       NaN} at the gap and through a fresh warm-up after it, exactly as if the series began anew
 *       (a symbol that starts late in the calendar is the common case).
 *   <li>Recursive smoothing uses the update e ← e·(1 − α) + x·α (the form classic event-driven
 *       engines use; one multiply-add on the loop-carried chain, no division).
 *   <li>EMA: α = 2/(window+1), seeded with the SMA of the first {@code window} values, first value
 *       at index {@code window − 1}. ta4j seeds its EMA with the first value instead; the two differ
 *       by a factor (1 − α)^n of the seed gap and agree to 1e-9 after a few hundred bars.
 *   <li>RSI: Wilder smoothing (α = 1/window) of up/down moves, seeded with the simple mean of the
 *       first {@code window} moves, first value at index {@code window}; avg loss 0 gives 100, and
 *       both averages 0 give 50. ta4j seeds with the first move (and returns 0 for 0/0).
 *   <li>ATR: true range from the second bar on (it needs the previous close), Wilder-smoothed and
 *       seeded with the mean of the first {@code window} true ranges, first value at index {@code
 *       window}. ta4j uses high − low as the first true range and seeds with it.
 *   <li>z-score: σ below 1e-12·max(1, |mean|) is treated as 0 (the rounding residue of a constant
 *       window) and gives a z-score of 0.
 * </ul>
 *
 * <p>{@link #byName} knows the native kernels by name and any ta4j-core indicator class by its
 * simple name; see {@link Ta4jBridge} for the constructor shapes it supports.
 */
public final class IndicatorKernels implements Indicators {
    /** The shared stateless instance. */
    public static final IndicatorKernels INSTANCE = new IndicatorKernels();

    /** How many outputs a running window sum may be updated incrementally before an exact re-sum. */
    static final int RESUM_EVERY = 256;

    private static final double ZERO_SIGMA = 1e-12;

    private IndicatorKernels() {}

    @Override
    public double[] sma(double[] x, int window) {
        requireAtLeast("window", window, 1);
        double[] out = new double[x.length];
        windowStats(x, window, 0, out, null);
        return out;
    }

    @Override
    public double[] ema(double[] x, int window) {
        requireAtLeast("window", window, 1);
        int n = x.length;
        double[] out = nans(n);
        emaInto(x, n, window, out);
        return out;
    }

    /**
     * EMA of x[0, n) into out (pre-filled with NaN); e = e·(1 − α) + x·α keeps one multiply-add on
     * the chain.
     */
    private static void emaInto(double[] x, int n, int window, double[] out) {
        double alpha = 2.0 / (window + 1), keep = 1 - alpha;
        int count = 0;
        double e = Double.NaN;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                count = 0;
                continue;
            }
            if (count < window) {
                if (++count == window) {
                    e = exactSum(x, i - window + 1, i + 1) / window;
                    out[i] = e;
                }
            } else {
                e = e * keep + v * alpha;
                out[i] = e;
            }
        }
    }

    /**
     * EMA(w1) − EMA(w2) of one series in one pass (MACD's line): the two recursions are independent
     * chains that overlap in the CPU. NaN until both are seeded; both restart after a NaN.
     */
    private static void emaDifference(double[] x, int w1, int w2, double[] out) {
        int n = x.length;
        double a1 = 2.0 / (w1 + 1), k1 = 1 - a1, a2 = 2.0 / (w2 + 1), k2 = 1 - a2;
        int c1 = 0, c2 = 0;
        double e1 = Double.NaN, e2 = Double.NaN;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                c1 = 0;
                c2 = 0;
                out[i] = Double.NaN;
                continue;
            }
            if (c1 < w1) {
                e1 = ++c1 == w1 ? exactSum(x, i - w1 + 1, i + 1) / w1 : Double.NaN;
            } else {
                e1 = e1 * k1 + v * a1;
            }
            if (c2 < w2) {
                e2 = ++c2 == w2 ? exactSum(x, i - w2 + 1, i + 1) / w2 : Double.NaN;
            } else {
                e2 = e2 * k2 + v * a2;
            }
            out[i] = e1 - e2;
        }
    }

    @Override
    public double[] rsi(double[] x, int window) {
        double[] out = new double[x.length];
        rsiInto(x, window, out);
        return out;
    }

    @Override
    public void rsiInto(double[] x, int window, double[] out) {
        requireAtLeast("window", window, 1);
        int n = x.length;
        requireRoom("out", out, n);
        Arrays.fill(out, 0, n, Double.NaN);
        double alpha = 1.0 / window, keep = 1 - alpha; // Wilder: α = 1/window
        int moves = 0;
        boolean havePrev = false;
        double prev = 0, avgGain = 0, avgLoss = 0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                havePrev = false;
                moves = 0;
                continue;
            }
            if (!havePrev) {
                havePrev = true;
                prev = v;
                continue;
            }
            double d = v - prev;
            prev = v;
            double gain = Math.max(d, 0.0); // branch-free: moves are unpredictable
            double loss = Math.max(-d, 0.0);
            if (moves < window) {
                if (++moves == window) {
                    avgGain = exactMoveSum(x, i - window, i, true) / window;
                    avgLoss = exactMoveSum(x, i - window, i, false) / window;
                    out[i] = rsiOf(avgGain, avgLoss);
                }
            } else {
                avgGain = avgGain * keep + gain * alpha;
                avgLoss = avgLoss * keep + loss * alpha;
                out[i] = rsiOf(avgGain, avgLoss);
            }
        }
    }

    /** Correctly rounded sum of the up (or down) moves x[j] − x[j − 1] for j in (from, to]. */
    private static double exactMoveSum(double[] x, int from, int to, boolean up) {
        double hi = 0, lo = 0;
        for (int j = from + 1; j <= to; j++) {
            double d = x[j] - x[j - 1];
            double v = up ? Math.max(d, 0.0) : Math.max(-d, 0.0);
            double t = hi + v, b = t - hi;
            lo += (hi - (t - b)) + (v - b);
            hi = t;
        }
        return hi + lo;
    }

    private static double rsiOf(double avgGain, double avgLoss) {
        if (avgLoss == 0.0) {
            return avgGain == 0.0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    @Override
    public Bands bollinger(double[] x, int window, double k) {
        int n = x.length;
        double[] middle = new double[n], upper = new double[n], lower = new double[n];
        bollingerInto(x, window, k, middle, upper, lower);
        return new Bands(middle, upper, lower);
    }

    @Override
    public void bollingerInto(double[] x, int window, double k, double[] middle, double[] upper, double[] lower) {
        requireAtLeast("window", window, 2);
        if (!(k >= 0) || Double.isInfinite(k)) {
            throw new InvalidParameterException("k must be a finite number ≥ 0, was " + k);
        }
        int n = x.length;
        requireRoom("middle", middle, n);
        requireRoom("upper", upper, n);
        requireRoom("lower", lower, n);
        windowStats(x, window, 0, middle, upper); // σ lands in upper, then becomes the band
        for (int i = 0; i < n; i++) {
            double m = middle[i], w = k * upper[i];
            upper[i] = m + w;
            lower[i] = m - w;
        }
    }

    @Override
    public Macd macd(double[] x, int fast, int slow, int signal) {
        int n = x.length;
        double[] line = new double[n], sig = new double[n], hist = new double[n];
        macdInto(x, fast, slow, signal, line, sig, hist);
        return new Macd(line, sig, hist);
    }

    @Override
    public void macdInto(
            double[] x, int fast, int slow, int signal, double[] line, double[] signalLine, double[] histogram) {
        requireAtLeast("fast", fast, 1);
        requireAtLeast("signal", signal, 1);
        if (slow <= fast) {
            throw new InvalidParameterException("slow must be > fast (" + fast + "), was " + slow);
        }
        int n = x.length;
        requireRoom("line", line, n);
        requireRoom("signalLine", signalLine, n);
        requireRoom("histogram", histogram, n);
        emaDifference(x, fast, slow, line);
        Arrays.fill(signalLine, 0, n, Double.NaN);
        emaInto(line, n, signal, signalLine);
        for (int i = 0; i < n; i++) {
            histogram[i] = line[i] - signalLine[i];
        }
    }

    @Override
    public double[] atr(double[] high, double[] low, double[] close, int window) {
        requireAtLeast("window", window, 1);
        int n = close.length;
        if (high.length != n || low.length != n) {
            throw new InvalidParameterException(
                    "high, low and close must have one length, were " + high.length + ", " + low.length + ", " + n);
        }
        double[] out = nans(n);
        double alpha = 1.0 / window, keep = 1 - alpha;
        boolean havePrev = false;
        int count = 0;
        double prevClose = 0, seed = 0, seedLo = 0, atr = 0;
        for (int i = 0; i < n; i++) {
            double h = high[i], l = low[i], c = close[i];
            if (Double.isNaN(h) || Double.isNaN(l) || Double.isNaN(c)) {
                havePrev = false;
                count = 0;
                seed = 0;
                seedLo = 0;
                continue;
            }
            if (!havePrev) {
                havePrev = true;
                prevClose = c;
                continue;
            }
            double tr = Math.max(h - l, Math.max(Math.abs(h - prevClose), Math.abs(l - prevClose)));
            prevClose = c;
            if (count < window) {
                double t = seed + tr, b = t - seed; // TwoSum: the seed mean is correctly rounded
                seedLo += (seed - (t - b)) + (tr - b);
                seed = t;
                if (++count == window) {
                    atr = (seed + seedLo) / window;
                    out[i] = atr;
                }
            } else {
                atr = atr * keep + tr * alpha;
                out[i] = atr;
            }
        }
        return out;
    }

    @Override
    public double[] roc(double[] x, int window) {
        requireAtLeast("window", window, 1);
        int n = x.length;
        double[] out = nans(n);
        int nanCount = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i])) {
                nanCount++;
            }
            if (i > window && Double.isNaN(x[i - window - 1])) {
                nanCount--;
            }
            if (i >= window && nanCount == 0) {
                double base = x[i - window];
                out[i] = (x[i] - base) / base * 100.0;
            }
        }
        return out;
    }

    @Override
    public double[] rollingStd(double[] x, int window, int ddof) {
        requireAtLeast("window", window, 2);
        if (ddof < 0 || ddof >= window) {
            throw new InvalidParameterException(
                    "ddof must be in [0, window − 1] = [0, " + (window - 1) + "], was " + ddof);
        }
        double[] mean = new double[x.length], sigma = new double[x.length];
        windowStats(x, window, ddof, mean, sigma);
        return sigma;
    }

    @Override
    public double[] zScore(double[] x, int window) {
        requireAtLeast("window", window, 2);
        int n = x.length;
        double[] mean = new double[n], sigma = new double[n];
        windowStats(x, window, 0, mean, sigma);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double m = mean[i], s = sigma[i];
            if (Double.isNaN(m) || Double.isNaN(s)) {
                out[i] = Double.NaN;
            } else if (s <= ZERO_SIGMA * Math.max(1.0, Math.abs(m))) {
                out[i] = 0.0;
            } else {
                out[i] = (x[i] - m) / s;
            }
        }
        return out;
    }

    /**
     * Whether {@link #byName} finds a ta4j-core indicator class of this simple name.
     *
     * @param name a simple class name such as {@code CCIIndicator}; null gives false
     * @return true when the class exists in the searched ta4j packages and is a concrete indicator
     */
    public static boolean isTa4jIndicator(String name) {
        return name != null && Ta4jBridge.exists(name);
    }

    @Override
    public double[] byName(String name, Map<String, ?> params, BarSeries bars) {
        return NamedIndicators.compute(this, name, params, bars);
    }

    /**
     * One pass over the rolling windows: the mean from an exact running sum and, when {@code sigma}
     * is not null, σ with divisor
     * (window − ddof) from a sliding Welford update (recomputed on the same schedule). Cells without
     * a full NaN-free window get NaN. SMA, Bollinger, rolling σ and z-score all use this, so the
     * Bollinger middle is the SMA bit for bit.
     */
    private static void windowStats(double[] x, int window, int ddof, double[] mean, double[] sigma) {
        int n = x.length;
        boolean wantSigma = sigma != null;
        double invWindow = 1.0 / window, divisor = window - ddof;
        double hi = 0, lo = 0; // the window sum as an unevaluated double-double: exact, never drifts
        double wMean = 0, m2 = 0;
        int nanCount = 0;
        int sinceExact = RESUM_EVERY; // forces an exact σ start at the first full window
        for (int i = 0; i < n; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                nanCount++;
            } else {
                double t = hi + v, b = t - hi; // TwoSum: t + error = hi + v exactly
                lo += (hi - (t - b)) + (v - b);
                hi = t;
            }
            double old = Double.NaN;
            if (i >= window) {
                old = x[i - window];
                if (Double.isNaN(old)) {
                    nanCount--;
                } else {
                    double t = hi - old, b = t - hi;
                    lo += (hi - (t - b)) + (-old - b);
                    hi = t;
                }
            }
            if (i < window - 1 || nanCount > 0) {
                mean[i] = Double.NaN;
                if (wantSigma) {
                    sigma[i] = Double.NaN;
                }
                sinceExact = RESUM_EVERY;
                continue;
            }
            double sum = hi + lo; // rounded once: the correctly rounded window sum (as math.fsum)
            mean[i] = sum / window;
            if (!wantSigma) {
                continue;
            }
            if (sinceExact >= RESUM_EVERY) {
                int from = i - window + 1;
                wMean = sum / window;
                m2 = 0;
                for (int j = from; j <= i; j++) {
                    double d = x[j] - wMean;
                    m2 += d * d;
                }
                sinceExact = 0;
            } else {
                double delta = v - old;
                double newMean = wMean + delta * invWindow;
                m2 += delta * (v - newMean + old - wMean);
                wMean = newMean;
                if (m2 < 0) {
                    m2 = 0;
                }
            }
            sinceExact++;
            sigma[i] = Math.sqrt(m2 / divisor);
        }
    }

    /** The correctly rounded sum of x[from, to) (double-double accumulation, rounded once). */
    static double exactSum(double[] x, int from, int to) {
        double hi = 0, lo = 0;
        for (int j = from; j < to; j++) {
            double v = x[j], t = hi + v, b = t - hi;
            lo += (hi - (t - b)) + (v - b);
            hi = t;
        }
        return hi + lo;
    }

    static double[] nans(int n) {
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        return out;
    }

    private static void requireRoom(String name, double[] out, int length) {
        if (out.length < length) {
            throw new InvalidParameterException(
                    name + " must hold at least " + length + " values (the input's length), had " + out.length);
        }
    }

    static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidParameterException(name + " must be ≥ " + min + ", was " + value);
        }
    }
}
