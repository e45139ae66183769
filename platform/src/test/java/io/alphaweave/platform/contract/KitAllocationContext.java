package io.alphaweave.platform.contract;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The contract kit's own {@link AllocationContext}: everything computed from bars up to and
 * including {@link #day()} only, following the interface's documented definitions in the simplest
 * way. A stand-in for the host's portfolio manager, for the kit's use only.
 */
final class KitAllocationContext implements AllocationContext {
    /** Horizon, in bars, of the kit's past combined signals. */
    static final int SIGNAL_HORIZON = 5;

    private final MarketView data;
    private final int day;
    private final double[] alpha;
    private final boolean longOnly;
    private final double gross;

    KitAllocationContext(MarketView data, int day, double[] alpha, boolean longOnly, double gross) {
        this.data = data;
        this.day = day;
        this.alpha = alpha;
        this.longOnly = longOnly;
        this.gross = gross;
    }

    @Override
    public LocalDate date() {
        return data.date(day);
    }

    @Override
    public int day() {
        return day;
    }

    @Override
    public MarketView data() {
        return data;
    }

    @Override
    public double[] combinedAlpha() {
        return alpha;
    }

    @Override
    public boolean longOnly() {
        return longOnly;
    }

    @Override
    public double grossLeverage() {
        return gross;
    }

    /** σ (ddof = 1) of the last {@code window} returns between consecutive bars of the symbol up to the day. */
    @Override
    public double[] trailingVolatility(int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be ≥ 2, was " + window);
        }
        double[] out = new double[data.symbolCount()];
        for (int s = 0; s < out.length; s++) {
            double[] r = barReturns(s);
            if (r.length < window) {
                out[s] = Double.NaN;
                continue;
            }
            double mean = 0;
            for (int i = r.length - window; i < r.length; i++) {
                mean += r[i];
            }
            mean /= window;
            double ss = 0;
            for (int i = r.length - window; i < r.length; i++) {
                ss += (r[i] - mean) * (r[i] - mean);
            }
            out[s] = Math.sqrt(ss / (window - 1));
        }
        return out;
    }

    /** Sample covariance of calendar-day returns over the (up to) {@code window} days ending at the day; a missing return is 0. */
    @Override
    public double[][] trailingCovariance(int[] symbols, int window) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be ≥ 2, was " + window);
        }
        int m = symbols.length, len = Math.max(2, Math.min(window, day));
        double[][] r = new double[m][len];
        for (int i = 0; i < m; i++) {
            double[] c = data.close(symbols[i]);
            for (int k = 0; k < len; k++) {
                int d = day - len + 1 + k;
                double x = d >= 1 ? c[d] / c[d - 1] - 1 : Double.NaN;
                r[i][k] = Double.isNaN(x) ? 0.0 : x;
            }
        }
        double[][] cov = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = i; j < m; j++) {
                double mi = 0, mj = 0;
                for (int k = 0; k < len; k++) {
                    mi += r[i][k];
                    mj += r[j][k];
                }
                mi /= len;
                mj /= len;
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    sum += (r[i][k] - mi) * (r[j][k] - mj);
                }
                cov[i][j] = cov[j][i] = sum / (len - 1);
            }
        }
        return cov;
    }

    /** Outcomes of the kit's combined alpha ({@link KitData#combinedAlpha}) at earlier bars whose 5-bar horizon has elapsed. */
    @Override
    public double[] realisedSignalReturns(int symbol) {
        List<Integer> bars = new ArrayList<>();
        double[] c = data.close(symbol);
        for (int d = 0; d <= day; d++) {
            if (!Double.isNaN(c[d])) {
                bars.add(d);
            }
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i + SIGNAL_HORIZON < bars.size(); i++) {
            int s = bars.get(i), e = bars.get(i + SIGNAL_HORIZON);
            double a = KitData.combinedAlpha(data, s)[symbol];
            if (!Double.isNaN(a) && a != 0) {
                out.add(Math.signum(a) * (c[e] / c[s] - 1));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private double[] barReturns(int symbol) {
        double[] c = data.close(symbol);
        List<Double> r = new ArrayList<>();
        double prev = Double.NaN;
        for (int d = 0; d <= day; d++) {
            if (!Double.isNaN(c[d])) {
                if (!Double.isNaN(prev)) {
                    r.add(c[d] / prev - 1);
                }
                prev = c[d];
            }
        }
        return r.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
