package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.data.DataDefect.Kind;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Yahoo-style per-symbol files: the symbol from the file name, Adj Close ignored, "null" rows dropped. */
class YahooLoaderTest {

    private static Path folder() throws URISyntaxException {
        return Path.of(YahooLoaderTest.class.getResource("yahoo/AAPL.csv").toURI())
                .getParent();
    }

    @Test
    void loadsOneFileWithTheSymbolFromItsName() throws URISyntaxException {
        MarketData m = MarketData.load(folder().resolve("AAPL.csv"));
        assertThat(m.symbols()).containsExactly("AAPL");
        assertThat(m.dayCount()).isEqualTo(4);
        assertThat(m.date(3)).hasToString("2020-01-08");
        assertThat(m.open(0)[0]).isEqualTo(74.059998);
        assertThat(m.high(0)[0]).isEqualTo(75.150002);
        assertThat(m.low(0)[0]).isEqualTo(73.797501);
        assertThat(m.close(0)[0]).as("Close, not Adj Close").isEqualTo(75.087502);
        assertThat(m.volume(0)[0]).isEqualTo(135_480_400);
        // the all-null row of 2020-01-07 has no close: dropped and reported
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.EMPTY_CLOSE, 5));
    }

    @Test
    void loadsADirectoryOfFilesOnOneCalendar() throws URISyntaxException {
        MarketData m = MarketData.load(folder());
        assertThat(m.symbols()).containsExactly("AAPL", "MSFT");
        assertThat(m.dayCount()).as("2020-01-02, 03, 06, 07 (MSFT only), 08").isEqualTo(5);
        assertThat(m.close(0)).containsExactly(75.087502, 74.357498, 74.949997, Double.NaN, 75.797501);
        assertThat(m.close(1)).containsExactly(Double.NaN, 158.619995, 159.029999, 157.580002, 160.089996);
        // AAPL's dropped row leaves 2020-01-07 without a bar inside its span
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::symbol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.EMPTY_CLOSE, "AAPL"),
                        org.assertj.core.groups.Tuple.tuple(Kind.MISSING_DAY, "AAPL"));
        assertThat(m.quality().sources()).hasSize(2);
    }

    @Test
    void rejectsAnEmptyDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "x");
        assertThatThrownBy(() -> MarketData.load(dir))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(dir + ": directory holds no *.csv or *.csv.gz files"
                        + " (expected one Yahoo-format file per symbol, e.g. AAPL.csv)");
    }

    private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n"
            + "1995-01-03,2.5,2.6,2.4,2.55,1.9,1000\n1995-01-04,2.55,2.7,2.5,2.65,2.0,1200\n";

    @Test
    void loadsAYahooTxtFileTakingTheSymbolFromTheStemBeforeTheDateRange(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("orcl-1995-2014.txt");
        Files.writeString(f, YAHOO);
        MarketData m = MarketData.load(f);
        assertThat(m.symbols()).containsExactly("ORCL");
        assertThat(m.close(0)).containsExactly(2.55, 2.65);
        assertThat(m.quality().isClean()).isTrue();
    }

    @Test
    void takesTheSymbolFromTheOptionsOverTheFileName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("orcl-1995-2014.txt");
        Files.writeString(f, YAHOO);
        assertThat(MarketData.load(f, null, LoadOptions.DEFAULT.withSymbol("ORCL.N"))
                        .symbols())
                .containsExactly("ORCL.N");
    }

    @Test
    void derivesSymbolsFromFileNamesByTheDocumentedRule() {
        assertThat(MarketData.symbolFromFileName("AAPL.csv")).isEqualTo("AAPL");
        assertThat(MarketData.symbolFromFileName("orcl-1995-2014.txt")).isEqualTo("ORCL");
        assertThat(MarketData.symbolFromFileName("msft_2010-01-01.csv.gz")).isEqualTo("MSFT");
        assertThat(MarketData.symbolFromFileName("brk-b.csv.gz")).isEqualTo("BRK-B");
        assertThat(MarketData.symbolFromFileName("BRK.B.csv")).isEqualTo("BRK.B");
        assertThat(MarketData.symbolFromFileName("spy")).isEqualTo("SPY");
        assertThat(MarketData.symbolFromFileName("-2014.csv")).isNull();
    }

    @Test
    void namesTheRealCauseWhenTheFileNameYieldsNoSymbol(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("1995-2014.txt");
        Files.writeString(f, YAHOO);
        assertThat(MarketData.symbolFromFileName("1995-2014.txt")).isEqualTo("1995");
        Path g = dir.resolve("_2014.txt");
        Files.writeString(g, YAHOO);
        assertThatThrownBy(() -> MarketData.load(g))
                .isInstanceOf(DataFormatException.class)
                .hasMessage(g + ":1: the file has no Name column, so its symbol comes from the file name, but the"
                        + " name yields none (see MarketData.symbolFromFileName); name the file like AAPL.csv or"
                        + " give the symbol (--symbol)");
    }

    @Test
    void rejectsAGivenSymbolWhereTheFileOrFolderNamesItsOwn(@TempDir Path dir) throws Exception {
        Path longFile = dir.resolve("long.csv");
        Files.writeString(longFile, "date,open,high,low,close,volume,Name\n2020-01-02,1,1,1,1,1,A\n");
        assertThatThrownBy(() -> MarketData.load(longFile, null, LoadOptions.DEFAULT.withSymbol("B")))
                .hasMessage(longFile + ":1: a symbol (B) was given, but the file's Name column names the symbol of"
                        + " each row; give a symbol only for a per-symbol file without a Name column");
        assertThatThrownBy(() -> MarketData.load(folder(), null, LoadOptions.DEFAULT.withSymbol("B")))
                .hasMessageStartingWith(folder() + ": a symbol (B) was given, but this is a directory");
    }

    @Test
    void readsAPerSymbolFileWithoutAdjClose(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("xom.csv");
        Files.writeString(f, "Date,Open,High,Low,Close,Volume\n2020-01-02,70,71,69,70.5,1000\n");
        MarketData m = MarketData.load(f);
        assertThat(m.symbols()).containsExactly("XOM");
        assertThat(m.close(0)).containsExactly(70.5);
    }
}
