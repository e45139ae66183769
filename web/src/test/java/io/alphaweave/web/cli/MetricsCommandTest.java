package io.alphaweave.web.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = AlphaweaveCli.run(args, List.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path workedExample() throws Exception {
        String[] dates = {"01", "02", "03", "04", "05", "08", "09", "10", "11", "12"};
        double[] r = {0.01, -0.02, 0.015, 0.0, -0.005, 0.03, -0.01, 0.002, -0.025, 0.012};
        StringBuilder b = new StringBuilder("date,return\n");
        for (int i = 0; i < r.length; i++) {
            b.append("2024-01-").append(dates[i]).append(',').append(r[i]).append('\n');
        }
        Path p = dir.resolve("returns.csv");
        Files.writeString(p, b);
        return p;
    }

    @Test
    void printsTheWorkedExampleAsJson() throws Exception {
        Run r = run("metrics", "--returns", workedExample().toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode m = json.get("metrics");
        assertThat(m.get("sharpe_ratio").asDouble()).isCloseTo(0.8546802612905735, within(1e-12));
        assertThat(m.get("max_drawdown").asDouble()).isCloseTo(-0.0328195, within(1e-12));
        assertThat(m.get("calmar_ratio").asDouble()).isCloseTo(6.563100846975206, within(1e-12));
        assertThat(m.get("var_95").asDouble()).isCloseTo(-0.02275, within(1e-12));
        assertThat(json.get("probabilistic_sharpe").get("probability").asDouble())
                .isCloseTo(0.5641957489924229, within(1e-9));
        assertThat(json.get("sharpe_interval").get("lower").asDouble()).isLessThan(0.85);
        assertThat(json.get("start").asText()).isEqualTo("2024-01-01");
    }

    @Test
    void printsAReadableTable() throws Exception {
        Run r = run("metrics", "--returns", workedExample().toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("sharpe_ratio")
                .contains("0.8546802612905735")
                .contains("10 returns");
    }

    @Test
    void reportsABadFileInOneLineWithExitCodeTwo() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "date,return\n2024-01-02,0.1\n2024-01-03,oops\n");
        Run r = run("metrics", "--returns", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("bad.csv:3").contains("oops");
        assertThat(r.err()).doesNotContain("at io.alphaweave");
        Run missing = run("metrics", "--returns", dir.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.csv");
    }

    @Test
    void rejectsADailyReturnBelowMinusOneWithItsLineAndValue() throws Exception {
        Path bad = dir.resolve("loss.csv");
        Files.writeString(bad, "date,return\n2024-01-02,0.1\n2024-01-03,-1.5\n");
        Run r = run("metrics", "--returns", bad.toString(), "--json");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("error: " + bad + ":3: return -1.5 on 2024-01-03 is below -1");
    }
}
