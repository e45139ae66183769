package io.alphaweave.web.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every API request passes before its handler, in this order: the bearer token (401 without or
 * with a wrong one, 403 with a weaker role), the caller's rate (429 with {@code Retry-After}), the
 * declared body size (413) and the content type (415).
 */
final class RequestGuard {
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;
    private final RateLimiter limiter;
    private final boolean readsNeedToken;
    private final long maxRequestBytes;

    RequestGuard(AccessTokens tokens, RateLimiter limiter, boolean readsNeedToken, long maxRequestBytes) {
        this.tokens = tokens;
        this.limiter = limiter;
        this.readsNeedToken = readsNeedToken;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * @param route a route
     * @return its handler behind the checks
     */
    Handler wrap(Route route) {
        return ctx -> {
            check(route, ctx);
            route.handler().handle(ctx);
        };
    }

    private void check(Route route, Context ctx) {
        Optional<AccessTokens.Entry> caller = authenticate(ctx);
        boolean anonymousOk = route.role() == Role.READ && !readsNeedToken;
        if (caller.isEmpty() && !anonymousOk) {
            throw unauthorized(ctx);
        }
        if (caller.isPresent() && !caller.get().role().covers(route.role())) {
            throw ApiProblem.of(
                    ApiProblem.Kind.FORBIDDEN,
                    "this route needs role " + route.role().label() + " or stronger; the token "
                            + caller.get().id() + " has role "
                            + caller.get().role().label());
        }
        String key = caller.map(e -> "token:" + e.id()).orElse("address:" + ctx.ip());
        long retry = limiter.acquire(key);
        if (retry > 0) {
            throw ApiProblem.rateLimited(
                    "more than " + limiter.perMinute() + " requests a minute from this caller; retry in " + retry
                            + " s",
                    retry);
        }
        if (!route.consumes().isEmpty()) {
            long declared = ctx.req().getContentLengthLong();
            if (declared > maxRequestBytes) {
                throw ApiProblem.of(
                        ApiProblem.Kind.CONTENT_TOO_LARGE,
                        "the body has " + declared + " bytes; the limit is " + maxRequestBytes);
            }
            String type = mediaType(ctx.contentType());
            if (!route.consumes().contains(type)) {
                throw ApiProblem.of(
                        ApiProblem.Kind.UNSUPPORTED_MEDIA_TYPE,
                        "Content-Type must be one of " + route.consumes() + ", was "
                                + (type.isEmpty() ? "missing" : "\"" + type + "\""));
            }
        }
    }

    /** A request that sends a token is always checked, also on an open route: a wrong token is never ignored. */
    private Optional<AccessTokens.Entry> authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null) {
            return Optional.empty();
        }
        Optional<AccessTokens.Entry> found = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? tokens.authenticate(header.substring(BEARER.length()).strip())
                : Optional.empty();
        if (found.isEmpty()) {
            throw unauthorized(ctx);
        }
        return found;
    }

    /** One answer for a missing and a wrong token, so that a caller learns nothing from the difference. */
    private static ApiProblem unauthorized(Context ctx) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"alphaweave\"");
        return ApiProblem.of(
                ApiProblem.Kind.UNAUTHORIZED,
                "a valid bearer token is required: send `Authorization: Bearer <token>` with a token from"
                        + " `alphaweave tokens create --role read|write|admin`");
    }

    /** The media type without parameters, lower case; empty when missing. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
    }

    /** A query parameter the route does not read, or one given twice, is refused, never ignored. */
    static void onlyParameters(Context ctx, List<String> known) {
        for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
            if (!known.contains(p.getKey())) {
                throw ApiProblem.of(
                        ApiProblem.Kind.BAD_REQUEST,
                        "unknown query parameter \""
                                + (p.getKey().length() > 80 ? p.getKey().substring(0, 80) + "…" : p.getKey())
                                + "\"; this route reads " + (known.isEmpty() ? "none" : known));
            }
            if (p.getValue().size() > 1) {
                throw ApiProblem.of(
                        ApiProblem.Kind.BAD_REQUEST,
                        p.getKey() + " must be given at most once, was given "
                                + p.getValue().size() + " times");
            }
        }
    }
}
