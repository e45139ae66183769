package io.alphaweave.platform.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Installs an uploaded plugin JAR into a running registry, and uninstalls one, without a restart.
 *
 * <p>An upload is streamed into a staging directory (a hidden folder of the plugins directory, so that
 * the final move is atomic) under a size cap, then checked in this order: it is a ZIP/JAR file; no entry
 * name escapes its directory (zip slip); entry count, uncompressed size and compression ratio stay
 * within the {@link Limits} (zip bomb; sizes are counted by reading, never trusted from headers); the
 * manifest holds a valid PF4J descriptor; its id does not clash with an installed plugin. Only then is
 * it moved into the plugins directory and started; if it does not start, or a component it brings does
 * not register, it is unloaded and deleted again. Every refusal is a {@link PluginRejectedException}
 * with a machine-readable reason, and leaves neither a staged file nor a JAR in the plugins directory.
 * Thread-safe: the registry serialises the moves and loads.
 */
public final class PluginInstaller {
    /** Name of the staging folder inside the plugins directory (hidden: the registry never scans it). */
    public static final String STAGING_DIR = ".staging";

    /** Plugin ids become file names and URL segments: a letter or digit, then letters, digits, '.', '_', '-'. */
    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A ratio below this many uncompressed bytes is never called a bomb (tiny, very regular files). */
    private static final long RATIO_FLOOR_BYTES = 1 << 20;

    /**
     * What an upload may be.
     *
     * @param maxJarBytes the largest JAR accepted, ≥ 1
     * @param maxEntries the most entries a JAR may have, ≥ 1
     * @param maxUncompressedBytes the most bytes all entries may expand to, ≥ 1
     * @param maxRatio the largest uncompressed/compressed ratio of an entry and of the whole JAR (checked
     *     above 1 MiB uncompressed), ≥ 1
     */
    public record Limits(long maxJarBytes, int maxEntries, long maxUncompressedBytes, int maxRatio) {
        /** Checks the ranges. */
        public Limits {
            if (maxJarBytes < 1) {
                throw new IllegalArgumentException("maxJarBytes must be ≥ 1, was " + maxJarBytes);
            }
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be ≥ 1, was " + maxEntries);
            }
            if (maxUncompressedBytes < 1) {
                throw new IllegalArgumentException("maxUncompressedBytes must be ≥ 1, was " + maxUncompressedBytes);
            }
            if (maxRatio < 1) {
                throw new IllegalArgumentException("maxRatio must be ≥ 1, was " + maxRatio);
            }
        }

        /** @return 16 MiB JAR, 10,000 entries, 128 MiB uncompressed, ratio 100 */
        public static Limits defaults() {
            return new Limits(16L << 20, 10_000, 128L << 20, 100);
        }

        /**
         * @param bytes the new size cap
         * @return these limits with another size cap
         */
        public Limits withMaxJarBytes(long bytes) {
            return new Limits(bytes, maxEntries, maxUncompressedBytes, maxRatio);
        }
    }

    private final ComponentRegistry registry;
    private final Limits limits;
    private final Path staging;

    /**
     * @param registry a registry with a plugins directory
     * @param limits what an upload may be
     * @throws PluginLoadException if the registry has no plugins directory or the staging folder cannot be
     *     created
     */
    public PluginInstaller(ComponentRegistry registry, Limits limits) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        Path dir = registry.pluginsDirectory()
                .orElseThrow(() -> new PluginLoadException("the registry has no plugins directory to install into"));
        this.staging = dir.resolve(STAGING_DIR);
        try {
            Files.createDirectories(staging);
        } catch (IOException e) {
            throw new PluginLoadException("cannot create the staging folder " + staging + ": " + e.getMessage(), e);
        }
        clearStaging();
    }

    /**
     * Deletes what uploads interrupted by a crash left in the staging folder (uploads in progress in this
     * process delete their own files). Best effort.
     */
    public void clearStaging() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(staging, "upload-*.jar.part")) {
            for (Path p : ds) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // best effort: a leftover staged file is never loaded (the registry does not scan the folder)
        }
    }

    /** @return the limits uploads are checked against */
    public Limits limits() {
        return limits;
    }

    /**
     * Streams a JAR into the staging folder, checks it, moves it into the plugins directory and starts it.
     *
     * @param jar the JAR's bytes (read to the end or to the cap; not closed)
     * @return the started plugin: id, version, file, SHA-256, its components
     * @throws PluginRejectedException if a check fails; nothing of the upload remains
     */
    public PluginStatus install(InputStream jar) {
        Objects.requireNonNull(jar, "jar must not be null");
        Path staged;
        try {
            staged = Files.createTempFile(staging, "upload-", ".jar.part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in the staging folder: " + e.getMessage(), e);
        }
        try {
            long size = copyCapped(jar, staged);
            checkArchive(staged, size);
            PluginHost.Descriptor d = descriptor(staged);
            return registry.installStaged(staged, fileName(d), d.id());
        } finally {
            try {
                Files.deleteIfExists(staged);
            } catch (IOException e) {
                // the next upload's folder listing does not depend on it; nothing to roll back
            }
        }
    }

    /**
     * Stops and unloads a plugin and deletes its JAR; its components leave the registry.
     *
     * @param pluginId the plugin's id
     * @return the plugin as it was
     * @throws UnknownPluginException if no plugin has that id
     */
    public PluginStatus uninstall(String pluginId) {
        return registry.uninstallPlugin(pluginId);
    }

    // ---------------------------------------------------------------- checks

    private long copyCapped(InputStream in, Path target) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limits.maxJarBytes()) {
                    throw new PluginRejectedException(
                            PluginRejectedException.Reason.TOO_LARGE,
                            "the JAR is larger than the limit of " + limits.maxJarBytes() + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the uploaded JAR: " + e.getMessage(), e);
        }
        return total;
    }

    private void checkArchive(Path file, long size) {
        if (size < 4 || !startsWithZipMagic(file)) {
            throw new PluginRejectedException(
                    PluginRejectedException.Reason.NOT_A_JAR,
                    "the upload is not a JAR file (it does not start with a ZIP header); send the plugin's .jar");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            int count = zip.size();
            if (count > limits.maxEntries()) {
                throw bomb("it has " + count + " entries; the limit is " + limits.maxEntries());
            }
            // names first: a slip is refused before a single byte is expanded
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                String name = en.nextElement().getName();
                String problem = slip(name);
                if (problem != null) {
                    throw new PluginRejectedException(
                            PluginRejectedException.Reason.ZIP_SLIP,
                            "entry \"" + printable(name) + "\" " + problem
                                    + "; a JAR's entries are relative paths inside it");
                }
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                long entryBytes = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        entryBytes += n;
                        total += n;
                        if (total > limits.maxUncompressedBytes()) {
                            throw bomb("its entries expand to more than " + limits.maxUncompressedBytes()
                                    + " bytes (the limit)");
                        }
                        long compressed = Math.max(1, e.getCompressedSize());
                        if (entryBytes > RATIO_FLOOR_BYTES && entryBytes / compressed > limits.maxRatio()) {
                            throw bomb("entry \"" + printable(e.getName()) + "\" expands more than " + limits.maxRatio()
                                    + " times its compressed size");
                        }
                    }
                }
            }
            if (total > RATIO_FLOOR_BYTES && total / Math.max(1, size) > limits.maxRatio()) {
                throw bomb("it expands to " + total + " bytes from " + size + ", more than " + limits.maxRatio()
                        + " times");
            }
        } catch (ZipException e) {
            throw new PluginRejectedException(
                    PluginRejectedException.Reason.NOT_A_JAR,
                    "the upload is not a readable JAR file (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new PluginRejectedException(
                    PluginRejectedException.Reason.NOT_A_JAR, "the JAR cannot be read: " + e.getMessage());
        }
    }

    private static boolean startsWithZipMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && (head[2] == 3 || head[2] == 5);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the staged JAR: " + e.getMessage(), e);
        }
    }

    /** @return why an entry name escapes its directory, or null when it does not */
    static String slip(String name) {
        String n = name.replace('\\', '/');
        if (n.startsWith("/")) {
            return "is an absolute path";
        }
        if (n.length() >= 2 && Character.isLetter(n.charAt(0)) && n.charAt(1) == ':') {
            return "names a drive";
        }
        if (n.indexOf('\0') >= 0) {
            return "holds a NUL character";
        }
        for (String segment : n.split("/", -1)) {
            if (segment.equals("..")) {
                return "climbs out with \"..\"";
            }
        }
        return null;
    }

    private static PluginRejectedException bomb(String what) {
        return new PluginRejectedException(
                PluginRejectedException.Reason.ZIP_BOMB, "the JAR looks like a zip bomb: " + what);
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static PluginHost.Descriptor descriptor(Path staged) {
        PluginHost.Descriptor d;
        try {
            d = PluginHost.Descriptor.read(staged);
        } catch (PluginLoadException e) {
            String message = e.getMessage().replace(staged.toString(), "the uploaded JAR");
            if (hasPluginProperties(staged)) {
                message += " (it has a plugin.properties: this service reads the PF4J descriptor from"
                        + " META-INF/MANIFEST.MF only — put Plugin-Id and Plugin-Version there)";
            }
            throw new PluginRejectedException(PluginRejectedException.Reason.BAD_DESCRIPTOR, message);
        }
        if (!PLUGIN_ID.matcher(d.id()).matches() || d.id().contains("..")) {
            throw new PluginRejectedException(
                    PluginRejectedException.Reason.BAD_DESCRIPTOR,
                    "Plugin-Id must be a letter or digit followed by up to 127 letters, digits, '.', '_' or '-'"
                            + " (no \"..\"), was \"" + printable(d.id()) + "\"");
        }
        return d;
    }

    private static boolean hasPluginProperties(Path staged) {
        try (ZipFile zip = new ZipFile(staged.toFile())) {
            return zip.getEntry("plugin.properties") != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code <id>-<version>.jar}, the version reduced to file-name characters. */
    private static String fileName(PluginHost.Descriptor d) {
        return d.id() + "-" + d.version().replaceAll("[^0-9A-Za-z._-]", "_") + ".jar";
    }
}
