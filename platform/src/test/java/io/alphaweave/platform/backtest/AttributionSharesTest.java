package io.alphaweave.platform.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AttributionSharesTest {
    private static double[] shares(double combined, double... contributions) {
        double[][] c = new double[contributions.length][1];
        for (int k = 0; k < contributions.length; k++) {
            c[k][0] = contributions[k];
        }
        // symbol 0's shares at an offset, between other symbols' entries that must stay untouched
        double[] out = new double[contributions.length + 2];
        Arrays.fill(out, -7.0);
        PortfolioEngine.shares(c, combined, 0, out, 1);
        assertThat(out[0]).isEqualTo(-7.0);
        assertThat(out[out.length - 1]).isEqualTo(-7.0);
        return Arrays.copyOfRange(out, 1, 1 + contributions.length);
    }

    @Test
    void agreeingStrategiesShareByContributionOverCombinedAlpha() {
        assertThat(shares(0.4, 0.3, 0.1)).containsExactly(new double[] {0.75, 0.25}, within(1e-15));
        assertThat(shares(-0.5, -0.2, -0.3, 0.0)).containsExactly(new double[] {0.4, 0.6, 0.0}, within(1e-15));
    }

    @Test
    void aStrategyPushingAgainstThePositionGetsNoShare() {
        assertThat(shares(0.4, 0.6, -0.2)).containsExactly(new double[] {1.0, 0.0}, within(1e-15));
        assertThat(shares(-0.1, 0.3, -0.3, -0.1)).containsExactly(new double[] {0.0, 0.75, 0.25}, within(1e-15));
    }

    @Test
    void withoutADirectionSharesFollowAbsoluteContributionsOrSplitEqually() {
        assertThat(shares(0.0, 0.2, -0.2)).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
        assertThat(shares(Double.NaN, 0.0, 0.0, 0.0))
                .containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-15));
    }
}
