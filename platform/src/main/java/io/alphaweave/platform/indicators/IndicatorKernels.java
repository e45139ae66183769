package io.alphaweave.platform.indicators;

import io.alphaweave.api.BarSeries;
import io.alphaweave.api.Indicators;
import java.util.Map;

/** The host's indicator kernels over {@code double[]}: causal, NaN-aware, allocation-light. */
public final class IndicatorKernels implements Indicators {
    /** The shared stateless instance. */
    public static final IndicatorKernels INSTANCE = new IndicatorKernels();

    private IndicatorKernels() {}

    @Override
    public double[] sma(double[] x, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] ema(double[] x, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] rsi(double[] x, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public Bands bollinger(double[] x, int window, double k) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public Macd macd(double[] x, int fast, int slow, int signal) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] atr(double[] high, double[] low, double[] close, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] roc(double[] x, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] rollingStd(double[] x, int window, int ddof) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] zScore(double[] x, int window) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }

    @Override
    public double[] byName(String name, Map<String, ?> params, BarSeries bars) {
        throw new UnsupportedOperationException("TODO indicators issue");
    }
}
