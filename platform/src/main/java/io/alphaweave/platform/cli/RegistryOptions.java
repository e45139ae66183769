package io.alphaweave.platform.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.platform.registry.ComponentRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins DIR} option of commands that open the component registry, and the one place
 * that builds the registry for a CLI command.
 */
final class RegistryOptions {
    @Option(
            names = "--plugins",
            paramLabel = "DIR",
            description = "Plugins directory (default: $" + ComponentRegistry.PLUGINS_ENV + ", else <alphaweave home>/"
                    + ComponentRegistry.PLUGINS_DIR_NAME + ").")
    Path plugins;

    /** @return the plugins directory this command uses */
    Path pluginsDirectory() {
        if (plugins != null) {
            if (!Files.isDirectory(plugins)) {
                throw new AlphaweaveException("plugins directory " + plugins
                        + " (--plugins) does not exist or is not a directory; create it or fix the path");
            }
            return plugins;
        }
        return ComponentRegistry.defaultPluginsDirectory();
    }

    /** @return a registry over the plugins directory, loaded now and not watching; close it */
    ComponentRegistry open() {
        return ComponentRegistry.builder()
                .pluginsDirectory(pluginsDirectory())
                .validator(io.alphaweave.platform.dsl.LookaheadCheck.synthetic())
                .build();
    }
}
