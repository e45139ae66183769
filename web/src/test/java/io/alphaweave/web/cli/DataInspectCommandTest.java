package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alphaweave.platform.data.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code alphaweave data inspect} through the real CLI entry point. */
class DataInspectCommandTest {
    private static final String HEADER = "date,open,high,low,close,volume,Name\n";

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void showsSymbolsDatesBarsAndDefectsOfTheSample() {
        Run r = run(
                "data",
                "inspect",
                TestData.sample().toString(),
                "--sectors",
                TestData.sampleSectors().toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .contains("symbols    50 (47 span the whole calendar, 3 start late or end early)")
                .contains("sectors    " + TestData.sampleSectors() + " (11 sectors)")
                .contains("dates      2013-02-08 .. 2018-02-07 (1,259 trading days)")
                .contains("bars       60,331 (from 60,331 data rows)")
                .contains("defects    80")
                .containsPattern("EMPTY_PRICE +9  repaired: open := close")
                .containsPattern("MISSING_DAY +51  left as no bar")
                .containsPattern("DHR +Health Care +2013-02-08  2018-02-07 +1243 +16 +20")
                .containsPattern("BHF +Financials +2017-07-17  2018-02-07 +143 +0 +1")
                .containsPattern("16870  DISCA +2014-08-07 +SUSPICIOUS_JUMP +close 83.02 -> 40.975 \\(-50.6%\\)")
                .containsPattern("22052  ES +2015-03-09 \\.\\. 2015-03-20 +MISSING_DAY +10 days: no bar between"
                        + " 2015-03-06 \\(line 22051\\) and 2015-03-23")
                .containsPattern("35334  LNT +2016-05-19 +SPIKE_REVERSAL");
    }

    @Test
    void printsJsonOnRequest() throws IOException {
        Run r = run("data", "inspect", TestData.sample().toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("tradingDays").asInt()).isEqualTo(1259);
        assertThat(json.get("bars").asLong()).isEqualTo(60_331);
        assertThat(json.get("symbols")).hasSize(50);
        assertThat(json.get("defectCounts").get("SPIKE_REVERSAL").asInt()).isEqualTo(4);
        assertThat(json.get("defects")).hasSize(80);
        JsonNode first = json.get("defects").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("SUSPICIOUS_JUMP");
        assertThat(first.get("symbol").asText()).isEqualTo("AMD");
        assertThat(first.get("date").asText()).isEqualTo("2016-04-22");
        assertThat(first.get("line").asInt()).isEqualTo(3326);
        assertThat(first.get("handling").asText()).startsWith("kept");
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("missing.csv", null, ": file not found (check the path"),
                Arguments.of(
                        "header.csv",
                        "Date,Price,Name\n2020-01-02,1,A\n",
                        ":1: header column 2 \"Price\" is not a column alphaweave reads"),
                Arguments.of(
                        "number.csv",
                        HEADER + "2020-01-02,1,1,1,abc,1,A\n",
                        ":2: field 'close' is not a number: \"abc\" (expected a decimal like 101.25)"),
                Arguments.of(
                        "order.csv",
                        HEADER + "2020-01-03,1,1,1,1,1,A\n2020-01-02,1,1,1,1,1,A\n",
                        ":3: field 'date' is out of order for A: 2020-01-02 follows 2020-01-03 on line 2"),
                Arguments.of("empty.csv", "", ":1: file is empty (expected the header"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void reportsBadInputInOneLineWithExitCodeTwoAndNoStackTrace(
            String name, String content, String expected, @TempDir Path dir) throws IOException {
        Path f = dir.resolve(name);
        if (content != null) {
            Files.writeString(f, content);
        }
        Run r = run("data", "inspect", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: " + f + expected).endsWith("\n");
        assertThat(r.err().strip())
                .doesNotContain("\n")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");

        Run verbose = run("data", "inspect", f.toString(), "--verbose");
        assertThat(verbose.code()).isEqualTo(2);
        assertThat(verbose.err())
                .containsPattern("(DataFormat|BadRows)Exception")
                .contains("\tat io.alphaweave.platform.data.")
                .contains("error: " + f + expected);
    }

    @Test
    void rejectsABadSectorFileTheSameWay(@TempDir Path dir) throws IOException {
        Path sectors = dir.resolve("sectors.csv");
        Files.writeString(sectors, "Ticker,Industry\nA,Energy\n");
        Run r = run("data", "inspect", TestData.sample().toString(), "--sectors", sectors.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("error: " + sectors + ":1: header is \"Ticker,Industry\"; expected columns Symbol and Sector"
                        + " (e.g. \"Symbol,Name,Sector\")");
    }

    @Test
    void stillRunsDoctorAndListsTheDataCommandInHelp() {
        Run doctor = run("doctor");
        assertThat(doctor.code()).isZero();
        assertThat(doctor.out()).contains("jdk ok:     yes");
        Run help = run("--help");
        assertThat(help.out()).contains("data").contains("doctor");
        Run dataHelp = run("data", "--help");
        assertThat(dataHelp.out()).contains("inspect");
    }

    private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n"
            + "1995-01-03,2.5,2.6,2.4,2.55,1.9,1000\n1995-01-04,2.55,2.7,2.5,2.65,2.0,1200\n";

    @Test
    void inspectsAYahooTxtFileWithTheSymbolFromItsNameOrTheOption(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("orcl-1995-2014.txt");
        Files.writeString(f, YAHOO);
        Run r = run("data", "inspect", f.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("\nORCL +1995-01-03  1995-01-04 +2 +0 +0");
        Run named = run("data", "inspect", f.toString(), "--symbol", "XORCL", "--json");
        assertThat(named.code()).as(named.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(named.out());
        assertThat(json.get("symbols").get(0).get("symbol").asText()).isEqualTo("XORCL");
        assertThat(json.get("symbolGiven").asText()).isEqualTo("XORCL");
    }

    @Test
    void rejectsASymbolForALongFormatFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("long.csv");
        Files.writeString(f, HEADER + "2020-01-02,1,1,1,1,1,A\n");
        Run r = run("data", "inspect", f.toString(), "--symbol", "B");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo(
                        "error: " + f + ":1: a symbol (B) was given, but the file's Name column"
                                + " names the symbol of each row; give a symbol only for a per-symbol file without a Name column");
    }

    private static final String THREE_BAD = HEADER
            + "2020-01-02,10,11,9,10.5,100,A\n"
            + "2020-01-03,10,11,9,abc,100,A\n"
            + "2020-01-06,10,11,9,10.6,100,A\n"
            + "2020-01-07,10,11,9,100,A\n"
            + "2020-01-08,10,11,9,10.7,100,\n";

    @Test
    void listsEveryBadRowAndExitsTwo(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bars.csv");
        Files.writeString(f, THREE_BAD);
        Run r = run("data", "inspect", f.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList())
                .containsExactly(
                        "error: 3 bad rows in " + f
                                + " (fix them, or leave them out: data inspect --drop-bad-rows, config data.drop_bad_rows: true):",
                        "  " + f + ":3: field 'close' is not a number: \"abc\" (expected a decimal like 101.25)",
                        "  " + f + ":5: expected 7 fields (date,open,high,low,close,volume,Name), found 6:"
                                + " \"2020-01-07,10,11,9,100,A\" (fix or remove the row)",
                        "  " + f + ":6: field 'Name' is empty (expected a ticker symbol like AAPL)");
    }

    @Test
    void dropsBadRowsOnRequestAndSaysWhichInTextAndJson(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bars.csv");
        Files.writeString(f, THREE_BAD);
        Run r = run("data", "inspect", f.toString(), "--drop-bad-rows");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("bars       2 (from 5 data rows)")
                .contains("bad rows   3 dropped (--drop-bad-rows)\n  " + f + ":3: field 'close' is not a number")
                .contains("  " + f + ":6: field 'Name' is empty");
        Run json = run("data", "inspect", f.toString(), "--drop-bad-rows", "--json");
        JsonNode bad = new ObjectMapper().readTree(json.out()).get("droppedBadRows");
        assertThat(bad).hasSize(3);
        assertThat(bad.get(1).get("line").asInt()).isEqualTo(5);
        assertThat(bad.get(1).get("reason").asText()).startsWith("expected 7 fields");
    }
}
