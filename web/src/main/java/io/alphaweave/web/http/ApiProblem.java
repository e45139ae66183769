package io.alphaweave.web.http;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the service answers with an RFC 9457 problem: thrown by handlers and the request guard,
 * rendered in one place ({@link ProblemResponses}). The message is the problem's {@code detail} and
 * must hold no stack trace, SQL or server path.
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The kinds of problem the API answers with; each has one status, slug and title. */
    public enum Kind {
        /** 400: the request is malformed (syntax, a bad id, a bad query parameter). */
        BAD_REQUEST(400, "bad-request", "Bad request"),
        /** 401: no credentials, or credentials that match no token. */
        UNAUTHORIZED(401, "unauthorized", "Unauthorized"),
        /** 403: a valid token whose role is too weak for the route. */
        FORBIDDEN(403, "forbidden", "Forbidden"),
        /** 404: no such route or no such resource. */
        NOT_FOUND(404, "not-found", "Not found"),
        /** 405: the route exists, but not with this method. */
        METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
        /** The resource is not in a state that allows the request (e.g. a report of a run still running). */
        CONFLICT(409, "conflict", "Conflict"),
        /** 413: the body is larger than the service accepts. */
        CONTENT_TOO_LARGE(413, "content-too-large", "Content too large"),
        /** 415: the body's content type is not one the route reads. */
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
        /** 422: a well-formed definition that fails validation. */
        INVALID_DEFINITION(422, "invalid-definition", "Invalid definition"),
        /** 422: an uploaded plugin JAR that fails a check (its {@code reason} member says which). */
        INVALID_PLUGIN(422, "invalid-plugin", "Invalid plugin"),
        /** 429: the caller's request rate is over its limit. */
        RATE_LIMITED(429, "rate-limited", "Too many requests"),
        /** 500: a fault of the service or of a component it ran. */
        INTERNAL(500, "internal", "Internal error"),
        /** The service cannot take the request now (e.g. the backtest queue is full); see Retry-After. */
        UNAVAILABLE(503, "unavailable", "Service unavailable");

        private final int status;
        private final String slug;
        private final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }

        /** @return the HTTP status code */
        public int status() {
            return status;
        }

        /** @return the problem type URI */
        public String type() {
            return "urn:alphaweave:problem:" + slug;
        }

        /** @return the short, fixed human summary */
        public String title() {
            return title;
        }
    }

    private final Kind kind;
    private final transient List<Map<String, Object>> problems;
    private final transient Map<String, Object> extensions;
    private final long retryAfterSeconds;

    private ApiProblem(
            Kind kind,
            String detail,
            List<Map<String, Object>> problems,
            Map<String, Object> extensions,
            long retryAfterSeconds) {
        super(Objects.requireNonNull(detail, "detail must not be null"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind must not be null");
        this.problems = List.copyOf(problems);
        this.extensions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extensions));
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retryAfterSeconds must be ≥ 0, was " + retryAfterSeconds);
        }
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * @param kind what went wrong
     * @param detail what, where and how to fix, for a human
     * @return the problem
     */
    public static ApiProblem of(Kind kind, String detail) {
        return new ApiProblem(kind, detail, List.of(), Map.of(), 0);
    }

    /**
     * @param kind what went wrong
     * @param detail the summary
     * @param problems the individual problems (file, line, column, code, message, hint)
     * @param extensions further members of the problem object (e.g. the checks of a validation)
     * @return the problem
     */
    public static ApiProblem withProblems(
            Kind kind, String detail, List<Map<String, Object>> problems, Map<String, Object> extensions) {
        return new ApiProblem(kind, detail, problems, extensions, 0);
    }

    /**
     * @param detail the summary
     * @param retryAfterSeconds when the caller may try again, ≥ 1
     * @return a 429 problem with a {@code Retry-After}
     */
    public static ApiProblem rateLimited(String detail, long retryAfterSeconds) {
        return new ApiProblem(Kind.RATE_LIMITED, detail, List.of(), Map.of(), Math.max(1, retryAfterSeconds));
    }

    /**
     * @param kind what went wrong (usually {@link Kind#UNAVAILABLE})
     * @param detail the summary
     * @param retryAfterSeconds when the caller may try again, ≥ 1
     * @return the problem with a {@code Retry-After}
     */
    public static ApiProblem retryLater(Kind kind, String detail, long retryAfterSeconds) {
        return new ApiProblem(kind, detail, List.of(), Map.of(), Math.max(1, retryAfterSeconds));
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return the individual problems, empty when there are none */
    public List<Map<String, Object>> problems() {
        return problems;
    }

    /** @return extension members of the problem object */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** @return seconds for the {@code Retry-After} header, 0 when there is none */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
