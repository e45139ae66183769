package io.alphaweave.web.http;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.registry.ComponentRegistry;
import io.alphaweave.platform.registry.PluginInstaller;
import io.alphaweave.platform.registry.PluginRejectedException;
import io.alphaweave.platform.registry.PluginStatus;
import io.alphaweave.platform.registry.UnknownPluginException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Plugin install and uninstall over HTTP (admin only): {@code POST /plugins} with a JAR body loads a
 * plugin without a restart, {@code DELETE /plugins/{id}} stops and removes one. The checks and the
 * rollback live in {@link PluginInstaller}; this maps its refusals to problems with a {@code reason}.
 */
public final class PluginRoutes implements ApiModule, AutoCloseable {
    /** The body types {@code POST /plugins} reads. */
    static final List<String> JAR_TYPES = List.of("application/java-archive", "application/octet-stream");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final PluginInstaller installer;

    /** @param installer installs into the service's registry */
    public PluginRoutes(PluginInstaller installer) {
        this.installer = Objects.requireNonNull(installer, "installer must not be null");
    }

    /**
     * Builds the plugin routes for {@code serve} and adds them to its modules.
     *
     * @param modules the service's modules
     * @param registry the service's registry (with a plugins directory)
     * @param maxJarBytes the size cap of an uploaded JAR
     * @return the routes, added; close them after the server
     */
    public static PluginRoutes addTo(List<ApiModule> modules, ComponentRegistry registry, long maxJarBytes) {
        PluginRoutes routes = new PluginRoutes(
                new PluginInstaller(registry, PluginInstaller.Limits.defaults().withMaxJarBytes(maxJarBytes)));
        modules.add(routes);
        return routes;
    }

    /** Removes what an interrupted upload may have left in the staging folder. */
    @Override
    public void close() {
        installer.clearStaging();
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(
                        HandlerType.POST,
                        "/plugins",
                        Role.ADMIN,
                        JAR_TYPES,
                        "installPlugin",
                        "plugins",
                        "Install a plugin JAR without a restart: checked (size, ZIP, zip slip, zip bomb, PF4J"
                                + " descriptor, id clash), started, its components registered",
                        List.of(),
                        Map.of(
                                201,
                                "installed and started; the plugin with its SHA-256 and components",
                                422,
                                "the JAR failed a check; reason is one of not_a_jar, zip_slip, zip_bomb,"
                                        + " bad_descriptor, id_clash, start_failed, component_failed"),
                        this::install),
                new Route(
                        HandlerType.DELETE,
                        "/plugins/{id}",
                        Role.ADMIN,
                        List.of(),
                        "uninstallPlugin",
                        "plugins",
                        "Stop and unload a plugin and delete its JAR; its components leave the registry",
                        List.of(Route.Parameter.path("id", "the plugin id (Plugin-Id)")),
                        Map.of(200, "removed; the plugin as it was", 400, "a malformed id"),
                        this::uninstall));
    }

    private void install(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        long cap = installer.limits().maxJarBytes();
        if (declared > cap) {
            throw tooLarge("the JAR has " + declared + " bytes; the limit is " + cap);
        }
        PluginStatus installed;
        try {
            installed = installer.install(ctx.bodyInputStream());
        } catch (PluginRejectedException e) {
            if (e.reason() == PluginRejectedException.Reason.TOO_LARGE) {
                throw tooLarge(Redact.paths(e.getMessage()));
            }
            throw ApiProblem.withProblems(
                    ApiProblem.Kind.INVALID_PLUGIN,
                    "the plugin was not installed: " + withoutClassNames(Redact.paths(e.getMessage())),
                    List.of(),
                    Map.of("reason", e.reason().label()));
        }
        ctx.status(201).contentType("application/json").result(JsonMapper.write(Views.Plugin.of(installed)));
    }

    private void uninstall(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches() || id.contains("..")) {
            throw ApiProblem.of(
                    ApiProblem.Kind.BAD_REQUEST,
                    "a plugin id is a letter or digit followed by up to 127 letters, digits, '.', '_' or '-' (no"
                            + " \"..\"); was \"" + id + "\"");
        }
        PluginStatus removed;
        try {
            removed = installer.uninstall(id);
        } catch (UnknownPluginException e) {
            throw ApiProblem.of(
                    ApiProblem.Kind.NOT_FOUND, e.getMessage() + "; GET " + ApiServer.PREFIX + "/plugins lists them");
        }
        ctx.contentType("application/json").result(JsonMapper.write(Views.Plugin.of(removed)));
    }

    /** "start() threw IllegalStateException: no key" → "start() threw: no key": the plugin's words, not its types. */
    static String withoutClassNames(String message) {
        String worded = THROWABLE_PREFIX.matcher(message).replaceAll(": ");
        return THROWABLE.matcher(worded).replaceAll("an error");
    }

    private static final Pattern THROWABLE = Pattern.compile("\\b[A-Za-z_$][\\w$.]*(Exception|Error)\\b");

    private static final Pattern THROWABLE_PREFIX = Pattern.compile("\\s+[A-Za-z_$][\\w$.]*(Exception|Error):\\s*");

    private static ApiProblem tooLarge(String detail) {
        return ApiProblem.withProblems(
                ApiProblem.Kind.CONTENT_TOO_LARGE, detail, List.of(), Map.of("reason", "too_large"));
    }
}
