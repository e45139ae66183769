package io.alphaweave.platform.portfolio;

import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The combined alphas a manager decided, in decision order, and their realised outcomes. Not thread-safe. */
final class SignalHistory {
    private record Decision(int day, LocalDate date, double[] alpha) {}

    private final int horizonDays;
    private final List<Decision> decisions = new ArrayList<>();

    SignalHistory(int horizonDays) {
        this.horizonDays = horizonDays;
    }

    int lastDay() {
        return decisions.isEmpty() ? -1 : decisions.getLast().day();
    }

    void record(MarketView data, int day, double[] combinedAlpha) {
        decisions.add(new Decision(day, data.date(day), combinedAlpha.clone()));
    }

    /**
     * sign(alpha_s) · (close[s+h] / close[s] − 1) for every recorded decision s with a non-zero alpha
     * on the symbol, a bar on s, and its h-th following bar dated on or before {@code day}.
     */
    double[] realisedReturns(MarketView data, int symbol, int day) {
        double[] close = data.close(symbol);
        double[] out = new double[decisions.size()];
        int n = 0;
        for (Decision decision : decisions) {
            int s = decision.day();
            if (s >= day) {
                break;
            }
            if (!data.date(s).equals(decision.date())) {
                throw new IllegalArgumentException("the signal history was recorded on another calendar: day " + s
                        + " was " + decision.date() + ", is " + data.date(s));
            }
            double a = decision.alpha()[symbol];
            double entry = close[s];
            if (Double.isNaN(a) || a == 0.0 || Double.isNaN(entry)) {
                continue;
            }
            int bars = 0;
            int d = s;
            while (bars < horizonDays && d < day) {
                d++;
                if (!Double.isNaN(close[d])) {
                    bars++;
                }
            }
            if (bars == horizonDays) {
                out[n++] = Math.signum(a) * (close[d] / entry - 1.0);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
