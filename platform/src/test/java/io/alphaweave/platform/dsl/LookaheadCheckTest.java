package io.alphaweave.platform.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalContext;
import io.alphaweave.api.Strategy;
import io.alphaweave.api.StrategySignal;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.ComponentSource;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LookaheadCheckTest {
    private static final LookaheadCheck CHECK = LookaheadCheck.synthetic();

    /** A centred 5-bar mean: uses the two bars after t — the classic accidental peek. */
    static final class CentredMeanStrategy implements Strategy {
        @Override
        public ComponentInfo describe() {
            return new ComponentInfo("centred_mean", ComponentKind.STRATEGY, "1.0.0", 1, "peeks", "", List.of());
        }

        @Override
        public Strategy configure(Map<String, ?> params) {
            return this;
        }

        @Override
        public Optional<StrategySignal> generateAlphaSignal(SignalContext context, String symbol) {
            double[] c = context.data().close(context.data().indexOf(symbol));
            int d = context.day();
            if (d < 2 || d + 2 >= c.length) {
                return Optional.empty();
            }
            double mean = (c[d - 2] + c[d - 1] + c[d] + c[d + 1] + c[d + 2]) / 5;
            if (Double.isNaN(mean) || Double.isNaN(c[d])) {
                return Optional.empty();
            }
            return Optional.of(StrategySignal.of(context.date(), symbol, Math.tanh(mean / c[d] - 1), 1.0, 1));
        }
    }

    @Test
    void rejectsAJavaStrategyWithACentredWindowNamingTheFirstDayAndSymbol() {
        assertThatThrownBy(() -> CHECK.check(new CentredMeanStrategy()))
                .isInstanceOfSatisfying(LookaheadException.class, e -> {
                    // the first cut keeps days 0..100 (40 % of 250): day 99 needs day 101
                    assertThat(e.day()).isEqualTo(LocalDate.of(2015, 5, 22));
                    assertThat(e.symbol()).isEqualTo("SYNA");
                    assertThat(e.getMessage())
                            .contains("strategy centred_mean looks ahead")
                            .contains("SYNA on 2015-05-22")
                            .contains("cut after 2015-05-25");
                });
    }

    @Test
    void rejectsAYamlStrategyWithACentredWindow() {
        DefinitionLoader.Loaded peek = DefinitionLoader.shared().parse("peek.yaml", """
                        id: peek
                        kind: strategy
                        horizon_days: 1
                        alpha: |
                          if (i < 2 || i + 2 >= series.close.length) return null;
                          const c = series.close;
                          return Math.tanh((c[i-2] + c[i-1] + c[i] + c[i+1] + c[i+2]) / 5 / close - 1);
                        """);
        // the window runs over each symbol's own bars, so a symbol missing a bar near the cut peeks
        // past it a day earlier than the calendar suggests
        assertThatThrownBy(() -> CHECK.check((Strategy) peek.component()))
                .isInstanceOfSatisfying(LookaheadException.class, e -> {
                    System.out.println("yaml peek: " + e.getMessage());
                    assertThat(e.day()).isBetween(LocalDate.of(2015, 5, 20), LocalDate.of(2015, 5, 22));
                    assertThat(e.getMessage())
                            .contains("strategy peek looks ahead: its alpha for " + e.symbol() + " on " + e.day())
                            .contains("but NaN with the data cut after 2015-05-25");
                });
    }

    @Test
    void rejectsAJavaScriptModuleThatReadsTheNextBar() {
        DefinitionLoader.Loaded peek = DefinitionLoader.shared().parse("next.js", """
                        export const id = 'next_bar';
                        export const kind = 'strategy';
                        export const horizon_days = 1;
                        export function alpha(i, s) {
                          return i + 1 < s.close.length ? (s.close[i + 1] > s.close[i] ? 1 : -1) : 0;
                        }
                        """);
        assertThatThrownBy(() -> CHECK.check((Strategy) peek.component()))
                .isInstanceOf(LookaheadException.class)
                .hasMessageContaining("strategy next_bar looks ahead");
    }

    @Test
    void acceptsCausalScriptedStrategies() {
        String yaml = """
                id: causal
                kind: strategy
                horizon_days: 5
                indicators:
                  bb: {fn: bollinger, window: 20, k: 2}
                  mom: {fn: roc, window: 10}
                alpha: clamp(-(close - bb_middle) / (bb_upper - bb_middle) / 2 + mom / 100, -1, 1)
                """;
        Strategy s =
                (Strategy) DefinitionLoader.shared().parse("causal.yaml", yaml).component();
        assertThatCode(() -> CHECK.check(s)).doesNotThrowAnyException();
    }

    @Test
    void isTheRegistrysValidatorSoAPeekingStrategyIsRecordedAsFailed() {
        try (ComponentRegistry registry =
                ComponentRegistry.builder().validator(CHECK).build()) {
            ComponentEntry e = registry.register(ComponentSource.java("centred"), new CentredMeanStrategy());
            assertThat(e.isLoaded()).isFalse();
            assertThat(e.status().reason()).contains("looks ahead").contains("SYNA on 2015-05-22");
        }
    }
}
