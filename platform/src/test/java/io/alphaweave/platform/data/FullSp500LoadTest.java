package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alphaweave.platform.data.DataDefect.Kind;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The full S&P 500 file loads and reports exactly the defects its README lists (expected values
 * from that README and an independent scan of the file, not from this loader).
 */
class FullSp500LoadTest {
    private static MarketData data;

    @BeforeAll
    static void load() {
        data = MarketData.load(TestData.fullSp500(), TestData.sharedData().resolve("sp500/sp500_sectors_2018.csv"));
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void holds505SymbolsOver1259TradingDays() {
        assertThat(data.symbolCount()).isEqualTo(505);
        assertThat(data.dayCount()).isEqualTo(1259);
        assertThat(data.date(0)).isEqualTo(d("2013-02-08"));
        assertThat(data.date(1258)).isEqualTo(d("2018-02-07"));
        assertThat(data.barCount()).isEqualTo(619_040);
        assertThat(data.quality().rows()).isEqualTo(619_040);
        assertThat(data.symbols()).contains("BRK.B", "BF.B");
    }

    @Test
    void has476SymbolsSpanningTheWholePeriodAnd29LateStarters() {
        int fullSpan = 0, everyBar = 0;
        for (int s = 0; s < data.symbolCount(); s++) {
            double[] c = data.close(s);
            if (!Double.isNaN(c[0]) && !Double.isNaN(c[1258])) {
                fullSpan++;
            }
            long bars = java.util.Arrays.stream(c).filter(x -> !Double.isNaN(x)).count();
            if (bars == 1259) {
                everyBar++;
            }
        }
        assertThat(fullSpan).isEqualTo(476);
        assertThat(everyBar)
                .as("full span minus the 6 symbols with missing days")
                .isEqualTo(470);
        int aptv = data.indexOf("APTV");
        long aptvBars = java.util.Arrays.stream(data.close(aptv))
                .filter(x -> !Double.isNaN(x))
                .count();
        assertThat(aptvBars).isEqualTo(44);
        assertThat(data.close(aptv)[data.dayCount() - 45]).isNaN();
        assertThat(data.close(aptv)[data.dayCount() - 44]).isNotNaN();
    }

    @Test
    void readsPricesExactly() {
        int aal = data.indexOf("AAL");
        // first data row: 2013-02-08,15.07,15.12,14.63,14.75,8407500,AAL
        assertThat(data.open(aal)[0]).isEqualTo(15.07);
        assertThat(data.high(aal)[0]).isEqualTo(15.12);
        assertThat(data.low(aal)[0]).isEqualTo(14.63);
        assertThat(data.close(aal)[0]).isEqualTo(14.75);
        assertThat(data.volume(aal)[0]).isEqualTo(8_407_500);
        assertThat(data.sector(aal)).isEqualTo("Industrials");
    }

    @Test
    void reportsTheElevenRowsWithAnEmptyOpenAndRepairsThem() {
        assertThat(data.quality().of(Kind.EMPTY_PRICE))
                .extracting(DataDefect::symbol, DataDefect::date, DataDefect::line)
                .containsExactly(
                        tuple("BHF", d("2017-07-26"), 82951),
                        tuple("DHR", d("2015-07-17"), 165736),
                        tuple("DHR", d("2016-01-12"), 165859),
                        tuple("ES", d("2015-07-17"), 205078),
                        tuple("FTV", d("2016-07-01"), 239834),
                        tuple("O", d("2015-07-17"), 434381),
                        tuple("O", d("2016-01-12"), 434504),
                        tuple("REGN", d("2015-06-09"), 478596),
                        tuple("UA", d("2016-04-07"), 558215),
                        tuple("VRTX", d("2015-05-12"), 581908),
                        tuple("WRK", d("2015-06-26"), 598238));
        // DHR 2015-07-17: ",88.76,88.24,88.72" — only open empty: open := close
        int dhr = data.indexOf("DHR"), day = dayOf("2015-07-17");
        assertThat(data.open(dhr)[day]).isEqualTo(88.72);
        assertThat(data.high(dhr)[day]).isEqualTo(88.76);
        assertThat(data.low(dhr)[day]).isEqualTo(88.24);
        // REGN 2015-06-09: open, high, low empty: all := close 526.09
        int regn = data.indexOf("REGN"), day2 = dayOf("2015-06-09");
        assertThat(new double[] {data.open(regn)[day2], data.high(regn)[day2], data.low(regn)[day2]})
                .containsOnly(526.09);
        assertThat(data.close(regn)[day2]).isEqualTo(526.09);
    }

    @Test
    void reportsTheFourRowsWithZeroVolumeAndKeepsThem() {
        assertThat(data.quality().of(Kind.ZERO_VOLUME))
                .extracting(DataDefect::symbol, DataDefect::date)
                .containsExactly(
                        tuple("DHR", d("2016-01-12")),
                        tuple("FTV", d("2016-07-01")),
                        tuple("O", d("2016-01-12")),
                        tuple("UA", d("2016-04-07")));
        assertThat(data.volume(data.indexOf("UA"))[dayOf("2016-04-07")]).isZero();
    }

    @Test
    void reportsTheTwelveRowsWhoseHighLowMissOpenOrCloseAndWidensThem() {
        assertThat(data.quality().of(Kind.HIGH_LOW_INCONSISTENT))
                .extracting(DataDefect::symbol, DataDefect::date)
                .containsExactly(
                        tuple("AOS", d("2014-05-19")),
                        tuple("BBY", d("2016-03-14")),
                        tuple("CHD", d("2014-05-19")),
                        tuple("CHK", d("2014-06-30")),
                        tuple("DHR", d("2014-11-06")),
                        tuple("IP", d("2014-07-01")),
                        tuple("LNT", d("2016-05-19")),
                        tuple("O", d("2014-08-27")),
                        tuple("O", d("2014-11-06")),
                        tuple("SPG", d("2014-05-28")),
                        tuple("UA", d("2016-06-10")),
                        tuple("WRK", d("2016-05-13")));
        // SPG 2014-05-28: 176.23,176.6,174.5,165.42 -> low := 165.42
        int spg = data.indexOf("SPG"), day = dayOf("2014-05-28");
        assertThat(data.low(spg)[day]).isEqualTo(165.42);
        assertThat(data.high(spg)[day]).isEqualTo(176.6);
        // AOS 2014-05-19: 23.89,23.595,23.85,24.445 (high < low) -> high 24.445, low 23.595
        int aos = data.indexOf("AOS"), day2 = dayOf("2014-05-19");
        assertThat(data.high(aos)[day2]).isEqualTo(24.445);
        assertThat(data.low(aos)[day2]).isEqualTo(23.595);
        for (int s = 0; s < data.symbolCount(); s++) {
            for (int t = 0; t < data.dayCount(); t++) {
                double c = data.close(s)[t];
                if (!Double.isNaN(c)) {
                    assertThat(data.high(s)[t]).isGreaterThanOrEqualTo(Math.max(c, data.open(s)[t]));
                    assertThat(data.low(s)[t]).isLessThanOrEqualTo(Math.min(c, data.open(s)[t]));
                }
            }
        }
    }

    @Test
    void reportsTheMissingDaysInsideEachSymbolsSpan() {
        Map<String, Integer> counts = new TreeMap<>();
        for (DataDefect defect : data.quality().of(Kind.MISSING_DAY)) {
            counts.merge(defect.symbol(), 1, Integer::sum);
        }
        assertThat(counts)
                .containsExactlyEntriesOf(
                        new TreeMap<>(Map.of("BMY", 2, "DHR", 16, "ES", 10, "ICE", 5, "ORCL", 2, "O", 16)));
        assertThat(data.quality().of(Kind.MISSING_DAY).stream()
                        .filter(x -> x.symbol().equals("ES"))
                        .map(DataDefect::date))
                .containsExactly(
                        d("2015-03-09"),
                        d("2015-03-10"),
                        d("2015-03-11"),
                        d("2015-03-12"),
                        d("2015-03-13"),
                        d("2015-03-16"),
                        d("2015-03-17"),
                        d("2015-03-18"),
                        d("2015-03-19"),
                        d("2015-03-20"));
        assertThat(data.close(data.indexOf("ORCL"))[dayOf("2013-07-15")]).isNaN();
    }

    @Test
    void reportsBadPrintsAsSpikeReversalsAndKeepsThem() {
        assertThat(data.quality().of(Kind.SPIKE_REVERSAL))
                .extracting(DataDefect::symbol, DataDefect::date)
                .containsExactly(
                        tuple("EFX", d("2017-09-14")),
                        tuple("FLR", d("2017-09-14")),
                        tuple("LNT", d("2016-05-19")),
                        tuple("MPC", d("2017-09-14")),
                        tuple("MRO", d("2017-09-14")),
                        tuple("NWL", d("2017-09-14")),
                        tuple("O", d("2013-12-20")));
        assertThat(data.close(data.indexOf("LNT"))[dayOf("2016-05-19")]).isEqualTo(17.87);
    }

    @Test
    void reportsOutsizedOneDayMovesAsSuspiciousJumps() {
        assertThat(data.quality().of(Kind.SUSPICIOUS_JUMP))
                .extracting(DataDefect::symbol, DataDefect::date)
                .containsExactly(
                        tuple("AMD", d("2016-04-22")),
                        tuple("BAX", d("2015-07-01")),
                        tuple("DISCA", d("2014-08-07")),
                        tuple("DISCK", d("2014-08-07")),
                        tuple("EBAY", d("2015-07-20")),
                        tuple("NI", d("2015-07-02")),
                        tuple("VRTX", d("2013-04-19")),
                        tuple("VRTX", d("2014-06-24")));
        assertThat(data.quality().of(Kind.SUSPICIOUS_JUMP).get(2).reason()).contains("83.02", "40.975", "-50.6%");
    }

    @Test
    void reportsNoOtherKindOfDefectAndGivesEverySymbolASector() {
        assertThat(data.quality().countsByKind())
                .containsOnlyKeys(
                        Kind.EMPTY_PRICE,
                        Kind.ZERO_VOLUME,
                        Kind.HIGH_LOW_INCONSISTENT,
                        Kind.MISSING_DAY,
                        Kind.SPIKE_REVERSAL,
                        Kind.SUSPICIOUS_JUMP);
        assertThat(data.quality().defects()).hasSize(11 + 4 + 12 + 51 + 7 + 8);
        long sectors = java.util.stream.IntStream.range(0, data.symbolCount())
                .mapToObj(data::sector)
                .distinct()
                .count();
        assertThat(sectors).isEqualTo(11);
    }

    private static int dayOf(String iso) {
        LocalDate date = d(iso);
        for (int t = 0; t < data.dayCount(); t++) {
            if (data.date(t).equals(date)) {
                return t;
            }
        }
        throw new AssertionError(iso + " is not a trading day");
    }
}
