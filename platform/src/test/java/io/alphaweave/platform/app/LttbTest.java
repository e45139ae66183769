package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LttbTest {
    @Test
    void aLongSeriesKeepsExactlyTheThresholdWithItsEndsAndAscendingIndices() {
        double[] y = new double[10_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 100.0);
        }
        int[] keep = Lttb.indices(y, 500);
        assertThat(keep).hasSize(500);
        assertThat(keep[0]).isZero();
        assertThat(keep[499]).isEqualTo(9_999);
        for (int i = 1; i < keep.length; i++) {
            assertThat(keep[i]).isGreaterThan(keep[i - 1]);
        }
    }

    @Test
    void aSingleSpikeInAFlatSeriesSurvivesTheDownsampling() {
        double[] y = new double[5_000];
        y[3_217] = 50;
        y[1_000] = -20;
        int[] keep = Lttb.indices(y, 100);
        assertThat(keep).contains(3_217, 1_000);
    }

    @Test
    void aSeriesNoLongerThanTheThresholdComesBackWhole() {
        assertThat(Lttb.indices(new double[] {1, 2, 3, 4}, 4)).containsExactly(0, 1, 2, 3);
        assertThat(Lttb.indices(new double[0], 10)).isEmpty();
    }

    @Test
    void notANumberValuesDoNotBreakTheChoice() {
        double[] y = new double[300];
        for (int i = 0; i < 100; i++) {
            y[i] = Double.NaN;
        }
        y[200] = 9;
        assertThat(Lttb.indices(y, 20)).hasSize(20).contains(200);
    }

    @Test
    void aThresholdBelowThreeIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> Lttb.indices(new double[10], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold must be ≥ 3, was 2");
    }
}
