package io.alphaweave.web.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.1 document of the API, built from the same route table that registers the routes.
 * Every operation lists its own answers plus the errors every route can give, all as RFC 9457
 * problems.
 */
final class OpenApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private OpenApiDocument() {}

    /**
     * @param routes the API's routes
     * @param version the service version
     * @return the document as a JSON-ready tree
     */
    static Map<String, Object> of(List<Route> routes, String version) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put(
                "info",
                Map.of(
                        "title",
                        "alphaweave API",
                        "version",
                        version,
                        "description",
                        "The alphaweave registry, datasets and validation over HTTP. Errors are"
                                + " RFC 9457 problems (application/problem+json)."));
        doc.put("servers", List.of(Map.of("url", ApiServer.PREFIX)));
        Map<String, Object> paths = new TreeMap<>();
        for (Route r : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item =
                    (Map<String, Object>) paths.computeIfAbsent(r.path(), k -> new LinkedHashMap<String, Object>());
            item.put(r.method().name().toLowerCase(Locale.ROOT), operation(r));
        }
        doc.put("paths", paths);
        doc.put("components", components());
        return doc;
    }

    private static Map<String, Object> operation(Route r) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", r.operationId());
        op.put("tags", List.of(r.tag()));
        op.put("summary", r.summary());
        op.put("x-required-role", r.role().label());
        op.put(
                "security",
                r.role() == Role.READ
                        ? List.of(Map.of(), Map.of("bearer", List.of()))
                        : List.of(Map.of("bearer", List.of())));
        List<Object> params = new ArrayList<>();
        for (Route.Parameter p : r.parameters()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("in", p.in());
            m.put("required", p.in().equals("path"));
            m.put("description", p.description());
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "string");
            if (!p.allowed().isEmpty()) {
                schema.put("enum", p.allowed());
            }
            m.put("schema", schema);
            params.add(m);
        }
        if (!params.isEmpty()) {
            op.put("parameters", params);
        }
        if (!r.consumes().isEmpty()) {
            Map<String, Object> content = new LinkedHashMap<>();
            for (String type : r.consumes()) {
                content.put(type, Map.of("schema", Map.of("type", "string")));
            }
            op.put("requestBody", Map.of("required", true, "content", content));
        }
        Map<String, Object> responses = new TreeMap<>();
        r.responses().forEach((status, description) -> {
            Map<String, Object> resp = new LinkedHashMap<>();
            resp.put("description", description);
            if (status < 300) {
                resp.put("content", Map.of("application/json", Map.of("schema", Map.of("type", "object"))));
            } else if (status >= 400) {
                resp.put(
                        "content",
                        Map.of(ProblemResponses.PROBLEM_JSON, Map.of("schema", Map.of("$ref", PROBLEM_REF))));
            } // a 3xx (304) has no body
            responses.put(Integer.toString(status), resp);
        });
        List<Integer> common = new ArrayList<>(List.of(401, 403, 404, 429, 500));
        if (!r.consumes().isEmpty()) {
            common.addAll(List.of(413, 415));
        }
        for (int status : common) {
            responses.putIfAbsent(
                    Integer.toString(status),
                    Map.of(
                            "description", errorDescription(status),
                            "content",
                                    Map.of(
                                            ProblemResponses.PROBLEM_JSON,
                                            Map.of("schema", Map.of("$ref", PROBLEM_REF)))));
        }
        op.put("responses", responses);
        return op;
    }

    private static String errorDescription(int status) {
        return switch (status) {
            case 401 -> "no bearer token, or one that matches no token";
            case 403 -> "the token's role is too weak for this route";
            case 404 -> "no such resource";
            case 413 -> "the body is over the size limit";
            case 415 -> "the Content-Type is not one this route reads";
            case 429 -> "over the per-caller rate; see Retry-After";
            default -> "the service failed; the detail names a reference";
        };
    }

    private static Map<String, Object> components() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "object");
        problem.put("description", "An RFC 9457 problem.");
        problem.put("required", List.of("type", "title", "status", "detail", "instance"));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("type", Map.of("type", "string", "format", "uri-reference"));
        props.put("title", Map.of("type", "string"));
        props.put("status", Map.of("type", "integer"));
        props.put("detail", Map.of("type", "string"));
        props.put("instance", Map.of("type", "string"));
        props.put(
                "problems",
                Map.of(
                        "type", "array",
                        "description",
                                "the individual problems of a definition: file, line, column, code, message, hint",
                        "items", Map.of("type", "object")));
        problem.put("properties", props);
        return Map.of(
                "schemas", Map.of("Problem", problem),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")));
    }

    /**
     * @param path an OpenAPI path
     * @return its path parameter names, in order
     */
    static List<String> pathParameters(String path) {
        List<String> names = new ArrayList<>();
        Matcher m = PATH_PARAM.matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
