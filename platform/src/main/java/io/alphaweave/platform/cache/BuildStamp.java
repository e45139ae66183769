package io.alphaweave.platform.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The build of the running platform code, part of every cache key, so that a new build never trusts
 * what an older one cached (a parsed panel, a definition's description). Stateless.
 */
public final class BuildStamp {
    private BuildStamp() {}

    /**
     * @param anchor a class of the code whose build counts; in a JAR the JAR's size and modification
     *     time stand for the build, in a classes folder the anchor's own class file does
     * @return the stamp, or empty when the code's location cannot be read (then cache nothing)
     */
    public static Optional<String> of(Class<?> anchor) {
        try {
            Path code = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path stamp = Files.isDirectory(code) ? code.resolve(anchor.getName().replace('.', '/') + ".class") : code;
            return Optional.of(code + "|" + Files.size(stamp) + "|"
                    + Files.getLastModifiedTime(stamp).toMillis());
        } catch (IOException | URISyntaxException | RuntimeException unknown) {
            return Optional.empty();
        }
    }
}
