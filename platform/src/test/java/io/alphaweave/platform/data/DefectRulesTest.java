package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alphaweave.platform.data.DataDefect.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each documented defect rule on a tiny hand-written file, with the repaired values worked out by hand. */
class DefectRulesTest {
    private static final String HEADER = "date,open,high,low,close,volume,Name\n";

    @TempDir
    Path dir;

    private MarketData load(String rows) throws IOException {
        Path f = dir.resolve("bars.csv");
        Files.writeString(f, HEADER + rows);
        return MarketData.load(f);
    }

    @Test
    void repairsAnEmptyOpenWithTheClose() throws IOException {
        MarketData m = load("2020-01-02,10,11,9,10.5,100,A\n2020-01-03,,11.2,10.1,10.8,100,A\n");
        assertThat(m.open(0)[1]).isEqualTo(10.8);
        assertThat(m.high(0)[1]).isEqualTo(11.2);
        assertThat(m.low(0)[1]).isEqualTo(10.1);
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::symbol, DataDefect::line)
                .containsExactly(tuple(Kind.EMPTY_PRICE, "A", 3));
    }

    @Test
    void repairsEmptyHighAndLowWithTheExtremesOfOpenAndClose() throws IOException {
        MarketData m = load("2020-01-02,10,,,10.5,100,A\n");
        assertThat(m.high(0)[0]).isEqualTo(10.5);
        assertThat(m.low(0)[0]).isEqualTo(10.0);
        assertThat(m.quality().defects().get(0).reason()).contains("empty high, low");
    }

    @Test
    void treatsNullLikeAnEmptyField() throws IOException {
        MarketData m = load("2020-01-02,null,NULL,null,10.5,100,A\n");
        assertThat(m.open(0)[0]).isEqualTo(10.5);
        assertThat(m.quality().of(Kind.EMPTY_PRICE)).hasSize(1);
    }

    @Test
    void dropsRowsWithAnEmptyCloseANonPositivePriceOrANegativeVolume() throws IOException {
        MarketData m = load("2020-01-02,10,11,9,10,100,A\n"
                + "2020-01-03,10,11,9,,100,A\n"
                + "2020-01-06,0,11,9,10,100,A\n"
                + "2020-01-07,10,11,-9,10,100,A\n"
                + "2020-01-08,10,11,9,10,-5,A\n"
                + "2020-01-09,10,11,9,10,100,A\n"
                + "2020-01-03,20,21,19,20,100,B\n"
                + "2020-01-06,20,21,19,20,100,B\n"
                + "2020-01-07,20,21,19,20,100,B\n"
                + "2020-01-08,20,21,19,20,100,B\n");
        assertThat(m.dayCount()).isEqualTo(6);
        assertThat(m.close(0)).containsExactly(10, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 10);
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::line)
                .containsExactly(
                        tuple(Kind.EMPTY_CLOSE, 3),
                        tuple(Kind.NON_POSITIVE_PRICE, 4),
                        tuple(Kind.NON_POSITIVE_PRICE, 5),
                        tuple(Kind.NEGATIVE_VOLUME, 6),
                        // the dropped rows leave days without a bar inside A's span
                        tuple(Kind.MISSING_DAY, 7),
                        tuple(Kind.MISSING_DAY, 7),
                        tuple(Kind.MISSING_DAY, 7),
                        tuple(Kind.MISSING_DAY, 7));
        assertThat(m.quality().rows()).isEqualTo(10);
        assertThat(m.barCount()).isEqualTo(6);
    }

    @Test
    void keepsZeroAndEmptyVolumesAndReportsThem() throws IOException {
        MarketData m = load("2020-01-02,10,11,9,10,0,A\n2020-01-03,10,11,9,10,,A\n");
        assertThat(m.volume(0)).containsExactly(0.0, Double.NaN);
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind)
                .containsExactly(Kind.ZERO_VOLUME, Kind.EMPTY_VOLUME);
    }

    @Test
    void widensHighAndLowToContainOpenAndClose() throws IOException {
        // high < low, and the close below both
        MarketData m = load("2020-01-02,10,9.5,9.8,9.1,100,A\n");
        assertThat(m.high(0)[0]).isEqualTo(10.0);
        assertThat(m.low(0)[0]).isEqualTo(9.1);
        assertThat(m.quality().defects().get(0).kind()).isEqualTo(Kind.HIGH_LOW_INCONSISTENT);
        assertThat(m.quality().defects().get(0).reason())
                .isEqualTo("open=10 high=9.5 low=9.8 close=9.1; set high=10 low=9.1");
    }

    @Test
    void reportsEachMissingDayInsideASpanButNotBeforeTheFirstBar() throws IOException {
        MarketData m = load("2020-01-02,10,10,10,10,1,A\n2020-01-03,10,10,10,10,1,A\n2020-01-06,10,10,10,10,1,A\n"
                + "2020-01-07,10,10,10,10,1,A\n"
                + "2020-01-03,5,5,5,5,1,B\n2020-01-07,5,5,5,5,1,B\n");
        assertThat(m.close(1)).containsExactly(Double.NaN, 5, Double.NaN, 5);
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::symbol, d -> d.date().toString(), DataDefect::line)
                .containsExactly(tuple(Kind.MISSING_DAY, "B", "2020-01-06", 7));
    }

    @Test
    void reportsASpikeThatReversesAsOneBadPrint() throws IOException {
        // 100 -> 130 (+30%) -> 101 (-22.3%, back within 1% of 100): one spike, the reversal not a jump
        MarketData m = load("2020-01-02,100,100,100,100,1,A\n2020-01-03,130,130,130,130,1,A\n"
                + "2020-01-06,101,101,101,101,1,A\n2020-01-07,102,102,102,102,1,A\n");
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::line)
                .containsExactly(tuple(Kind.SPIKE_REVERSAL, 3));
        assertThat(m.close(0)[1]).isEqualTo(130);
    }

    @Test
    void reportsAMoveBeyondFortyPercentAsASuspiciousJump() throws IOException {
        // 100 -> 59 (-41%) stays: a jump; 59 -> 82 (+39%) is below the threshold
        MarketData m =
                load("2020-01-02,100,100,100,100,1,A\n2020-01-03,59,59,59,59,1,A\n" + "2020-01-06,82,82,82,82,1,A\n");
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::line)
                .containsExactly(tuple(Kind.SUSPICIOUS_JUMP, 3));
        assertThat(m.quality().defects().get(0).reason()).isEqualTo("close 100 -> 59 (-41.0%) since 2020-01-02");
    }

    @Test
    void reportsSymbolsMissingFromTheSectorFile() throws IOException {
        Path bars = dir.resolve("b.csv"), sectors = dir.resolve("s.csv");
        Files.writeString(bars, HEADER + "2020-01-02,1,1,1,1,1,A\n2020-01-02,2,2,2,2,1,B\n");
        Files.writeString(sectors, "Symbol,Name,Sector\nA,\"Alpha, Inc.\",Energy\n");
        MarketData m = MarketData.load(bars, sectors);
        assertThat(m.sector(0)).isEqualTo("Energy");
        assertThat(m.sector(1)).isNull();
        assertThat(m.quality().defects())
                .extracting(DataDefect::kind, DataDefect::symbol)
                .containsExactly(tuple(Kind.MISSING_SECTOR, "B"));
    }
}
