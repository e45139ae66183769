package io.alphaweave.web.http;

import io.alphaweave.api.ComponentKind;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DatasetCatalog;
import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.dsl.DefinitionException;
import io.alphaweave.platform.registry.ComponentEntry;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The route table of the API and its handlers. Handlers check the request's shape, call the platform
 * and render records; they hold no business logic.
 */
final class ApiRoutes {
    /** The swagger-ui WebJar version on the class path (the explorer page loads it). */
    static final String SWAGGER_UI_VERSION = webjarVersion();

    /** Ids: a letter or digit, then letters, digits, '.', '_' or '-'; never "..", never a path. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final List<String> YAML_TYPES =
            List.of("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "application/json");
    private static final List<String> JS_TYPES = List.of("application/javascript", "text/javascript");

    private ApiRoutes() {}

    static List<Route> table(
            ApiServer.Services services, ApiServer.Settings settings, Supplier<List<Route>> everyRoute) {
        List<Route> routes = new ArrayList<>();
        Map<Integer, String> ok = Map.of(200, "OK");
        routes.add(new Route(
                HandlerType.GET,
                "/health",
                Role.READ,
                List.of(),
                "health",
                "service",
                "Whether the service answers",
                List.of(),
                ok,
                ctx -> json(ctx, Map.of("status", "ok"))));
        routes.add(new Route(
                HandlerType.GET,
                "/version",
                Role.READ,
                List.of(),
                "version",
                "service",
                "The service and API versions",
                List.of(),
                ok,
                ctx -> json(ctx, Map.of("name", "alphaweave", "version", settings.version(), "api", "v1"))));
        routes.add(new Route(
                HandlerType.GET,
                "/components",
                Role.READ,
                List.of(),
                "listComponents",
                "components",
                "Every registered strategy, combiner and allocator",
                List.of(Route.Parameter.query("kind", "only this kind", "strategy", "combiner", "allocator")),
                Map.of(200, "the components", 400, "an unknown kind"),
                ctx -> listComponents(ctx, services)));
        routes.add(new Route(
                HandlerType.GET,
                "/components/{id}",
                Role.READ,
                List.of(),
                "getComponent",
                "components",
                "One component: parameters, README, version, content hash, source, the metrics of the newest"
                        + " complete stored run that used it and its alpha-score histogram",
                List.of(
                        Route.Parameter.path("id", "the component id"),
                        Route.Parameter.query(
                                "kind", "which kind, when the id names several", "strategy", "combiner", "allocator")),
                Map.of(200, "the component", 400, "a malformed id or kind, or an id that names several kinds"),
                ctx -> getComponent(ctx, services)));
        routes.add(new Route(
                HandlerType.GET,
                "/plugins",
                Role.READ,
                List.of(),
                "listPlugins",
                "plugins",
                "The plugin JARs: id, version, file name, SHA-256, state and the components each registered",
                List.of(),
                ok,
                ctx -> json(
                        ctx,
                        services.registry().plugins().stream()
                                .map(Views.Plugin::of)
                                .toList())));
        routes.add(new Route(
                HandlerType.GET,
                "/datasets",
                Role.READ,
                List.of(),
                "listDatasets",
                "datasets",
                "The named datasets",
                List.of(),
                ok,
                ctx -> json(
                        ctx,
                        services.datasets().list().stream()
                                .map(Views.DatasetSummary::of)
                                .toList())));
        routes.add(new Route(
                HandlerType.GET,
                "/datasets/{id}",
                Role.READ,
                List.of(),
                "getDataset",
                "datasets",
                "One dataset: symbols, dates and data defects",
                List.of(Route.Parameter.path("id", "the dataset name, e.g. sample or sp500")),
                Map.of(200, "the dataset", 400, "a malformed id"),
                ctx -> getDataset(ctx, services)));
        List<String> definitionTypes = new ArrayList<>(YAML_TYPES);
        definitionTypes.addAll(JS_TYPES);
        routes.add(new Route(
                HandlerType.POST,
                "/validate",
                Role.WRITE,
                definitionTypes,
                "validate",
                "definitions",
                "Check a definition (YAML or JavaScript): schema, compile, sandbox, lookahead and a quick"
                        + " in-sample backtest on the sample data",
                List.of(Route.Parameter.query(
                        "filename",
                        "the name problems are reported under; its extension must match the"
                                + " Content-Type (.yaml/.yml/.json or .js/.mjs)")),
                Map.of(
                        200, "the definition passed; the validation report",
                        400, "the body cannot be parsed (problems[] says where), or a bad filename",
                        422, "the definition is well-formed but fails a check (problems[] and checks)"),
                ctx -> validate(ctx, services)));
        AtomicReference<String> document = new AtomicReference<>();
        routes.add(new Route(
                HandlerType.GET,
                "/openapi.json",
                Role.READ,
                List.of(),
                "openapi",
                "service",
                "This document (OpenAPI 3.1)",
                List.of(),
                ok,
                ctx -> {
                    if (document.get() == null) {
                        document.compareAndSet(
                                null, JsonMapper.write(OpenApiDocument.of(everyRoute.get(), settings.version())));
                    }
                    ctx.contentType("application/json").result(document.get());
                }));
        return List.copyOf(routes);
    }

    private static void listComponents(Context ctx, ApiServer.Services services) {
        ComponentKind kind = kind(ctx);
        List<ComponentEntry> entries = kind == null
                ? services.registry().entries()
                : services.registry().entries(kind);
        json(ctx, entries.stream().map(Views.ComponentSummary::of).toList());
    }

    private static void getComponent(Context ctx, ApiServer.Services services) {
        String id = id(ctx);
        ComponentKind kind = kind(ctx);
        List<ComponentEntry> found = services.registry().entries().stream()
                .filter(e -> e.id().equals(id) && (kind == null || e.kind() == kind))
                .toList();
        if (found.isEmpty()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND,
                    "no component \"" + id + "\"" + (kind == null ? "" : " of kind " + label(kind)) + "; GET "
                            + ApiServer.PREFIX + "/components lists them");
        }
        if (found.size() > 1) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "\"" + id + "\" names a "
                            + found.stream().map(e -> label(e.kind())).toList() + "; add ?kind= to choose one");
        }
        ComponentEntry entry = found.getFirst();
        ComponentInsights insights = services.insights();
        json(
                ctx,
                Views.ComponentDetail.of(
                        entry,
                        insights == null ? null : insights.latestMetrics(entry).orElse(null),
                        insights == null ? null : insights.alphaHistogram(entry).orElse(null)));
    }

    private static void getDataset(Context ctx, ApiServer.Services services) {
        String id = id(ctx);
        if (services.datasets().find(id).isEmpty()) {
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND,
                    "no dataset \"" + id + "\"; known: "
                            + services.datasets().list().stream()
                                    .map(DatasetCatalog.Dataset::name)
                                    .toList());
        }
        json(ctx, Views.DatasetDetail.of(services.datasets().describe(id)));
    }

    private static void validate(Context ctx, ApiServer.Services services) {
        boolean js = JS_TYPES.contains(RequestGuard.mediaType(ctx.contentType()));
        String name = fileName(ctx.queryParam("filename"), js);
        ValidationReport report = services.validator().validate(name, utf8(ctx.bodyAsBytes()));
        if (report.ok()) {
            json(ctx, withoutServerPaths(report));
            return;
        }
        boolean malformed = report.problems().stream()
                .map(DefinitionException.Problem::code)
                .anyMatch(ApiRoutes::isSyntax);
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("file", report.file());
        extensions.put("checks", report.checks());
        if (report.id() != null) {
            extensions.put("id", report.id());
            extensions.put("kind", report.kind());
            extensions.put("sha256", report.sha256());
        }
        throw ApiProblem.withProblems(
                malformed ? ApiProblem.Kind.BAD_REQUEST : ApiProblem.Kind.INVALID_DEFINITION,
                report.problems().size() + " problem(s) in " + name + "; the first: "
                        + Redact.paths(report.problems().getFirst().message()),
                report.problems().stream().map(ApiRoutes::problem).toList(),
                extensions);
    }

    /** The report as sent: its quick backtest names the dataset, not the file it was read from. */
    private static ValidationReport withoutServerPaths(ValidationReport r) {
        ValidationReport.QuickBacktest b = r.backtest();
        return new ValidationReport(
                r.file(),
                r.ok(),
                r.checks(),
                r.problems(),
                r.id(),
                r.kind(),
                r.source(),
                r.sha256(),
                r.coverage(),
                b == null
                        ? null
                        : new ValidationReport.QuickBacktest(
                                b.mode(), DatasetCatalog.SAMPLE, b.symbols(), b.days(), b.totalReturn(), b.trades()));
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

    private static boolean isSyntax(String code) {
        return code.startsWith("YAML_") || code.equals("JS_SYNTAX") || code.startsWith("FILE_");
    }

    private static String fileName(String raw, boolean js) {
        if (raw == null) {
            return js ? "definition.js" : "definition.yaml";
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        boolean jsName = lower.endsWith(".js") || lower.endsWith(".mjs");
        boolean yamlName = lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
        if (!ID.matcher(raw).matches() || raw.contains("..") || !(jsName || yamlName)) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "filename must be a plain file name (letters, digits, '.', '_', '-') ending in .yaml, .yml, .json,"
                            + " .js or .mjs, was \"" + raw + "\"");
        }
        if (jsName != js) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "filename \"" + raw + "\" says " + (jsName ? "JavaScript" : "YAML") + " but the Content-Type says "
                            + (js ? "JavaScript" : "YAML") + "; make them agree");
        }
        return raw;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST, "the body is not valid UTF-8; send the definition as UTF-8");
        }
    }

    /** The {id} path parameter, decoded and checked: traversal in any encoding never reaches a lookup. */
    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches() || id.contains("..")) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "an id is a letter or digit followed by up to 127 letters, digits, '.', '_' or '-' (no \"..\"); was \""
                            + id + "\"");
        }
        return id;
    }

    private static ComponentKind kind(Context ctx) {
        String raw = ctx.queryParam("kind");
        if (raw == null) {
            return null;
        }
        for (ComponentKind k : ComponentKind.values()) {
            if (label(k).equals(raw)) {
                return k;
            }
        }
        throw ApiProblem.of(
                ApiProblem.Kind.BAD_REQUEST, "kind must be one of strategy, combiner, allocator; was \"" + raw + "\"");
    }

    private static String label(ComponentKind k) {
        return k.name().toLowerCase(Locale.ROOT);
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json").result(JsonMapper.write(body));
    }

    private static String webjarVersion() {
        try (InputStream in =
                ApiRoutes.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                return "missing";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "missing");
        } catch (IOException e) {
            return "missing";
        }
    }
}
