package io.alphaweave.web.http;

import io.javalin.config.JavalinConfig;
import java.util.List;

/**
 * A part of the service that brings its own routes (documented in the OpenAPI document with the rest)
 * and, optionally, further Javalin configuration such as pages or static files. {@code serve} builds
 * the modules, hands them to {@link ApiServer#create(ApiServer.Settings, ApiServer.Services,
 * AccessTokens, java.time.Clock, List)} and closes them after the server.
 */
public interface ApiModule {
    /** @return the API routes below {@value ApiServer#PREFIX}; empty for none */
    default List<Route> routes() {
        return List.of();
    }

    /**
     * Adds what is not an API route (pages, static files) to the Javalin configuration.
     *
     * @param config the configuration being built
     */
    default void configure(JavalinConfig config) {}

    /** @return whether this module answers {@code GET /} itself (otherwise it redirects to the explorer) */
    default boolean servesRoot() {
        return false;
    }
}
