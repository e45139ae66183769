package io.alphaweave.web.http;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.app.JsonMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.router.EndpointNotFound;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to RFC 9457 {@code application/problem+json} answers: {@link
 * ApiProblem}s as they are, Javalin's own answers (no route, wrong method, body too large) by their
 * status, anything else as a 500 that names a reference logged on the server — never a stack trace,
 * SQL or server path.
 */
final class ProblemResponses {
    /** The media type of every error answer. */
    static final String PROBLEM_JSON = "application/problem+json";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    /** The one table from an error's category to the answer (DESIGN §7). */
    static final Map<ErrorCategory, ApiProblem.Kind> BY_CATEGORY = new EnumMap<>(Map.of(
            ErrorCategory.BAD_INPUT, ApiProblem.Kind.BAD_REQUEST,
            ErrorCategory.COMPONENT_FAULT, ApiProblem.Kind.INTERNAL,
            ErrorCategory.INTERNAL, ApiProblem.Kind.INTERNAL));

    private ProblemResponses() {}

    static void platform(AlphaweaveException e, Context ctx) {
        ApiProblem.Kind kind = BY_CATEGORY.get(e.category());
        // a GET carries no input the platform reads (ids are checked first): bad input there is the server's data
        if (kind == ApiProblem.Kind.BAD_REQUEST && !ctx.method().name().equals("GET")) {
            write(ctx, kind, Redact.paths(e.getMessage()), null);
        } else {
            unexpected(e, ctx);
        }
    }

    static void apiProblem(ApiProblem p, Context ctx) {
        if (p.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", Long.toString(p.retryAfterSeconds()));
        }
        write(ctx, p.kind(), p.getMessage(), p);
    }

    static void javalin(HttpResponseException e, Context ctx) {
        ApiProblem.Kind kind =
                switch (e.getStatus()) {
                    case 400 -> ApiProblem.Kind.BAD_REQUEST;
                    case 401 -> ApiProblem.Kind.UNAUTHORIZED;
                    case 403 -> ApiProblem.Kind.FORBIDDEN;
                    case 404 -> ApiProblem.Kind.NOT_FOUND;
                    case 405 -> ApiProblem.Kind.METHOD_NOT_ALLOWED;
                    case 413 -> ApiProblem.Kind.CONTENT_TOO_LARGE;
                    case 415 -> ApiProblem.Kind.UNSUPPORTED_MEDIA_TYPE;
                    case 429 -> ApiProblem.Kind.RATE_LIMITED;
                    default -> null;
                };
        if (kind == null) {
            unexpected(e, ctx);
            return;
        }
        String detail =
                switch (kind) {
                    case NOT_FOUND ->
                        e instanceof EndpointNotFound
                                ? "no route " + ctx.method().name() + " " + ctx.path() + "; the routes are listed in "
                                        + ApiServer.PREFIX + "/openapi.json"
                                : Redact.paths(e.getMessage());
                    case METHOD_NOT_ALLOWED -> {
                        String allowed = e.getDetails().get("availableMethods");
                        if (e instanceof MethodNotAllowedResponse && allowed != null) {
                            ctx.header("Allow", allowed);
                        }
                        yield ctx.method().name() + " is not allowed on " + ctx.path()
                                + (allowed == null ? "" : "; allowed: " + allowed);
                    }
                    case CONTENT_TOO_LARGE -> "the request body is larger than the service accepts";
                    default -> Redact.paths(e.getMessage());
                };
        write(ctx, kind, detail, null);
    }

    static void unexpected(Exception e, Context ctx) {
        String reference = UUID.randomUUID().toString();
        LOG.error("internal error {} on {} {}", reference, ctx.method().name(), ctx.path(), e);
        write(
                ctx,
                ApiProblem.Kind.INTERNAL,
                "the service failed to answer; quote reference " + reference + " to its operator",
                null);
    }

    private static void write(Context ctx, ApiProblem.Kind kind, String detail, ApiProblem p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", kind.type());
        body.put("title", kind.title());
        body.put("status", kind.status());
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (p != null && !p.problems().isEmpty()) {
            body.put("problems", p.problems());
        }
        if (p != null) {
            p.extensions().forEach(body::putIfAbsent);
        }
        ctx.status(kind.status()).contentType(PROBLEM_JSON).result(JsonMapper.write(body));
    }
}
