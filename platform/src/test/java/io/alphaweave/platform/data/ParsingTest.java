package io.alphaweave.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-rolled date and number parsers agree with the JDK's. */
class ParsingTest {

    @Test
    void computesTheSameEpochDayAsLocalDateForEveryDayFrom1800To2200() {
        for (LocalDate d = LocalDate.of(1800, 1, 1); d.getYear() <= 2200; d = d.plusDays(1)) {
            assertThat(CsvBarReader.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .as("%s", d)
                    .isEqualTo((int) d.toEpochDay());
            assertThat(CsvBarReader.daysInMonth(d.getYear(), d.getMonthValue())).isEqualTo(d.lengthOfMonth());
        }
    }

    @Test
    void parsesDecimalsBitForBitLikeDoubleParseDouble() {
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder csv = new StringBuilder("date,open,high,low,close,volume,Name\n");
        String[] texts = new String[5000];
        LocalDate day = LocalDate.of(2000, 1, 3);
        for (int i = 0; i < texts.length; i++) {
            int decimals = rnd.nextInt(0, 9);
            double x = 1 + rnd.nextDouble() * Math.pow(10, rnd.nextInt(0, 7)); // > 0: kept as a bar
            String t = String.format(Locale.ROOT, "%." + decimals + "f", x);
            if (i % 50 == 0) {
                t = "1.5e" + rnd.nextInt(0, 5); // exponent: the slow path
            } else if (i % 77 == 0) {
                t = "12345678901234567.25"; // too many digits: the slow path
            }
            texts[i] = t;
            csv.append(day.plusDays(i))
                    .append(',')
                    .append(t)
                    .append(",1e300,1e-300,")
                    .append(t)
                    .append(",0,A\n");
        }
        MarketData m = MarketData.load(
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "random.csv");
        for (int i = 0; i < texts.length; i++) {
            assertThat(Double.doubleToRawLongBits(m.close(0)[i]))
                    .as("close %s", texts[i])
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(texts[i])));
        }
    }
}
