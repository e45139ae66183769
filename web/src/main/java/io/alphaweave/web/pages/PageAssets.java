package io.alphaweave.web.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages' static files (style sheet and scripts, from the class path) and the charting library
 * (ECharts, from its WebJar): served by the pages and inlined into the one-file HTML report.
 */
public final class PageAssets {
    /** The ECharts version of the WebJar on the class path. */
    public static final String ECHARTS_VERSION = "5.3.1";

    /** The path the service serves ECharts under (the WebJar's own location). */
    public static final String ECHARTS_PATH = "/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js";

    /** The URL prefix of the pages' own files. */
    public static final String PREFIX = "/assets/";

    /** The files the pages serve under {@link #PREFIX}. */
    public static final List<String> FILES =
            List.of("app.css", "common.js", "report.js", "portfolio.js", "backtests.js", "strategies.js");

    private static final String BASE = "/io/alphaweave/web/pages/static/";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private PageAssets() {}

    /**
     * @param name one of {@link #FILES}
     * @return its text
     * @throws IllegalArgumentException for any other name
     */
    public static String file(String name) {
        if (!FILES.contains(name)) {
            throw new IllegalArgumentException("name must be one of " + FILES + ", was " + name);
        }
        return CACHE.computeIfAbsent(name, n -> read(BASE + n));
    }

    /** @return ECharts' minified script, from the WebJar */
    public static String echarts() {
        return CACHE.computeIfAbsent(
                "echarts",
                n -> read("/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js"));
    }

    private static String read(String resource) {
        try (InputStream in = PageAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the application is missing its resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
