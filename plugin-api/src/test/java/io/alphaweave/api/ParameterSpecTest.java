package io.alphaweave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {
    private final List<ParameterSpec> specs = List.of(
            ParameterSpec.ofInt("window", 20, 2, 500, "look-back in bars"),
            ParameterSpec.ofDouble("k", 2.0, 0.0, 10.0, "band width in σ"),
            ParameterSpec.ofBoolean("zscore", false, "z-score first"),
            ParameterSpec.ofString("mode", "erc", "solver"));

    @Test
    void fillsDefaultsForOmittedParameters() {
        Parameters p = Parameters.resolve(specs, Map.of("window", 14));
        assertThat(p.getInt("window")).isEqualTo(14);
        assertThat(p.getDouble("k")).isEqualTo(2.0);
        assertThat(p.getBoolean("zscore")).isFalse();
        assertThat(p.getString("mode")).isEqualTo("erc");
    }

    @Test
    void treatsNullRawValuesAsAllDefaults() {
        Parameters p = Parameters.resolve(specs, null);
        assertThat(p.getInt("window")).isEqualTo(20);
        assertThat(p.values()).hasSize(4);
    }

    @Test
    void namesTheParameterTheRuleAndTheValueWhenBelowItsMinimum() {
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("window", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("window must be ≥ 2, was 1");
    }

    @Test
    void rejectsAFractionalValueForAnIntegerParameter() {
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("window", 2.5)))
                .hasMessageContaining("window must be a whole number, was 2.5");
    }

    @Test
    void acceptsAWholeDoubleForAnIntegerParameterAsYamlAndJsonProduceThem() {
        assertThat(Parameters.resolve(specs, Map.of("window", 30.0)).getInt("window"))
                .isEqualTo(30);
    }

    @Test
    void rejectsTextWhereANumberIsDeclared() {
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("k", "two")))
                .hasMessageContaining("k must be a finite number, was \"two\"");
    }

    @Test
    void rejectsAnUnknownParameterListingTheKnownOnes() {
        assertThatThrownBy(() -> Parameters.resolve(specs, Map.of("windw", 3)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("[windw]")
                .hasMessageContaining("[window, k, zscore, mode]");
    }

    @Test
    void rejectsADefaultOutsideItsOwnRange() {
        assertThatThrownBy(() -> ParameterSpec.ofInt("window", 1, 2, 10, "x"))
                .hasMessageContaining("window must be ≥ 2, was 1");
    }

    @Test
    void componentInfoRequiresSnakeCaseIdsAndAHorizonForStrategies() {
        assertThatThrownBy(() -> new ComponentInfo("RsiRev", ComponentKind.STRATEGY, "1", 5, "s", "", List.of()))
                .hasMessageContaining("lower snake_case");
        assertThatThrownBy(() -> new ComponentInfo("rsi", ComponentKind.STRATEGY, "1", 0, "s", "", List.of()))
                .hasMessageContaining("horizonDays of strategy rsi must be ≥ 1, was 0");
        assertThatThrownBy(() -> new ComponentInfo("w", ComponentKind.COMBINER, "1", 3, "s", "", List.of()))
                .hasMessageContaining("must be 0, was 3");
    }
}
