package io.alphaweave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrategySignalTest {
    private static final LocalDate DAY = LocalDate.of(2017, 3, 1);

    @Test
    void acceptsTheBoundsOfEveryRange() {
        StrategySignal low = StrategySignal.of(DAY, "AAPL", -1.0, 0.0, 1);
        StrategySignal high = StrategySignal.of(DAY, "AAPL", 1.0, 1.0, 250);
        assertThat(low.alphaScore()).isEqualTo(-1.0);
        assertThat(high.confidence()).isEqualTo(1.0);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, 1.0000001, -1.5, Double.POSITIVE_INFINITY})
    void rejectsAnAlphaOutsideMinusOneToOneNamingTheFieldAndValue(double alpha) {
        assertThatThrownBy(() -> StrategySignal.of(DAY, "AAPL", alpha, 0.5, 5))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("alphaScore must be in [-1, 1], was " + alpha)
                .hasMessageContaining("AAPL");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, -0.01, 1.01})
    void rejectsAConfidenceOutsideZeroToOne(double confidence) {
        assertThatThrownBy(() -> StrategySignal.of(DAY, "MSFT", 0.2, confidence, 5))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("confidence must be in [0, 1], was " + confidence);
    }

    @Test
    void rejectsAHorizonBelowOneDay() {
        assertThatThrownBy(() -> StrategySignal.of(DAY, "MSFT", 0.2, 0.5, 0))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("horizonDays must be ≥ 1, was 0");
    }

    @Test
    void rejectsABlankSymbol() {
        assertThatThrownBy(() -> StrategySignal.of(DAY, " ", 0.2, 0.5, 1))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("symbol must not be blank");
    }

    @Test
    void copiesItsMetadataSoTheCallerCannotMutateIt() {
        Map<String, Object> meta = new HashMap<>();
        meta.put("rsi", 27.5);
        StrategySignal signal = new StrategySignal(DAY, "AAPL", 0.1, 0.1, 5, false, meta);
        meta.put("rsi", 99.0);
        assertThat(signal.metadata()).containsEntry("rsi", 27.5);
        assertThatThrownBy(() -> signal.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}
