package io.alphaweave.platform.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReturnSeriesTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path p = dir.resolve("r.csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsADateReturnCsv() throws IOException {
        ReturnSeries r = ReturnSeries.readCsv(write("date,return\n2024-01-02,0.01\n\n2024-01-03,-0.02\n"));
        assertThat(r.size()).isEqualTo(2);
        assertThat(r.dates()).containsExactly(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
        assertThat(r.returns()).containsExactly(0.01, -0.02);
    }

    @Test
    void namesTheFileAndLineOfABadReturn() throws IOException {
        Path p = write("date,return\n2024-01-02,0.01\n2024-01-03,abc\n");
        assertThatThrownBy(() -> ReturnSeries.readCsv(p))
                .isInstanceOf(InvalidReturnsException.class)
                .hasMessageContaining("r.csv:3")
                .hasMessageContaining("abc");
    }

    @Test
    void rejectsAMissingReturnWithItsLineAndDate() throws IOException {
        Path p = write("date,return\n2024-01-02,NaN\n");
        assertThatThrownBy(() -> ReturnSeries.readCsv(p))
                .hasMessageContaining("r.csv:2")
                .hasMessageContaining("2024-01-02");
    }

    @Test
    void rejectsAWrongHeaderUnsortedDatesAndAnEmptyFile() throws IOException {
        Path a = write("day,ret\n2024-01-02,0.1\n");
        assertThatThrownBy(() -> ReturnSeries.readCsv(a)).hasMessageContaining("header must be");
        Path b = write("date,return\n2024-01-03,0.1\n2024-01-02,0.1\n");
        assertThatThrownBy(() -> ReturnSeries.readCsv(b))
                .hasMessageContaining("r.csv:3")
                .hasMessageContaining("increasing");
        Path c = write("");
        assertThatThrownBy(() -> ReturnSeries.readCsv(c)).hasMessageContaining("empty");
        assertThatThrownBy(() -> ReturnSeries.readCsv(dir.resolve("missing.csv")))
                .hasMessageContaining("cannot read");
    }

    @Test
    void reportsNumpyStyleNanAndInfAsMissingValues() throws IOException {
        for (String missing : new String[] {"nan", "-inf", "Infinity"}) {
            Path p = write("date,return\n2024-01-02,0.01\n2024-01-03," + missing + "\n");
            assertThatThrownBy(() -> ReturnSeries.readCsv(p))
                    .isInstanceOf(InvalidReturnsException.class)
                    .hasMessageContaining("r.csv:3")
                    .hasMessageContaining("2024-01-03")
                    .hasMessageContaining("missing values");
        }
    }

    @Test
    void rejectsJavaOnlyNumberSyntaxThatIsNotADecimal() throws IOException {
        // Double.parseDouble alone would read "0.5d" as 0.5 and "0x1p-3" as 0.125
        for (String bad : new String[] {"0.5d", "1F", "0x1p-3"}) {
            Path p = write("date,return\n2024-01-02," + bad + "\n");
            assertThatThrownBy(() -> ReturnSeries.readCsv(p))
                    .isInstanceOf(InvalidReturnsException.class)
                    .hasMessageContaining("r.csv:2")
                    .hasMessageContaining(bad);
        }
        assertThat(ReturnSeries.readCsv(write("date,return\n2024-01-02,-1.5E-3\n2024-01-03,+.25\n"))
                        .returns())
                .containsExactly(-0.0015, 0.25);
    }

    @Test
    void rejectsAReturnBelowMinusOneNamingTheLineAndTheValue() throws IOException {
        Path p = write("date,return\n2024-01-02,0.01\n2024-01-03,-1.2\n2024-01-04,0.01\n");
        assertThatThrownBy(() -> ReturnSeries.readCsv(p))
                .isInstanceOf(InvalidReturnsException.class)
                .hasMessage(p + ":3: return -1.2 on 2024-01-03 is below -1: a daily simple return cannot lose more"
                        + " than everything (-1 = -100 %); returns are decimals such as -0.05 for -5 %");
        // exactly -1 (a total loss) is a possible return
        assertThat(ReturnSeries.readCsv(write("date,return\n2024-01-02,-1\n")).returns())
                .containsExactly(-1.0);
    }

    @Test
    void saysAMissingReturnsFileWasNotFound() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> ReturnSeries.readCsv(missing))
                .isInstanceOf(InvalidReturnsException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining("nope.csv");
    }
}
