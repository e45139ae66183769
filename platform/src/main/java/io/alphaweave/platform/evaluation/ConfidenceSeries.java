package io.alphaweave.platform.evaluation;

import java.time.LocalDate;

/**
 * A strategy's confidence over time: per trading day, the mean confidence and mean |alpha| over the
 * symbols with a view, and how many symbols had one. Immutable (arrays copied in and out).
 *
 * @param dates the trading days
 * @param meanConfidence mean confidence per day, NaN on days without any view
 * @param meanAbsAlpha mean |alpha| per day, NaN on days without any view
 * @param symbolsWithView number of symbols with a view per day
 */
public record ConfidenceSeries(
        LocalDate[] dates, double[] meanConfidence, double[] meanAbsAlpha, int[] symbolsWithView) {

    /** Checks lengths and copies the arrays. */
    public ConfidenceSeries {
        int n = dates.length;
        if (meanConfidence.length != n || meanAbsAlpha.length != n || symbolsWithView.length != n) {
            throw new IllegalArgumentException("all arrays must have one entry per date (" + n + ")");
        }
        dates = dates.clone();
        meanConfidence = meanConfidence.clone();
        meanAbsAlpha = meanAbsAlpha.clone();
        symbolsWithView = symbolsWithView.clone();
    }

    @Override
    public LocalDate[] dates() {
        return dates.clone();
    }

    @Override
    public double[] meanConfidence() {
        return meanConfidence.clone();
    }

    @Override
    public double[] meanAbsAlpha() {
        return meanAbsAlpha.clone();
    }

    @Override
    public int[] symbolsWithView() {
        return symbolsWithView.clone();
    }
}
