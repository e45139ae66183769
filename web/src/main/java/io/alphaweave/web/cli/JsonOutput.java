package io.alphaweave.web.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphaweave.platform.evaluation.ReturnMetrics;
import java.lang.reflect.RecordComponent;
import java.util.Locale;

/** JSON for CLI output: snake_case keys, undefined numbers (NaN, ±∞) as null. */
final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {}

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** The metric names of METRICS.md, in its order. */
    static ObjectNode metrics(ReturnMetrics m) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("days", m.days());
        put(n, "total_return", m.totalReturn());
        put(n, "cagr", m.cagr());
        put(n, "volatility", m.volatility());
        put(n, "sharpe_ratio", m.sharpeRatio());
        put(n, "downside_risk", m.downsideRisk());
        put(n, "sortino_ratio", m.sortinoRatio());
        put(n, "max_drawdown", m.maxDrawdown());
        put(n, "calmar_ratio", m.calmarRatio() == null ? Double.NaN : m.calmarRatio());
        put(n, "var_95", m.var95());
        put(n, "cvar_95", m.cvar95());
        put(n, "daily_win_rate", m.dailyWinRate());
        put(n, "daily_profit_factor", m.dailyProfitFactor());
        put(n, "avg_daily_win", m.avgDailyWin());
        put(n, "avg_daily_loss", m.avgDailyLoss());
        return n;
    }

    /** A record of numbers and strings as an object with snake_case keys. */
    static ObjectNode tree(Record r) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            String key = snake(c.getName());
            if (v == null) {
                n.putNull(key);
            } else if (v instanceof Double d) {
                put(n, key, d);
            } else if (v instanceof Integer i) {
                n.put(key, i);
            } else if (v instanceof Long l) {
                n.put(key, l);
            } else if (v instanceof Boolean b) {
                n.put(key, b);
            } else if (v instanceof Record rec) {
                n.set(key, tree(rec));
            } else {
                n.put(key, v.toString());
            }
        }
        return n;
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else if (Character.isDigit(ch) && b.length() > 0 && !Character.isDigit(b.charAt(b.length() - 1))) {
                b.append('_').append(ch);
            } else {
                b.append(ch);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
