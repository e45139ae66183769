package io.alphaweave.web.http;

import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.web.DatasetDirectory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the HTTP API for other front ends of the same services (the MCP server): each
 * method returns the very record {@code GET /api/v1/...} renders, so an agent sees the same fields over
 * MCP as over HTTP. Render the results with {@code JsonMapper}.
 */
public final class Renderings {
    private Renderings() {}

    /**
     * @param entries registry entries
     * @return what {@code GET /components} answers for them
     */
    public static List<Object> componentSummaries(List<ComponentEntry> entries) {
        return entries.stream().map(e -> (Object) Views.ComponentSummary.of(e)).toList();
    }

    /**
     * @param entry one registry entry
     * @param insights the latest stored metrics and the sample alpha histogram, or null for none
     * @return what {@code GET /components/{id}} answers
     */
    public static Object componentDetail(ComponentEntry entry, ComponentInsights insights) {
        return Views.ComponentDetail.of(
                entry,
                insights == null ? null : insights.latestMetrics(entry).orElse(null),
                insights == null ? null : insights.alphaHistogram(entry).orElse(null));
    }

    /**
     * @param datasets the named datasets
     * @return what {@code GET /datasets} answers
     */
    public static List<Object> datasetSummaries(List<DatasetCatalog.Dataset> datasets) {
        return datasets.stream().map(d -> (Object) Views.DatasetSummary.of(d)).toList();
    }

    /**
     * @param description a described dataset
     * @return what {@code GET /datasets/{id}} answers
     */
    public static Object datasetDetail(DatasetDirectory.Description description) {
        return Views.DatasetDetail.of(description);
    }

    /**
     * A validation report as {@code POST /validate} shows it: no server path in any message, and the
     * quick backtest naming the sample dataset rather than the file it was read from.
     *
     * @param r the report
     * @return a map of its fields (snake_case names are applied by the mapper)
     */
    public static Map<String, Object> validation(ValidationReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file());
        m.put("ok", r.ok());
        m.put("checks", r.checks());
        m.put("problems", r.problems().stream().map(Renderings::problem).toList());
        putIfPresent(m, "id", r.id());
        putIfPresent(m, "kind", r.kind());
        putIfPresent(m, "source", r.source());
        putIfPresent(m, "sha256", r.sha256());
        putIfPresent(m, "coverage", r.coverage());
        ValidationReport.QuickBacktest b = r.backtest();
        if (b != null) {
            putIfPresent(
                    m,
                    "backtest",
                    new ValidationReport.QuickBacktest(
                            b.mode(), DatasetCatalog.SAMPLE, b.symbols(), b.days(), b.totalReturn(), b.trades()));
        }
        return m;
    }

    /**
     * @param message a message that may name server paths, or null
     * @return the message with each path replaced by its file name
     */
    public static String withoutPaths(String message) {
        return Redact.paths(message);
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static Map<String, Object> problem(DefinitionException.Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("code", p.code());
        m.put("message", Redact.paths(p.message()));
        m.put("hint", p.hint());
        return m;
    }
}
