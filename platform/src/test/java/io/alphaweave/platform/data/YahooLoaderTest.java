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
}
