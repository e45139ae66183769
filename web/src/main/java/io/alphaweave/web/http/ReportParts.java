package io.alphaweave.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stored report split into a summary and its bulky parts (issue 15): the per-trade list, the
 * per-day weights and each strategy's per-day confidence leave the summary, which names each of them
 * under {@code omitted} — its JSON Pointer into the full report, its item count and the route that pages
 * it — and links the full report under {@code full_report}. Everything else is kept as it is, so the
 * summary is the full report minus exactly those arrays plus those two members. The HTTP report route
 * and the MCP tool {@code get_report} answer with the summary.
 */
public final class ReportParts {
    /** The member of the summary that lists the parts left out. */
    public static final String OMITTED = "omitted";

    /** The member of the summary that links the full report. */
    public static final String FULL_REPORT = "full_report";

    /** The pointer of the trades. */
    public static final String TRADES = "/trades";

    /** The pointer of the per-day weights. */
    public static final String WEIGHTS = "/weights";

    private static final String STRATEGIES = "strategies";
    private static final String CONFIDENCE = "confidence_over_time";

    /**
     * A report split in two.
     *
     * @param summary the report without its parts, plus {@value #OMITTED} and {@value #FULL_REPORT}
     * @param parts JSON Pointer into the full report → the array found there, in the order of the
     *     {@value #OMITTED} list
     */
    public record Split(ObjectNode summary, Map<String, ArrayNode> parts) {
        /** Checks nulls and copies the map (keeping its order). */
        public Split {
            Objects.requireNonNull(summary, "summary must not be null");
            parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
        }
    }

    private ReportParts() {}

    /**
     * @param strategy a strategy id of the report
     * @return the pointer of that strategy's per-day confidence
     */
    public static String confidencePointer(String strategy) {
        return "/" + STRATEGIES + "/" + escape(strategy) + "/" + CONFIDENCE;
    }

    /**
     * Splits a report; the report itself is not changed.
     *
     * @param report a stored report (a JSON object)
     * @param runBase the run's route, e.g. {@code /api/v1/backtests/<id>}: the links start with it
     * @return the summary and the parts
     * @throws IllegalArgumentException when {@code report} is not a JSON object
     */
    public static Split split(JsonNode report, String runBase) {
        Objects.requireNonNull(runBase, "runBase must not be null");
        if (report == null || !report.isObject()) {
            throw new IllegalArgumentException("report must be a JSON object, was "
                    + (report == null ? "null" : report.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        ObjectNode summary = report.deepCopy();
        Map<String, ArrayNode> parts = new LinkedHashMap<>();
        List<ObjectNode> omitted = new ArrayList<>();
        move(summary, "trades", TRADES, runBase + "/trades", parts, omitted);
        move(summary, "weights", WEIGHTS, runBase + "/weights", parts, omitted);
        if (summary.get(STRATEGIES) instanceof ObjectNode strategies) {
            for (Map.Entry<String, JsonNode> s : strategies.properties()) {
                if (s.getValue() instanceof ObjectNode one) {
                    move(
                            one,
                            CONFIDENCE,
                            confidencePointer(s.getKey()),
                            runBase + "/strategies/" + segment(s.getKey()) + "/" + CONFIDENCE,
                            parts,
                            omitted);
                }
            }
        }
        summary.putArray(OMITTED).addAll(omitted);
        summary.put(FULL_REPORT, runBase + "/report?full=true");
        return new Split(summary, parts);
    }

    private static void move(
            ObjectNode from,
            String field,
            String pointer,
            String href,
            Map<String, ArrayNode> parts,
            List<ObjectNode> omitted) {
        if (!(from.get(field) instanceof ArrayNode array)) {
            return;
        }
        from.remove(field);
        parts.put(pointer, array);
        ObjectNode entry = from.objectNode();
        entry.put("pointer", pointer);
        entry.put("count", array.size());
        entry.put("href", href);
        omitted.add(entry);
    }

    /** A path segment: percent-encoded where a URL needs it. */
    private static String segment(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    /** RFC 6901: "~" as "~0", "/" as "~1". */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
