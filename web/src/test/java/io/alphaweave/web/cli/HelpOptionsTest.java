package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpOptionsTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "backtest",
                "demo",
                "signals",
                "metrics",
                "data inspect",
                "plugins list",
                "plugins install",
                "strategies list",
                "validate",
                "doctor"
            })
    void everyCommandAnswersHelpWithItsUsageAndExitsZero(String command) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] args = (command + " --help").split(" ");
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: alphaweave " + command);
        assertThat(err.toString()).isEmpty();
    }
}
