package io.alphaweave.platform.registry;

import io.alphaweave.api.AlphaweaveException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a registered component came from: a PF4J plugin JAR, a YAML or JavaScript definition, or
 * Java code registered directly (tests, built-ins). Immutable.
 *
 * <p>Two sources with the same {@link #type()} and {@link #location()} are the <em>same origin</em>
 * (see {@link #sameOrigin}): {@link ComponentRegistry#unregister} and {@link ComponentRegistry#replace}
 * match on the origin, so a reloaded file with a new hash replaces its previous version.
 *
 * @param type the kind of origin
 * @param name a short label: the plugin id, the definition's file name, or the built-in's name;
 *     never blank
 * @param location the JAR or file path (absolute), or another unique location such as
 *     {@code submission:42}; never blank
 * @param version the plugin's version for JARs; empty for definitions and built-ins (each component
 *     still has its own version in {@link io.alphaweave.api.ComponentInfo#version()})
 * @param contentHash lower-case hex SHA-256 of the JAR or file bytes; empty for built-ins
 */
public record ComponentSource(Type type, String name, String location, String version, String contentHash) {

    /** The fixed kinds of origin. */
    public enum Type {
        /** A PF4J plugin JAR in the plugins directory. */
        PLUGIN,
        /** A YAML definition file (or YAML text submitted over HTTP). */
        YAML,
        /** A JavaScript definition module. */
        JS,
        /** Java code registered directly with {@link ComponentRegistry#register}, e.g. in tests. */
        JAVA;

        /** @return the lower-case label used in listings and JSON: plugin, yaml, js, java */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates every field. */
    public ComponentSource {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(location, "location must not be null");
        version = version == null ? "" : version;
        contentHash = contentHash == null ? "" : contentHash;
        if (name.isBlank()) {
            throw new AlphaweaveException("source name must not be blank (" + type.label() + " " + location + ")");
        }
        if (location.isBlank()) {
            throw new AlphaweaveException("source location must not be blank (" + type.label() + " " + name + ")");
        }
        if (!contentHash.isEmpty() && !contentHash.matches("[0-9a-f]{64}")) {
            throw new AlphaweaveException(
                    "contentHash must be 64 lower-case hex digits (SHA-256), was \"" + contentHash + "\"");
        }
    }

    /**
     * A plugin JAR; hashes the file.
     *
     * @param pluginId the PF4J plugin id
     * @param pluginVersion the PF4J plugin version
     * @param jar the JAR file
     * @return the source
     * @throws UncheckedIOException when the JAR cannot be read
     */
    public static ComponentSource plugin(String pluginId, String pluginVersion, Path jar) {
        Path abs = jar.toAbsolutePath().normalize();
        return new ComponentSource(Type.PLUGIN, pluginId, abs.toString(), pluginVersion, ContentHash.sha256(abs));
    }

    /**
     * A definition file (YAML or JavaScript, chosen by the extension {@code .yaml}/{@code .yml} or
     * {@code .js}/{@code .mjs}); reads and hashes the file.
     *
     * @param file the definition file
     * @return the source
     * @throws AlphaweaveException when the extension is neither YAML nor JavaScript
     * @throws UncheckedIOException when the file cannot be read
     */
    public static ComponentSource definition(Path file) {
        String fileName = file.getFileName().toString();
        String lower = fileName.toLowerCase(Locale.ROOT);
        Type type;
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            type = Type.YAML;
        } else if (lower.endsWith(".js") || lower.endsWith(".mjs")) {
            type = Type.JS;
        } else {
            throw new AlphaweaveException(
                    "definition file " + file + " must end in .yaml, .yml, .js or .mjs, was \"" + fileName + "\"");
        }
        try {
            return definition(type, file.toAbsolutePath().normalize().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read definition file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A definition given as bytes (e.g. a file already read, or text submitted over HTTP).
     *
     * @param type {@link Type#YAML} or {@link Type#JS}
     * @param location the file path or another unique location such as {@code submission:42}
     * @param content the definition's bytes, hashed with SHA-256
     * @return the source
     */
    public static ComponentSource definition(Type type, String location, byte[] content) {
        if (type != Type.YAML && type != Type.JS) {
            throw new AlphaweaveException("a definition source must be yaml or js, was " + type.label());
        }
        String name = location;
        int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
        if (slash >= 0 && slash < location.length() - 1) {
            name = location.substring(slash + 1);
        }
        return new ComponentSource(type, name, location, "", ContentHash.sha256(content));
    }

    /**
     * Java code registered directly.
     *
     * @param name a label, also used as the location
     * @return the source
     */
    public static ComponentSource java(String name) {
        return new ComponentSource(Type.JAVA, name, "java:" + name, "", "");
    }

    /**
     * @param other another source
     * @return whether both have the same type and location (the hash and version may differ)
     */
    public boolean sameOrigin(ComponentSource other) {
        return type == other.type && location.equals(other.location);
    }

    /** @return the first 12 hex digits of the hash, or empty */
    public String shortHash() {
        return contentHash.length() > 12 ? contentHash.substring(0, 12) : contentHash;
    }

    /** @return a one-line description naming type, name, version and location */
    public String describe() {
        StringBuilder sb = new StringBuilder(type.label()).append(' ').append(name);
        if (!version.isEmpty()) {
            sb.append(' ').append(version);
        }
        if (!location.equals(name) && type != Type.JAVA) {
            sb.append(" (").append(location).append(')');
        }
        return sb.toString();
    }
}
