package io.alphaweave.plugins.core.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive rank and the day-major bulk path give bit for bit what a straightforward reference gives. */
class MomentumRankFastPathTest {

    /** The reference: boxed indexes sorted by Double.compare, ties (==) sharing their mean rank. */
    private static void referenceRank(double[] values, double[] alpha, double[] rank, int minSymbols) {
        int n = values.length;
        List<Integer> ranked = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            if (!Double.isNaN(values[s])) {
                ranked.add(s);
            }
        }
        Arrays.fill(alpha, Double.NaN);
        Arrays.fill(rank, Double.NaN);
        int m = ranked.size();
        if (m < minSymbols) {
            return;
        }
        ranked.sort((x, y) -> Double.compare(values[x], values[y]));
        for (int i = 0; i < m; ) {
            int j = i;
            while (j + 1 < m && values[ranked.get(j + 1)] == values[ranked.get(i)]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                rank[ranked.get(k)] = (i + j) / 2.0;
                alpha[ranked.get(k)] = m == 1 ? 0.0 : 2 * ((i + j) / 2.0) / (m - 1) - 1;
            }
            i = j + 1;
        }
    }

    @Test
    void primitiveRankEqualsTheBoxedReferenceWithTiesSignedZerosAndGaps() {
        SplittableRandom rnd = new SplittableRandom(17);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rnd.nextInt(60);
            double[] v = new double[n];
            for (int s = 0; s < n; s++) {
                int kind = rnd.nextInt(8);
                v[s] = switch (kind) {
                    case 0 -> Double.NaN;
                    case 1 -> 0.0;
                    case 2 -> -0.0;
                    case 3 -> rnd.nextInt(3) - 1.0; // many ties
                    default -> rnd.nextGaussian();
                };
            }
            assertRankEqualsReference(v, 1 + rnd.nextInt(6));
        }
    }

    @Test
    void radixRankEqualsTheReferenceOnLargeUniversesWithExtremeValues() {
        SplittableRandom rnd = new SplittableRandom(29);
        double[] extremes = {
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL,
            -1.0,
            0.0,
            -0.0
        };
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(4000);
            double[] v = new double[n];
            for (int s = 0; s < n; s++) {
                int kind = rnd.nextInt(20);
                v[s] = switch (kind) {
                    case 0 -> Double.NaN;
                    case 1 -> extremes[rnd.nextInt(extremes.length)];
                    case 2 -> Math.round(rnd.nextGaussian() * 4) / 4.0; // ties
                    case 3 -> rnd.nextDouble() * 1e-300; // subnormal and tiny: only low digits differ
                    default -> rnd.nextGaussian() * 0.3;
                };
            }
            assertRankEqualsReference(v, 1 + rnd.nextInt(6));
        }
    }

    private static void assertRankEqualsReference(double[] v, int min) {
        int n = v.length;
        double[] a1 = new double[n], r1 = new double[n], a2 = new double[n], r2 = new double[n];
        referenceRank(v, a1, r1, min);
        MomentumRankStrategy.rankDay(v, a2, r2, min);
        assertThat(a2).containsExactly(a1);
        assertThat(r2).containsExactly(r1);
    }

    @Test
    void bulkSignalsEqualADayByDayReferenceOnAPanelWithAndWithoutGaps() {
        SplittableRandom rnd = new SplittableRandom(23);
        int n = 37, days = 300, lookback = 20;
        double[][] close = new double[n][days];
        List<String> names = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            names.add("S" + s);
            double p = 20 + 50 * rnd.nextDouble();
            for (int d = 0; d < days; d++) {
                p *= 1 + 0.02 * rnd.nextGaussian();
                // a few symbols start late, odd ones have holes, even ones a bar every day (the
                // in-place path); some prices repeat to make ties
                boolean missing = (s % 7 == 0 && d < 40) || (s % 2 == 1 && rnd.nextInt(25) == 0);
                close[s][d] = missing ? Double.NaN : (s % 5 == 0 ? Math.round(p) : p);
            }
        }
        LocalDate[] calendar = new LocalDate[days];
        for (int d = 0; d < days; d++) {
            calendar[d] = LocalDate.of(2020, 1, 1).plusDays(d);
        }
        MarketData data = new MarketData(calendar, names, close, close, close, close, close, null);
        var strategy = new MomentumRankStrategy().configure(Map.of("lookback", lookback, "min_symbols", 5));
        AlphaMatrix bulk = new AlphaMatrix(n, days);
        strategy.generateAlphaSignals(data, bulk);

        // reference: each symbol's return over its own last `lookback` bars, ranked day by day
        double[][] ret = new double[n][days];
        for (int s = 0; s < n; s++) {
            Arrays.fill(ret[s], Double.NaN);
            List<Integer> bars = new ArrayList<>();
            for (int d = 0; d < days; d++) {
                if (!Double.isNaN(close[s][d])) {
                    bars.add(d);
                    int i = bars.size() - 1;
                    if (i >= lookback) {
                        ret[s][d] = close[s][d] / close[s][bars.get(i - lookback)] - 1;
                    }
                }
            }
        }
        int views = 0;
        double[] col = new double[n], alpha = new double[n], rank = new double[n];
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < n; s++) {
                col[s] = ret[s][d];
            }
            referenceRank(col, alpha, rank, 5);
            for (int s = 0; s < n; s++) {
                // bit patterns: NaN equals NaN, and the exact double otherwise
                assertThat(Double.doubleToLongBits(bulk.alpha(s)[d]))
                        .as("alpha of S%d on day %d", s, d)
                        .isEqualTo(Double.doubleToLongBits(alpha[s]));
                double confidence = Double.isNaN(alpha[s]) ? Double.NaN : Math.abs(alpha[s]);
                assertThat(Double.doubleToLongBits(bulk.confidence(s)[d]))
                        .isEqualTo(Double.doubleToLongBits(confidence));
                views += Double.isNaN(alpha[s]) ? 0 : 1;
            }
        }
        assertThat(views).isGreaterThan(n * (days - lookback - 60));
    }
}
