package com.example.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.alphaweave.api.AlphaMatrix;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.platform.data.MarketData;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Worked examples with numbers computed by hand from the rule in the class Javadoc. */
class VolumeBreakoutStrategyTest {
    private static final double EPS = 1e-12;

    private static MarketData panel(double[] close, double[] volume) {
        LocalDate[] cal = new LocalDate[close.length];
        for (int d = 0; d < cal.length; d++) {
            cal[d] = LocalDate.of(2021, 3, 1).plusDays(d);
        }
        double[][] px = {close};
        return new MarketData(cal, List.of("XYZ"), px, px, px, px, new double[][] {volume}, null);
    }

    private static final double[] CLOSE = {10, 11, 10.5, 11.4, 11, 10.2};
    private static final double[] VOLUME = {100, 100, 100, 240, 100, 330};

    private final Strategy strategy = new VolumeBreakoutStrategy().configure(Map.of("window", 3));

    private Optional<StrategySignal> at(MarketData data, int day) {
        return strategy.generateAlphaSignal(new SignalContext(data, day), "XYZ");
    }

    @Test
    void hasNoViewDuringTheFirstWindowBars() {
        MarketData data = panel(CLOSE, VOLUME);
        assertThat(at(data, 0)).isEmpty();
        assertThat(at(data, 1)).isEmpty();
        assertThat(at(data, 2)).isEmpty();
    }

    @Test
    void goesLongOnABreakoutAboveTheRangeWithAVolumeSurge() {
        // previous closes 10, 11, 10.5: hi 11, lo 10; avg volume 100, ratio 240/100 = 2.4 ≥ 1.5
        // alpha = (11.4 − 11) / (11 − 10) = 0.4; confidence = 2.4 / (2 · 1.5) = 0.8
        StrategySignal s = at(panel(CLOSE, VOLUME), 3).orElseThrow();
        assertThat(s.alphaScore()).isCloseTo(0.4, within(EPS));
        assertThat(s.confidence()).isCloseTo(0.8, within(EPS));
        assertThat(s.horizonDays()).isEqualTo(5);
        assertThat(s.metadata())
                .containsEntry("range_high", 11.0)
                .containsEntry("range_low", 10.0)
                .containsEntry("volume_ratio", 2.4);
    }

    @Test
    void staysFlatInsideTheRangeButReportsTheVolumeConfidence() {
        // previous closes 11, 10.5, 11.4: 11 is inside; avg volume (100+100+240)/3 = 440/3,
        // ratio = 100 / (440/3) = 300/440; confidence = (300/440) / 3 = 100/440
        StrategySignal s = at(panel(CLOSE, VOLUME), 4).orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(0.0);
        assertThat(s.confidence()).isCloseTo(100.0 / 440.0, within(EPS));
    }

    @Test
    void goesShortOnABreakdownBelowTheRangeWithAVolumeSurge() {
        // previous closes 10.5, 11.4, 11: hi 11.4, lo 10.5; avg volume 440/3, ratio 330·3/440 = 2.25
        // alpha = −(10.5 − 10.2) / (11.4 − 10.5) = −1/3; confidence = 2.25 / 3 = 0.75
        StrategySignal s = at(panel(CLOSE, VOLUME), 5).orElseThrow();
        assertThat(s.alphaScore()).isCloseTo(-1.0 / 3.0, within(EPS));
        assertThat(s.confidence()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void aBreakoutWithoutEnoughVolumeIsNoSignal() {
        // same prices as the long case, but volume 140: ratio 1.4 < 1.5
        double[] volume = {100, 100, 100, 140, 100, 330};
        StrategySignal s = at(panel(CLOSE, volume), 3).orElseThrow();
        assertThat(s.alphaScore()).isEqualTo(0.0);
        assertThat(s.confidence()).isCloseTo(1.4 / 3.0, within(EPS));
    }

    @Test
    void countsBarsNotCalendarDaysAcrossAGap() {
        // day 2 has no bar: the window of day 4 is the bars of days 0, 1, 3
        double[] close = {10, 11, Double.NaN, 10.5, 11.4};
        double[] volume = {100, 100, Double.NaN, 100, 240};
        MarketData data = panel(close, volume);
        assertThat(at(data, 2)).isEmpty();
        assertThat(at(data, 3)).isEmpty(); // only 2 bars before it
        assertThat(at(data, 4).orElseThrow().alphaScore()).isCloseTo(0.4, within(EPS));
    }

    @Test
    void theBulkPathGivesTheSameNumbers() {
        MarketData data = panel(CLOSE, VOLUME);
        AlphaMatrix m = new AlphaMatrix(1, CLOSE.length);
        strategy.generateAlphaSignals(data, m);
        assertThat(m.alpha(0)[2]).isNaN();
        assertThat(m.alpha(0)[3]).isCloseTo(0.4, within(EPS));
        assertThat(m.alpha(0)[5]).isCloseTo(-1.0 / 3.0, within(EPS));
    }

    @Test
    void rejectsAWindowBelowTwo() {
        assertThatThrownBy(() -> new VolumeBreakoutStrategy().configure(Map.of("window", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("window must be ≥ 2, was 1");
    }
}
