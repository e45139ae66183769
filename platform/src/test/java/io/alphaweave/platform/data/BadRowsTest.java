package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every unreadable row is reported (up to a cap, then counted); on request they are dropped instead. */
class BadRowsTest {
    private static final String HEADER = "date,open,high,low,close,volume,Name\n";
    // line 2 good, 3 not a number, 4 good, 5 wrong field count, 6 bad date, 7 repeats line 4's date, 8 good
    private static final String THREE_KINDS_AND_A_DUPLICATE = HEADER
            + "2020-01-02,10,11,9,10.5,100,A\n"
            + "2020-01-03,10,11,9,abc,100,A\n"
            + "2020-01-06,10,11,9,10.6,100,A\n"
            + "2020-01-07,10,11,9,100,A\n"
            + "2020/01/08,10,11,9,10.7,100,A\n"
            + "2020-01-06,10,11,9,99,100,A\n"
            + "2020-01-09,10,11,9,10.8,100,A\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    @Test
    void reportsEveryBadRowNotOnlyTheFirst() throws IOException {
        Path f = write("bars.csv", THREE_KINDS_AND_A_DUPLICATE);
        BadRowsException e = catchThrowableOfType(BadRowsException.class, () -> MarketData.load(f));
        assertThat(e.rows()).extracting(BadRow::line).containsExactly(3, 5, 6, 7);
        assertThat(e.getMessage())
                .isEqualTo("4 bad rows in " + f
                        + " (fix them, or leave them out: data inspect --drop-bad-rows, config data.drop_bad_rows: true):\n"
                        + "  " + f + ":3: field 'close' is not a number: \"abc\" (expected a decimal like 101.25)\n"
                        + "  " + f + ":5: expected 7 fields (date,open,high,low,close,volume,Name), found 6:"
                        + " \"2020-01-07,10,11,9,100,A\" (fix or remove the row)\n"
                        + "  " + f + ":6: field 'date' is not an ISO date: \"2020/01/08\""
                        + " (expected yyyy-MM-dd like 2015-01-02, years 1800 to 2200)\n"
                        + "  " + f + ":7: field 'date' repeats 2020-01-06 for A (first on line 4; remove the"
                        + " duplicate row)");
    }

    @Test
    void listsUpToTheCapThenCountsTheRest() throws IOException {
        StringBuilder rows = new StringBuilder(HEADER).append("2020-01-02,10,11,9,10.5,100,A\n");
        for (int i = 0; i < 25; i++) {
            rows.append("2020-01-03,x,11,9,10.5,100,B").append(i).append('\n');
        }
        Path f = write("bars.csv", rows.toString());
        BadRowsException e = catchThrowableOfType(
                BadRowsException.class, () -> MarketData.load(f, null, new LoadOptions(null, false, 20)));
        assertThat(e.rows()).hasSize(25);
        assertThat(e.getMessage().lines().toList())
                .hasSize(1 + 20 + 1)
                .startsWith(
                        "25 bad rows in " + f
                                + " (fix them, or leave them out: data inspect --drop-bad-rows, config data.drop_bad_rows: true):")
                .endsWith("  … and 5 more");
        assertThat(e.getMessage().lines().toList().get(20)).startsWith("  " + f + ":22: field 'open'");
    }

    @Test
    void collectsBadRowsAcrossTheFilesOfADirectory() throws IOException {
        String yahoo = "Date,Open,High,Low,Close,Adj Close,Volume\n";
        write("AAA.csv", yahoo + "2020-01-02,1,1,1,1,1,1\n2020-01-03,1,1,1,one,1,1\n");
        write("BBB.csv", yahoo + "2020-01-02,1,1,1,1,1,1,1\n2020-01-03,1,1,1,1,1,1\n");
        BadRowsException e = catchThrowableOfType(BadRowsException.class, () -> MarketData.load(dir));
        assertThat(e.rows())
                .extracting(b -> Path.of(b.file()).getFileName().toString(), BadRow::line)
                .containsExactly(tuple("AAA.csv", 3), tuple("BBB.csv", 2));
        assertThat(e.getMessage()).startsWith("2 bad rows in 2 files");
    }

    @Test
    void dropsBadRowsOnRequestAndListsThemInTheReport() throws IOException {
        Path f = write("bars.csv", THREE_KINDS_AND_A_DUPLICATE);
        MarketData m = MarketData.load(f, null, LoadOptions.DEFAULT.withDropBadRows(true));
        // kept: lines 2, 4, 8; the repeated 2020-01-06 (close 99) loses to the first one (close 10.6)
        assertThat(m.calendar()).extracting(Object::toString).containsExactly("2020-01-02", "2020-01-06", "2020-01-09");
        assertThat(m.close(0)).containsExactly(10.5, 10.6, 10.8);
        assertThat(m.quality().badRows())
                .extracting(BadRow::line, BadRow::reason)
                .containsExactly(
                        tuple(3, "field 'close' is not a number: \"abc\" (expected a decimal like 101.25)"),
                        tuple(
                                5,
                                "expected 7 fields (date,open,high,low,close,volume,Name), found 6:"
                                        + " \"2020-01-07,10,11,9,100,A\" (fix or remove the row)"),
                        tuple(
                                6,
                                "field 'date' is not an ISO date: \"2020/01/08\""
                                        + " (expected yyyy-MM-dd like 2015-01-02, years 1800 to 2200)"),
                        tuple(7, "field 'date' repeats 2020-01-06 for A (first on line 4; remove the duplicate row)"));
        assertThat(m.quality().rows()).as("every data row was read").isEqualTo(7);
        assertThat(m.quality().isClean()).isFalse();
        assertThat(m.quality().defects()).isEmpty();
    }

    @Test
    void aDroppedOutOfOrderRowKeepsTheEarlierOnesAndTheLaterRowsStillLoad() throws IOException {
        Path f = write(
                "bars.csv",
                HEADER + "2020-01-02,1,1,1,1,1,A\n2020-01-06,1,1,1,2,1,A\n2020-01-03,1,1,1,3,1,A\n"
                        + "2020-01-07,1,1,1,4,1,A\n");
        MarketData m = MarketData.load(f, null, LoadOptions.DEFAULT.withDropBadRows(true));
        assertThat(m.close(0)).containsExactly(1.0, 2.0, 4.0);
        assertThat(m.quality().badRows()).extracting(BadRow::line).containsExactly(4);
    }

    @Test
    void namesBothCausesWhenEveryRowIsDropped() throws IOException {
        Path f = write("bars.csv", HEADER + "2020-01-02,1,1,1,,1,A\n2020-01-03,1,1,1,x,1,A\n");
        assertThatThrownBy(() -> MarketData.load(f, null, LoadOptions.DEFAULT.withDropBadRows(true)))
                .isExactlyInstanceOf(DataFormatException.class)
                .hasMessage(f + ": no usable bars: every row was dropped (1 by the defect rules — empty close, a"
                        + " price ≤ 0 or a negative volume; 1 unreadable, dropped as asked)");
    }
}
