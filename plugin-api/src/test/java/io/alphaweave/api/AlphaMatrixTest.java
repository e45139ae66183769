package io.alphaweave.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AlphaMatrixTest {

    @Test
    void startsWithNoViewAnywhere() {
        AlphaMatrix m = new AlphaMatrix(2, 3);
        assertThat(m.alpha(1)).containsOnly(Double.NaN);
        assertThat(m.confidence(0)).containsOnly(Double.NaN);
    }

    @Test
    void twoThreadsWritingDistinctDaysOfAFreshRowLoseNoWrite() throws Exception {
        // a row is allocated on first access: two threads racing to create it must end up sharing one
        int days = 64, rounds = 10_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < rounds; r++) {
                AlphaMatrix m = new AlphaMatrix(1, days);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                List<java.util.concurrent.Future<?>> writers = new java.util.ArrayList<>();
                for (int parity = 0; parity < 2; parity++) {
                    int first = parity;
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (int d = first; d < days; d += 2) {
                            m.set(0, d, d / 100.0, 1.0);
                        }
                        return null;
                    }));
                }
                for (var w : writers) {
                    w.get();
                }
                for (int d = 0; d < days; d++) {
                    assertThat(m.alpha(0)[d]).as("round %d, day %d", r, d).isEqualTo(d / 100.0);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRowThatWasNeverTouchedIsValidAndReadsAsNoView() {
        AlphaMatrix m = new AlphaMatrix(3, 4);
        m.set(1, 2, -0.25, 0.5);
        m.validate("demo", new TinyView()); // the view only names a bad cell
        assertThat(m.alpha(0)).containsOnly(Double.NaN);
        assertThat(m.confidence(2)).containsOnly(Double.NaN);
        assertThat(m.alpha(1)).containsExactly(Double.NaN, Double.NaN, -0.25, Double.NaN);
    }

    @Test
    void validationNamesSymbolDateAndValueOfTheFirstBadCell() {
        TinyView view = new TinyView();
        AlphaMatrix m = new AlphaMatrix(1, 3);
        m.set(0, 0, 0.5, 0.5);
        m.set(0, 2, 1.5, 0.5);
        assertThatThrownBy(() -> m.validate("demo", view))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("demo emitted alphaScore=1.5")
                .hasMessageContaining("AAA on 2020-01-03");
    }

    /** One row of three days: a valid cell, no view, then the cell under test. */
    private static AlphaMatrix rowEndingWith(double alpha, double confidence) {
        AlphaMatrix m = new AlphaMatrix(1, 3);
        m.set(0, 0, 0.5, 0.5);
        m.set(0, 2, alpha, confidence);
        return m;
    }

    static Stream<Arguments> validCells() {
        return Stream.of(
                Arguments.of(1.0, 1.0),
                Arguments.of(-1.0, 0.0),
                Arguments.of(-0.0, -0.0),
                Arguments.of(0.0, 1.0),
                Arguments.of(Double.MIN_VALUE, Double.MIN_VALUE),
                Arguments.of(Double.NaN, Double.NaN));
    }

    @ParameterizedTest(name = "alpha {0}, confidence {1}")
    @MethodSource("validCells")
    void validationAcceptsTheEdgesOfTheRanges(double alpha, double confidence) {
        AlphaMatrix m = rowEndingWith(alpha, confidence);
        m.validate("demo", new TinyView());
        assertThat(Double.doubleToRawLongBits(m.alpha(0)[2])).isEqualTo(Double.doubleToRawLongBits(alpha));
    }

    static Stream<Arguments> invalidCells() {
        return Stream.of(
                Arguments.of(Math.nextUp(1.0), 0.5),
                Arguments.of(Math.nextDown(-1.0), 0.5),
                Arguments.of(Double.POSITIVE_INFINITY, 0.5),
                Arguments.of(Double.NEGATIVE_INFINITY, 0.0),
                Arguments.of(0.5, -Double.MIN_VALUE),
                Arguments.of(0.5, Math.nextUp(1.0)),
                Arguments.of(0.5, Double.POSITIVE_INFINITY),
                Arguments.of(Double.NaN, 0.5),
                Arguments.of(0.5, Double.NaN));
    }

    @ParameterizedTest(name = "alpha {0}, confidence {1}")
    @MethodSource("invalidCells")
    void validationRejectsACellJustOutsideTheRulesAndNamesIt(double alpha, double confidence) {
        AlphaMatrix m = rowEndingWith(alpha, confidence);
        assertThatThrownBy(() -> m.validate("demo", new TinyView()))
                .isInstanceOf(InvalidSignalException.class)
                .hasMessageContaining("alphaScore=" + alpha + ", confidence=" + confidence)
                .hasMessageContaining("AAA on 2020-01-03");
    }

    @Test
    void validationOfARangeOfRowsChecksThoseRowsOnly() {
        AlphaMatrix m = new AlphaMatrix(3, 3);
        m.set(0, 1, 2.0, 0.5);
        m.set(2, 1, 0.5, 0.5);
        TinyView view = new TinyView();
        m.validate("demo", view, 1, 3);
        assertThatThrownBy(() -> m.validate("demo", view, 0, 1)).hasMessageContaining("alphaScore=2.0");
        assertThatThrownBy(() -> m.validate("demo", view, 2, 4))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("rows [2, 4) must lie in [0, 3]");
    }

    @Test
    void validationRejectsAnAlphaWithoutConfidence() {
        AlphaMatrix m = new AlphaMatrix(1, 3);
        m.set(0, 1, 0.5, Double.NaN);
        assertThatThrownBy(() -> m.validate("demo", new TinyView())).hasMessageContaining("both NaN or neither");
    }

    @Test
    void defaultBulkPathAndLegacySignalsFollowTheEasyPath() {
        // alpha = +0.6 on day 0, −0.6 on day 1, no view on day 2
        Strategy strategy = new Strategy() {
            @Override
            public ComponentInfo describe() {
                return new ComponentInfo("toy", ComponentKind.STRATEGY, "1", 1, "toy", "", List.of());
            }

            @Override
            public Strategy configure(Map<String, ?> params) {
                return this;
            }

            @Override
            public Optional<StrategySignal> generateAlphaSignal(SignalContext ctx, String symbol) {
                return ctx.day() == 2
                        ? Optional.empty()
                        : Optional.of(StrategySignal.of(ctx.date(), symbol, ctx.day() == 0 ? 0.6 : -0.6, 0.6, 1));
            }
        };
        TinyView view = new TinyView();
        AlphaMatrix m = new AlphaMatrix(1, 3);
        strategy.generateAlphaSignals(view, m);
        assertThat(m.alpha(0)).containsExactly(0.6, -0.6, Double.NaN);
        assertThat(strategy.generateSignals(view, 0))
                .containsExactly(TradeSignal.BUY, TradeSignal.SELL, TradeSignal.HOLD);
        assertThat(strategy.id()).isEqualTo("toy");
    }

    @Test
    void compactBarsDropDaysWithoutABarAndSpreadBack() {
        TinyView view = new TinyView();
        BarSeries bars = view.bars(0);
        assertThat(bars.days()).containsExactly(0, 2);
        assertThat(bars.close()).containsExactly(10.0, 12.0);
        assertThat(bars.toCalendar(new double[] {1, 2}, 3)).containsExactly(1.0, Double.NaN, 2.0);
    }

    /** One symbol, three days, no bar on the middle day. */
    private static final class TinyView implements MarketView {
        private final double[] close = {10, Double.NaN, 12};

        @Override
        public List<String> symbols() {
            return List.of("AAA");
        }

        @Override
        public int dayCount() {
            return 3;
        }

        @Override
        public LocalDate date(int day) {
            return LocalDate.of(2020, 1, 1 + day);
        }

        @Override
        public int indexOf(String symbol) {
            return symbol.equals("AAA") ? 0 : -1;
        }

        @Override
        public double[] open(int symbol) {
            return close;
        }

        @Override
        public double[] high(int symbol) {
            return close;
        }

        @Override
        public double[] low(int symbol) {
            return close;
        }

        @Override
        public double[] close(int symbol) {
            return close;
        }

        @Override
        public double[] volume(int symbol) {
            return close;
        }

        @Override
        public String sector(int symbol) {
            return null;
        }

        @Override
        public Indicators indicators() {
            throw new IllegalStateException("not used by these tests");
        }
    }
}
