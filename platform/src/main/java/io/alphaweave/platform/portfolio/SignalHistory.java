package io.alphaweave.platform.portfolio;

import io.alphaweave.api.MarketView;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The combined alphas a manager decided, in decision order, and their realised outcomes. Only each
 * alpha's sign matters for the outcomes, so a decision is kept as one byte per symbol (+1, −1, or 0
 * for a zero or missing alpha) — an eighth of the combined alphas. Not thread-safe.
 */
final class SignalHistory {
    private record Decision(int day, LocalDate date, byte[] sign) {}

    private final int horizonDays;
    private final List<Decision> decisions = new ArrayList<>();

    SignalHistory(int horizonDays) {
        this.horizonDays = horizonDays;
    }

    int lastDay() {
        return decisions.isEmpty() ? -1 : decisions.getLast().day();
    }

    void record(MarketView data, int day, double[] combinedAlpha) {
        byte[] sign = new byte[combinedAlpha.length];
        for (int i = 0; i < sign.length; i++) {
            sign[i] = (byte) Math.signum(combinedAlpha[i]); // branch-free; NaN → NaN → (byte) 0
        }
        decisions.add(new Decision(day, data.date(day), sign));
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
            int a = decision.sign()[symbol];
            double entry = close[s];
            if (a == 0 || Double.isNaN(entry)) {
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
                out[n++] = a * (close[d] / entry - 1.0);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
