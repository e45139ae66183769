package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.alphaweave.platform.data.DataDefect.Kind;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sample shipped in data/sample: 50 symbols, 11 sectors, five years, with known defects. */
class SampleDataTest {
    private final MarketData data = MarketData.load(TestData.sample(), TestData.sampleSectors());

    @Test
    void holdsFiftySymbolsOfAllElevenSectorsOverTheFullFiveYears() {
        assertThat(data.symbolCount()).isEqualTo(50);
        assertThat(data.dayCount()).isEqualTo(1259);
        assertThat(data.date(0)).hasToString("2013-02-08");
        assertThat(data.date(1258)).hasToString("2018-02-07");
        assertThat(data.barCount()).isEqualTo(60_331);
        assertThat(IntStream.range(0, 50).mapToObj(data::sector).distinct())
                .containsExactlyInAnyOrder(
                        "Consumer Discretionary",
                        "Consumer Staples",
                        "Energy",
                        "Financials",
                        "Health Care",
                        "Industrials",
                        "Information Technology",
                        "Materials",
                        "Real Estate",
                        "Telecommunication Services",
                        "Utilities");
        assertThat(MarketData.loadSectors(TestData.sampleSectors())).hasSize(50);
    }

    @Test
    void showsTheKnownDefectsOfItsSymbols() {
        // README of data/sample: 9 empty opens, 3 zero volumes, 8 high/low rows, 51 missing days,
        // 4 spike reversals (LNT, MRO, NWL, O), 5 large moves (AMD, DISCA, DISCK, VRTX x2)
        assertThat(data.quality().countsByKind())
                .isEqualTo(Map.of(
                        Kind.EMPTY_PRICE, 9,
                        Kind.ZERO_VOLUME, 3,
                        Kind.HIGH_LOW_INCONSISTENT, 8,
                        Kind.MISSING_DAY, 51,
                        Kind.SPIKE_REVERSAL, 4,
                        Kind.SUSPICIOUS_JUMP, 5));
        assertThat(data.quality().of(Kind.SPIKE_REVERSAL))
                .extracting(DataDefect::symbol)
                .containsExactly("LNT", "MRO", "NWL", "O");
        assertThat(data.quality().defects())
                .allSatisfy(d -> assertThat(d.file()).endsWith("sp500_sample.csv.gz"));
    }

    @Test
    void keepsTheQualityReportOnDerivedPanels() {
        assertThat(data.select(java.util.List.of("AAPL")).quality()).isSameAs(data.quality());
        assertThat(data.truncate(10).quality()).isSameAs(data.quality());
    }
}
