package io.alphaweave.platform.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and byte arrays, as lower-case hex. */
final class ContentHash {
    private ContentHash() {}

    static String sha256(byte[] content) {
        MessageDigest md = digest();
        md.update(content);
        return HexFormat.of().formatHex(md.digest());
    }

    static String sha256(Path file) {
        MessageDigest md = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to hash it: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every JDK must provide SHA-256 (JCA standard algorithm list)
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
