package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
    private static final NaturalRanking COMMONS_RANKING = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE);
    private static final SpearmansCorrelation COMMONS = new SpearmansCorrelation(COMMONS_RANKING);

    @Test
    void averageRanksOfAWorkedExample() {
        // sorted: -1 (1), -0.0 (2), 0.0 (3), 2, 2, 2 (4, 5, 6 → 5), 7 (7)
        double[] ranks = RankCorrelation.averageRanks(new double[] {2, -1, 7, 0.0, 2, -0.0, 2});
        assertThat(ranks).containsExactly(5, 1, 7, 3, 5, 2, 5);
        assertThat(RankCorrelation.averageRanks(new double[] {3, 3})).containsExactly(1.5, 1.5);
    }

    @Test
    void spearmanEqualsCommonsMathBitForBitOnTiedAndSignedZeroSamples() {
        SplittableRandom rnd = new SplittableRandom(20261203L);
        for (int trial = 0; trial < 5_000; trial++) {
            int n = 2 + rnd.nextInt(120);
            double[] x = new double[n], y = new double[n];
            int levels = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                // coarse levels give many ties; signed zeros are distinct to both rankings
                x[i] = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? 0.0 : -0.0) : rnd.nextInt(levels) - levels / 2.0;
                y[i] = rnd.nextBoolean() ? rnd.nextGaussian() : Math.round(rnd.nextGaussian() * 3) / 3.0;
            }
            assertThat(RankCorrelation.averageRanks(x)).containsExactly(COMMONS_RANKING.rank(x));
            double ours = RankCorrelation.spearman(x, y), theirs = COMMONS.correlation(x, y);
            assertThat(Double.doubleToLongBits(ours))
                    .as("trial %d: %s vs %s", trial, ours, theirs)
                    .isEqualTo(Double.doubleToLongBits(theirs));
        }
    }
}
