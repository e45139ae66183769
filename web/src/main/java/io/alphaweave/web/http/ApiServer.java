package io.alphaweave.web.http;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.app.ComponentInsights;
import io.alphaweave.platform.app.DefinitionValidator;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.web.DatasetDirectory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.ParsedEndpoint;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The alphaweave HTTP service ({@code alphaweave serve}): the JSON API under {@value #PREFIX}, its
 * OpenAPI document and an API explorer page. Every answer carries the security headers; every error
 * is an RFC 9457 problem. Start with {@link #start}, stop with {@link #close}.
 */
public final class ApiServer implements AutoCloseable {
    /** The prefix of every API route. */
    public static final String PREFIX = "/api/v1";

    /** The Content-Security-Policy of every answer: nothing from elsewhere, no framing. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /**
     * How the service behaves.
     *
     * @param maxRequestBytes the largest request body accepted, ≥ 1 (413 above)
     * @param requestsPerMinute requests per minute per caller, ≥ 1 (429 above)
     * @param readsNeedToken whether read routes also need a token (always when bound beyond loopback)
     * @param corsOrigins origins allowed to call from a browser; empty turns CORS off
     * @param version the service version reported by {@code /version}
     */
    public record Settings(
            long maxRequestBytes,
            int requestsPerMinute,
            boolean readsNeedToken,
            List<String> corsOrigins,
            String version) {
        /** Checks the ranges and copies the list. */
        public Settings {
            if (maxRequestBytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be ≥ 1, was " + maxRequestBytes);
            }
            if (requestsPerMinute < 1) {
                throw new IllegalArgumentException("requestsPerMinute must be ≥ 1, was " + requestsPerMinute);
            }
            corsOrigins = List.copyOf(corsOrigins);
            Objects.requireNonNull(version, "version must not be null");
        }
    }

    /**
     * What the handlers call.
     *
     * @param registry the component registry (the caller closes it)
     * @param datasets the named datasets
     * @param validator checks definitions posted to {@code /validate}
     * @param insights latest metrics and alpha histograms for {@code /components/{id}}; null leaves them
     *     out (null in the JSON)
     */
    public record Services(
            ComponentRegistry registry,
            DatasetDirectory datasets,
            DefinitionValidator validator,
            ComponentInsights insights) {
        /** Checks nulls. */
        public Services {
            Objects.requireNonNull(registry, "registry must not be null");
            Objects.requireNonNull(datasets, "datasets must not be null");
            Objects.requireNonNull(validator, "validator must not be null");
        }

        /**
         * Services without component insights.
         *
         * @param registry the component registry (the caller closes it)
         * @param datasets the named datasets
         * @param validator checks definitions posted to {@code /validate}
         */
        public Services(ComponentRegistry registry, DatasetDirectory datasets, DefinitionValidator validator) {
            this(registry, datasets, validator, null);
        }
    }

    private final Javalin app;
    private final List<Route> routes;

    private ApiServer(Javalin app, List<Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    /**
     * Builds the service without starting it.
     *
     * @param settings how it behaves
     * @param services what it serves
     * @param tokens the bearer tokens
     * @param clock the clock of the rate limiter
     * @return the service
     */
    public static ApiServer create(Settings settings, Services services, AccessTokens tokens, Clock clock) {
        return create(settings, services, tokens, clock, List.of());
    }

    /**
     * Builds the service with further modules (backtests, plugins, submissions, pages) without
     * starting it.
     *
     * @param settings how it behaves
     * @param services what it serves
     * @param tokens the bearer tokens
     * @param clock the clock of the rate limiter
     * @param modules further routes and Javalin configuration, in order; the caller closes them
     * @return the service
     */
    public static ApiServer create(
            Settings settings, Services services, AccessTokens tokens, Clock clock, List<ApiModule> modules) {
        List<Route> all = new ArrayList<>();
        all.addAll(ApiRoutes.table(services, settings, () -> Collections.unmodifiableList(all)));
        for (ApiModule m : modules) {
            all.addAll(m.routes());
        }
        List<Route> routes = List.copyOf(all);
        RequestGuard guard = new RequestGuard(
                tokens,
                new RateLimiter(settings.requestsPerMinute(), clock),
                settings.readsNeedToken(),
                settings.maxRequestBytes());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.http.prefer405over404 = true;
            // requests Jetty refuses before Javalin sees them answer as problems too
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JettyProblemHandler()));
            config.staticFiles.enableWebjars();
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    List<String> origins = settings.corsOrigins();
                    rule.allowHost(
                            origins.getFirst(),
                            origins.subList(1, origins.size()).toArray(String[]::new));
                }));
            }
            config.routes.before(ApiServer::securityHeaders);
            for (Route r : routes) {
                config.routes.addHttpHandler(r.method(), r.fullPath(), guard.wrap(r));
            }
            for (ApiModule m : modules) {
                m.configure(config);
            }
            if (modules.stream().noneMatch(ApiModule::servesRoot)) {
                config.routes.get("/", ctx -> ctx.redirect("/explorer"));
            }
            config.routes.get("/explorer", ApiServer::explorer);
            config.routes.get("/explorer/init.js", ApiServer::explorerScript);
            config.routes.exception(ApiProblem.class, ProblemResponses::apiProblem);
            config.routes.exception(HttpResponseException.class, ProblemResponses::javalin);
            config.routes.exception(AlphaweaveException.class, ProblemResponses::platform);
            config.routes.exception(Exception.class, ProblemResponses::unexpected);
        });
        return new ApiServer(app, routes);
    }

    /**
     * Starts listening.
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @return this
     */
    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    /** @return the port the service listens on */
    public int port() {
        return app.port();
    }

    /** @return the API's route table (what is registered and documented) */
    List<Route> routes() {
        return routes;
    }

    /** @return every HTTP endpoint Javalin has registered, as "METHOD path" */
    List<String> registeredEndpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map((ParsedEndpoint e) -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }

    private static final String SWAGGER = "/webjars/swagger-ui/" + ApiRoutes.SWAGGER_UI_VERSION;

    private static void explorer(Context ctx) {
        ctx.contentType("text/html; charset=utf-8")
                .result("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>alphaweave API</title>"
                        + "<link rel=\"stylesheet\" href=\"" + SWAGGER + "/swagger-ui.css\"></head>"
                        + "<body><div id=\"api\"></div>"
                        + "<script src=\"" + SWAGGER + "/swagger-ui-bundle.js\"></script>"
                        + "<script src=\"/explorer/init.js\"></script></body></html>\n");
    }

    private static void explorerScript(Context ctx) {
        // a file of its own: the CSP allows no inline script
        ctx.contentType("text/javascript; charset=utf-8")
                .result("window.ui = SwaggerUIBundle({url: '" + PREFIX + "/openapi.json', dom_id: '#api'});\n");
    }
}
