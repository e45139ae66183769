package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.api.AlphaweaveException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unreadable input stops the load with one line naming file, line and field and saying how to fix it. */
class FormatErrorsTest {
    private static final String HEADER = "date,open,high,low,close,volume,Name\n";

    @TempDir
    Path dir;

    private String failure(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> MarketData.load(f));
        assertThat(t).isInstanceOf(DataFormatException.class).isInstanceOf(AlphaweaveException.class);
        assertThat(t.getMessage()).doesNotContain("\n").startsWith(f.toString());
        return t.getMessage().substring(f.toString().length());
    }

    @Test
    void namesAMissingFile() {
        Path f = dir.resolve("nope.csv");
        assertThatThrownBy(() -> MarketData.load(f))
                .isInstanceOf(DataFormatException.class)
                .hasMessageStartingWith(f + ": file not found (check the path");
    }

    @Test
    void rejectsAWrongHeaderNamingTheColumnAtFault() throws IOException {
        assertThat(failure("x.csv", "date,open,high,low,close,vol,Name\n2020-01-02,1,1,1,1,1,A\n"))
                .isEqualTo(":1: header column 6 \"vol\" is not a column alphaweave reads (known, any case and"
                        + " order: date, open, high, low, close, volume, Name, Adj Close); the header is"
                        + " \"date,open,high,low,close,vol,Name\"; expected"
                        + " \"date,open,high,low,close,volume,Name\" (long format) or"
                        + " \"Date,Open,High,Low,Close,Adj Close,Volume\" (Yahoo format, one file per symbol)");
        assertThat(failure("y.csv", "date,open,high,low,close,Name\n2020-01-02,1,1,1,1,A\n"))
                .startsWith(":1: header lacks column volume; the header is \"date,open,high,low,close,Name\"");
        assertThat(failure("z.csv", "date,open,high,low,close,volume,Close\n2020-01-02,1,1,1,1,1,1\n"))
                .isEqualTo(":1: header names column 'close' twice (columns 5 and 7); remove one");
    }

    @Test
    void rejectsANonNumericPrice() throws IOException {
        assertThat(failure("x.csv", HEADER + "2020-01-02,1,1,1,1,1,A\n2020-01-03,1,1,1,abc,1,A\n"))
                .isEqualTo(":3: field 'close' is not a number: \"abc\" (expected a decimal like 101.25)");
    }

    @Test
    void rejectsANonNumericVolumeAndNonFiniteValues() throws IOException {
        assertThat(failure("x.csv", HEADER + "2020-01-02,1,1,1,1,lots,A\n"))
                .isEqualTo(":2: field 'volume' is not a number: \"lots\" (expected a decimal like 1250000)");
        assertThat(failure("y.csv", HEADER + "2020-01-02,NaN,1,1,1,1,A\n"))
                .startsWith(":2: field 'open' is not a number");
        assertThat(failure("z.csv", HEADER + "2020-01-02,1.2.3,1,1,1,1,A\n"))
                .startsWith(":2: field 'open' is not a number: \"1.2.3\"");
    }

    @Test
    void rejectsDatesOutOfOrderWithinASymbol() throws IOException {
        assertThat(failure("x.csv", HEADER + "2020-01-03,1,1,1,1,1,A\n2020-01-02,1,1,1,1,1,A\n"))
                .isEqualTo(":3: field 'date' is out of order for A: 2020-01-02 follows 2020-01-03 on line 2"
                        + " (rows of one symbol must be in ascending date order; sort the file)");
    }

    @Test
    void acceptsSymbolsInterleavedAsLongAsEachIsInOrder() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, HEADER + "2020-01-02,1,1,1,1,1,A\n2020-01-02,2,2,2,2,1,B\n2020-01-03,1,1,1,1,1,A\n");
        assertThat(MarketData.load(f).symbols()).containsExactly("A", "B");
    }

    @Test
    void rejectsADuplicateSymbolAndDate() throws IOException {
        assertThat(failure("x.csv", HEADER + "2020-01-02,1,1,1,1,1,A\n2020-01-02,1,1,1,1,1,A\n"))
                .isEqualTo(":3: field 'date' repeats 2020-01-02 for A (first on line 2; remove the duplicate row)");
    }

    @Test
    void rejectsAnEmptyFileAndAHeaderWithoutRows() throws IOException {
        assertThat(failure("x.csv", "")).startsWith(":1: file is empty (expected the header");
        assertThat(failure("y.csv", HEADER)).startsWith(":2: no data rows after the header");
    }

    @Test
    void rejectsABadDateAWrongFieldCountAndAnEmptySymbol() throws IOException {
        assertThat(failure("a.csv", HEADER + "2020/01/02,1,1,1,1,1,A\n"))
                .isEqualTo(":2: field 'date' is not an ISO date: \"2020/01/02\""
                        + " (expected yyyy-MM-dd like 2015-01-02, years 1800 to 2200)");
        assertThat(failure("b.csv", HEADER + "2021-02-29,1,1,1,1,1,A\n"))
                .startsWith(":2: field 'date' is not an ISO date");
        assertThat(failure("c.csv", HEADER + "2020-01-02,1,1,1,1,A\n"))
                .isEqualTo(":2: expected 7 fields (date,open,high,low,close,volume,Name), found 6:"
                        + " \"2020-01-02,1,1,1,1,A\" (fix or remove the row)");
        assertThat(failure("d.csv", HEADER + "2020-01-02,1,1,1,1,1,\n"))
                .isEqualTo(":2: field 'Name' is empty (expected a ticker symbol like AAPL)");
    }

    @Test
    void detectsGzipByItsMagicBytesNotTheExtension() throws IOException {
        String csv = HEADER + "2020-01-02,1.5,2,1,1.75,100,A\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        Path hidden = dir.resolve("compressed.csv"), plain = dir.resolve("plain.csv.gz");
        Files.write(hidden, gz.toByteArray());
        Files.writeString(plain, csv);
        assertThat(MarketData.load(hidden).close(0)).containsExactly(1.75);
        assertThat(MarketData.load(plain).close(0)).containsExactly(1.75);
    }

    @Test
    void toleratesCrlfABomQuotesReorderedColumnsAndTrailingBlankLines() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(
                f, "\uFEFFName,Date,Close,Open,High,Low,Volume\r\n\"A\",2020-01-02,1.25,1,1.5,0.5,7\r\n\r\n\n");
        MarketData m = MarketData.load(f);
        assertThat(m.symbols()).containsExactly("A");
        assertThat(m.open(0)).containsExactly(1.0);
        assertThat(m.high(0)).containsExactly(1.5);
        assertThat(m.low(0)).containsExactly(0.5);
        assertThat(m.close(0)).containsExactly(1.25);
        assertThat(m.volume(0)).containsExactly(7.0);
    }

    @Test
    void rejectsBadSectorFiles() throws IOException {
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> MarketData.loadSectors(missing)).hasMessageStartingWith(missing + ": file not found");
        Path noSector = dir.resolve("s1.csv");
        Files.writeString(noSector, "Symbol,Name\nA,Alpha\n");
        assertThatThrownBy(() -> MarketData.loadSectors(noSector))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(noSector + ":1: header is \"Symbol,Name\"; expected columns Symbol and Sector"
                        + " (e.g. \"Symbol,Name,Sector\")");
        Path dup = dir.resolve("s2.csv");
        Files.writeString(dup, "Symbol,Sector\nA,Energy\nA,Utilities\n");
        assertThatThrownBy(() -> MarketData.loadSectors(dup))
                .hasMessage(dup + ":3: field 'Symbol' repeats A (first on line 2; remove the duplicate row)");
    }
}
