package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A command line picocli cannot parse is one line on stderr (option, value, expected format) and exit 2. */
class ParseErrorsTest {
    record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static String oneLineError(Run r) {
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith("\n");
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .doesNotContain("Usage:")
                .doesNotContain("Exception");
        return r.err();
    }

    @Test
    void aDateInTheWrongFormatNamesTheOptionTheValueAndTheFormat() {
        assertThat(oneLineError(run("backtest", "x.yaml", "--start", "2015/01/01")))
                .isEqualTo("error: --start: \"2015/01/01\" is not a date; expected yyyy-mm-dd, e.g. 2015-01-02"
                        + " (see alphaweave backtest --help)\n");
    }

    @Test
    void aNumberThatIsNoNumberNamesTheOptionTheValueAndTheFormat() {
        assertThat(oneLineError(run("backtest", "--capital", "abc")))
                .isEqualTo("error: --capital: \"abc\" is not a number; expected digits with an optional decimal point,"
                        + " e.g. 100000 or 2.5 (see alphaweave backtest --help)\n");
    }

    @Test
    void aParameterWithoutEqualsSignSaysKeyEqualsValue() {
        assertThat(oneLineError(run("backtest", "--params", "window")))
                .startsWith("error: --params: \"window\" is not a KEY=VALUE pair; expected e.g. window=14");
    }

    @Test
    void anUnknownOptionIsOneLineWithTheClosestOptionAndAHintToHelp() {
        assertThat(oneLineError(run("backtest", "--captial", "5")))
                .startsWith("error: unknown option --captial for alphaweave backtest; did you mean --capital?")
                .endsWith("(see alphaweave backtest --help)\n");
    }

    @Test
    void anUnknownCommandSuggestsTheClosestCommand() {
        assertThat(oneLineError(run("backtst")))
                .isEqualTo("error: unexpected argument \"backtst\" for alphaweave; did you mean backtest?"
                        + " (see alphaweave --help)\n");
    }

    @Test
    void aMissingRequiredOptionNamesItWithItsValue() {
        assertThat(oneLineError(run("signals", "config.yaml")))
                .isEqualTo("error: alphaweave signals needs --csv OUT.csv (see alphaweave signals --help)\n");
    }

    @Test
    void verboseAddsTheUsageAfterTheLine() {
        Run r = run("metrics", "--returns", "r.csv", "--nope", "--verbose");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("error: unknown option --nope for alphaweave metrics")
                .contains("Usage: alphaweave metrics");
    }
}
