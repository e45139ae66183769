package io.alphaweave.web.http;

import io.alphaweave.api.ParameterSpec;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.data.DataDefect;
import io.alphaweave.platform.registry.ComponentEntry;
import io.alphaweave.platform.registry.ComponentSource;
import io.alphaweave.platform.registry.PluginStatus;
import io.alphaweave.web.DatasetDirectory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of the API, as records rendered by the one {@code JsonMapper} (snake_case). Each view copies
 * what a client may see and leaves out server paths.
 */
final class Views {
    private Views() {}

    /** Where a component came from, without its location on the server. */
    record Source(String type, String name, String version, String sha256) {
        static Source of(ComponentSource s) {
            return new Source(s.type().label(), s.name(), s.version(), s.contentHash());
        }
    }

    /** A declared parameter. */
    record Parameter(String name, String type, Object defaultValue, Double min, Double max, String description) {
        static Parameter of(ParameterSpec p) {
            return new Parameter(
                    p.name(),
                    p.type().name().toLowerCase(Locale.ROOT),
                    p.defaultValue(),
                    p.min(),
                    p.max(),
                    p.description());
        }
    }

    /** A line of {@code GET /components}. */
    record ComponentSummary(
            String id, String kind, String version, String summary, String status, String error, Source source) {
        static ComponentSummary of(ComponentEntry e) {
            return new ComponentSummary(
                    e.id(),
                    e.kind().name().toLowerCase(Locale.ROOT),
                    e.version(),
                    e.summary(),
                    e.status().label(),
                    Redact.paths(e.status().reason()),
                    Source.of(e.source()));
        }
    }

    /** {@code GET /components/{id}}. */
    record ComponentDetail(
            String id,
            String kind,
            String version,
            String summary,
            String status,
            String error,
            Source source,
            Integer horizonDays,
            List<Parameter> parameters,
            String readme,
            LatestMetrics latestMetrics,
            AlphaHistogram alphaHistogram) {
        static ComponentDetail of(
                ComponentEntry e, ComponentInsights.LatestMetrics metrics, ComponentInsights.Histogram histogram) {
            return new ComponentDetail(
                    e.id(),
                    e.kind().name().toLowerCase(Locale.ROOT),
                    e.version(),
                    e.summary(),
                    e.status().label(),
                    Redact.paths(e.status().reason()),
                    Source.of(e.source()),
                    e.info() == null ? null : e.info().horizonDays(),
                    e.parameters().stream().map(Parameter::of).toList(),
                    e.info() == null ? "" : e.info().readme(),
                    metrics == null ? null : LatestMetrics.of(metrics),
                    histogram == null ? null : AlphaHistogram.of(histogram));
        }
    }

    /** A strategy's alpha-score histogram: 20 bins over [−1, 1] and where the scores came from. */
    record AlphaHistogram(
            String source,
            Long signalSetId,
            List<Double> edges,
            List<Long> counts,
            long total,
            double mean,
            double std) {
        static AlphaHistogram of(ComponentInsights.Histogram h) {
            return new AlphaHistogram(
                    h.source().name().toLowerCase(Locale.ROOT),
                    h.signalSetId(),
                    h.edges(),
                    h.counts(),
                    h.total(),
                    h.mean(),
                    h.std());
        }
    }

    /** The metrics of the newest complete stored run that used a strategy. */
    record LatestMetrics(
            String runId, String runName, String finishedAt, double sharpe, double totalReturn, double maxDrawdown) {
        static LatestMetrics of(ComponentInsights.LatestMetrics m) {
            return new LatestMetrics(
                    m.runId(),
                    m.runName(),
                    m.finishedAt() == null ? null : m.finishedAt().toString(),
                    m.sharpeRatio(),
                    m.totalReturn(),
                    m.maxDrawdown());
        }
    }

    /** A line of {@code GET /plugins}: the JAR named, not located. */
    record Plugin(
            String id,
            String version,
            String file,
            String sha256,
            String state,
            String error,
            List<String> components) {
        static Plugin of(PluginStatus p) {
            return new Plugin(
                    p.pluginId(),
                    p.version(),
                    p.jar().getFileName().toString(),
                    p.sha256(),
                    p.state().label(),
                    Redact.paths(p.error()),
                    p.components());
        }
    }

    /** A line of {@code GET /datasets}: its name and origin, never its files. */
    record DatasetSummary(String id, String origin) {
        static DatasetSummary of(DatasetCatalog.Dataset d) {
            return new DatasetSummary(d.name(), d.origin());
        }
    }

    /** A data defect, with its file named but not located. */
    record Defect(String kind, String symbol, LocalDate date, String file, int line, String reason, String handling) {
        static Defect of(DataDefect d) {
            Path name = d.file() == null ? null : Path.of(d.file()).getFileName();
            return new Defect(
                    d.kind().name(),
                    d.symbol(),
                    d.date(),
                    name == null ? null : name.toString(),
                    d.line(),
                    Redact.paths(d.reason()),
                    d.kind().handling());
        }
    }

    /** {@code GET /datasets/{id}}. */
    record DatasetDetail(
            String id,
            String origin,
            String firstDate,
            String lastDate,
            int tradingDays,
            long rows,
            long bars,
            int symbolCount,
            List<DatasetDirectory.SymbolSummary> symbols,
            Map<String, Integer> defectCounts,
            List<Defect> defects) {
        static DatasetDetail of(DatasetDirectory.Description d) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            d.defectCounts().forEach((k, n) -> counts.put(k.name(), n));
            return new DatasetDetail(
                    d.id(),
                    d.origin(),
                    d.firstDate().toString(),
                    d.lastDate().toString(),
                    d.tradingDays(),
                    d.rows(),
                    d.bars(),
                    d.symbols().size(),
                    d.symbols(),
                    counts,
                    d.defects().stream().map(Defect::of).toList());
        }
    }
}
