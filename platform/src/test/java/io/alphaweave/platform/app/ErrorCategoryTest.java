package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ErrorCategory;
import io.alphaweave.api.InvalidParameterException;
import io.alphaweave.api.InvalidSignalException;
import io.alphaweave.platform.backtest.BacktestConfigException;
import io.alphaweave.platform.data.DataFormatException;
import io.alphaweave.platform.dsl.LookaheadException;
import io.alphaweave.platform.dsl.ScriptException;
import io.alphaweave.platform.portfolio.ComponentContractException;
import io.alphaweave.platform.registry.ComponentFailedException;
import io.alphaweave.platform.registry.PluginLoadException;
import io.alphaweave.platform.registry.UnknownComponentException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCategoryTest {
    @Test
    void badInputIsTheUsersFileConfigOrParameter() {
        assertThat(ErrorCategory.of(new BacktestConfigException("capital must be > 0, was 0")))
                .isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new InvalidParameterException("window must be ≥ 2, was 1")))
                .isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new DataFormatException("x.csv:3: bad"))).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new UnknownComponentException(ComponentKind.STRATEGY, "x", List.of("y"), null)))
                .isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new AlphaweaveException("plain"))).isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new PluginLoadException("notes.txt is not a JAR")))
                .as("installing a file that is no plugin is the user's mistake")
                .isEqualTo(ErrorCategory.BAD_INPUT);
        assertThat(ErrorCategory.of(new RunCancelledException(RunPhase.BACKTEST)))
                .isEqualTo(ErrorCategory.BAD_INPUT);
    }

    @Test
    void aComponentBreakingItsContractOrLimitsIsAComponentFault() {
        assertThat(ErrorCategory.of(new ComponentContractException("allocator x: NaN weight")))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
        assertThat(ErrorCategory.of(new ComponentFailedException("strategy x failed to load")))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
        assertThat(ErrorCategory.of(new InvalidSignalException("alphaScore must be in [-1, 1], was 2")))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
        assertThat(ErrorCategory.of(new LookaheadException("x peeks ahead", LocalDate.of(2020, 1, 2), "AAA")))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
        assertThat(ErrorCategory.of(new ScriptException("x.js", 1, 1, "boom")))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
    }

    @Test
    void anExceptionThatWrapsAnotherKeepsItsCategory() {
        var broken = new ComponentFailedException("strategy peek looks ahead");
        assertThat(ErrorCategory.of(new BacktestConfigException("strategies[0].id: " + broken.getMessage(), broken)))
                .isEqualTo(ErrorCategory.COMPONENT_FAULT);
        assertThat(ErrorCategory.of(new BacktestConfigException("x", new IllegalStateException("io"))))
                .isEqualTo(ErrorCategory.BAD_INPUT);
    }

    @Test
    void anythingElseIsInternal() {
        assertThat(ErrorCategory.of(new IllegalStateException("bug"))).isEqualTo(ErrorCategory.INTERNAL);
        assertThat(ErrorCategory.of(new UncheckedIOException(new java.io.IOException("disk"))))
                .isEqualTo(ErrorCategory.INTERNAL);
        assertThat(ErrorCategory.of(new OutOfMemoryError())).isEqualTo(ErrorCategory.INTERNAL);
    }
}
