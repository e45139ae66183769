package io.alphaweave.web.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One route of the API: what registers it with Javalin and what documents it in the OpenAPI
 * document, so that the two cannot drift apart.
 *
 * @param method the HTTP method
 * @param path the path below {@code /api/v1}, with {@code {name}} path parameters
 * @param role the role a caller needs ({@link Role#READ} routes are open on a loopback-only service)
 * @param consumes the request content types the route reads; empty for no body
 * @param operationId the OpenAPI operation id, unique
 * @param tag the OpenAPI tag
 * @param summary a one-line summary
 * @param parameters the path and query parameters
 * @param responses status code → description of every answer the route gives besides the common
 *     errors
 * @param handler the Javalin handler (renders records; no business logic)
 */
public record Route(
        HandlerType method,
        String path,
        Role role,
        List<String> consumes,
        String operationId,
        String tag,
        String summary,
        List<Parameter> parameters,
        Map<Integer, String> responses,
        Handler handler) {

    /**
     * A path or query parameter.
     *
     * @param name its name
     * @param in {@code path} or {@code query}
     * @param description what it means
     * @param allowed the allowed values, empty for any
     */
    public record Parameter(String name, String in, String description, List<String> allowed) {
        /** Checks the fields. */
        public Parameter {
            Objects.requireNonNull(name, "name must not be null");
            if (!in.equals("path") && !in.equals("query")) {
                throw new IllegalArgumentException("in must be path or query, was " + in);
            }
            allowed = List.copyOf(allowed);
        }

        public static Parameter path(String name, String description) {
            return new Parameter(name, "path", description, List.of());
        }

        public static Parameter query(String name, String description, String... allowed) {
            return new Parameter(name, "query", description, List.of(allowed));
        }
    }

    /** Checks the fields and copies the collections. */
    public Route {
        Objects.requireNonNull(method, "method must not be null");
        Objects.requireNonNull(role, "role must not be null");
        Objects.requireNonNull(handler, "handler must not be null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /, was " + path);
        }
        consumes = List.copyOf(consumes);
        parameters = List.copyOf(parameters);
        responses = Map.copyOf(responses);
    }

    /** @return the full path, with the API prefix */
    public String fullPath() {
        return ApiServer.PREFIX + path;
    }
}
