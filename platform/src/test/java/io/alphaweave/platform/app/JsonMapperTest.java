package io.alphaweave.platform.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alphaweave.platform.evaluation.InformationCoefficient;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonMapperTest {
    record Sample(double ratio, Double maybe, LocalDate day, Instant at, int count) {}

    @Test
    void writesSnakeCaseKeysWithDigitRunsAsWordsInDeclarationOrder() {
        ReturnMetrics m =
                new ReturnMetrics(3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, -0.1, null, -0.02, -0.03, 0.5, 1.2, 0.01, -0.01);
        List<String> keys = new java.util.ArrayList<>();
        JsonMapper.tree(m).fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "days",
                        "total_return",
                        "cagr",
                        "volatility",
                        "sharpe_ratio",
                        "downside_risk",
                        "sortino_ratio",
                        "max_drawdown",
                        "calmar_ratio",
                        "var_95",
                        "cvar_95",
                        "daily_win_rate",
                        "daily_profit_factor",
                        "avg_daily_win",
                        "avg_daily_loss");
        assertThat(JsonMapper.snakeCase("tStat")).isEqualTo("t_stat");
        assertThat(JsonMapper.snakeCase("var95")).isEqualTo("var_95");
        assertThat(JsonMapper.snakeCase("timingsMs")).isEqualTo("timings_ms");
    }

    @Test
    void writesNonFiniteNumbersAsNullAndReadsNullBackAsNaN() {
        String json = JsonMapper.write(new Sample(Double.NaN, Double.POSITIVE_INFINITY, null, null, 1));
        assertThat(json)
                .contains("\"ratio\" : null")
                .contains("\"maybe\" : null")
                .doesNotContain("NaN");
        Sample back = JsonMapper.read(json, Sample.class);
        assertThat(back.ratio()).isNaN();
        assertThat(back.maybe()).as("a boxed Double stays null").isNull();
        assertThat(JsonMapper.write(Map.of("x", Double.NEGATIVE_INFINITY))).contains("\"x\" : null");
    }

    @Test
    void writesJavaTimeAsIsoStringsAndReadsThemBack() {
        Sample s = new Sample(0.25, 1.5, LocalDate.of(2014, 1, 2), Instant.parse("2026-12-03T08:00:00Z"), 7);
        String json = JsonMapper.write(s);
        assertThat(json).contains("\"day\" : \"2014-01-02\"").contains("\"at\" : \"2026-12-03T08:00:00Z\"");
        assertThat(JsonMapper.read(json, Sample.class)).isEqualTo(s);
    }

    @Test
    void writesTheSameTextAsTheDefaultPrettyPrinter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", List.of(1.5, 2.0));
        assertThat(JsonMapper.write(m)).isEqualTo("{\n  \"a\" : 1,\n  \"b\" : [ 1.5, 2.0 ]\n}");
    }

    @Test
    void rejectsUnknownKeysAndTextWhereANumberBelongs() {
        assertThatThrownBy(() -> JsonMapper.read(
                        "{\"horizon\":1,\"days\":2,\"mean\":0,\"std\":0,\"icir\":0," + "\"t_stat\":0,\"extra\":1}",
                        InformationCoefficient.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("InformationCoefficient")
                .hasMessageContaining("extra");
        assertThatThrownBy(() -> JsonMapper.read(
                        "{\"ratio\":\"abc\",\"maybe\":null,\"day\":null,\"at\":null,\"count\":1}", Sample.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Sample");
    }
}
