package io.alphaweave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AlphaNormalizerTest {
    private static final double NAN = Double.NaN;

    @Test
    void rankGivesTiesTheirMeanRankAndKeepsNaN() {
        // ranks of {3, 1, 3, NaN, 2}: 1 → 1, 2 → 2, the two 3s share (3 + 4) / 2 = 3.5; n = 4
        double[] out = AlphaNormalizer.RANK.apply(new double[] {3, 1, 3, NAN, 2});
        assertThat(out[1]).isEqualTo(-1.0); // 2·(1 − 1)/3 − 1
        assertThat(out[4]).isCloseTo(2.0 * 1 / 3 - 1, within(1e-15)); // rank 2
        assertThat(out[0]).isCloseTo(2.0 * 2.5 / 3 - 1, within(1e-15)); // rank 3.5
        assertThat(out[2]).isEqualTo(out[0]);
        assertThat(out[3]).isNaN();
    }

    @Test
    void minMaxMapsTheExtremesToPlusAndMinusOne() {
        double[] out = AlphaNormalizer.MIN_MAX.apply(new double[] {10, 20, 15, NAN});
        assertThat(out).containsExactly(-1.0, 1.0, 0.0, NAN);
    }

    @Test
    void zScoreDividesByThreeSigmaAndClips() {
        // {1, 3}: mean 2, population σ 1 → z = ∓1 → ∓1/3
        double[] out = AlphaNormalizer.Z_SCORE.apply(new double[] {1, 3});
        assertThat(out[0]).isCloseTo(-1.0 / 3, within(1e-15));
        assertThat(out[1]).isCloseTo(1.0 / 3, within(1e-15));
        double[] flat = AlphaNormalizer.Z_SCORE.apply(new double[] {5, 5, 5});
        assertThat(flat).containsExactly(0.0, 0.0, 0.0);
    }

    @Test
    void everyNormaliserStaysInRangeAndPreservesOrder() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            double[] raw = new double[1 + rnd.nextInt(40)];
            for (int i = 0; i < raw.length; i++) {
                raw[i] = rnd.nextInt(10) == 0 ? NAN : rnd.nextGaussian() * 50;
            }
            for (AlphaNormalizer n : AlphaNormalizer.values()) {
                double[] out = n.apply(raw);
                for (int i = 0; i < raw.length; i++) {
                    assertThat(Double.isNaN(out[i])).isEqualTo(Double.isNaN(raw[i]));
                    if (!Double.isNaN(out[i])) {
                        assertThat(out[i]).isBetween(-1.0, 1.0);
                    }
                    for (int j = 0; j < raw.length; j++) {
                        if (raw[i] < raw[j]) {
                            assertThat(out[i]).as(n + " keeps order").isLessThanOrEqualTo(out[j]);
                        }
                    }
                }
            }
        }
    }
}
