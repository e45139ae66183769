package io.alphaweave.web.cli;

import io.alphaweave.platform.app.JsonMapper;
import io.alphaweave.platform.app.ValidationReport;
import io.alphaweave.platform.cache.BuildStamp;
import io.alphaweave.platform.data.PanelCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The reports of {@code validate} runs that passed, under {@code <cache dir>/validations/}, keyed by
 * the definition file's bytes, the data file's content, both paths as given and the build of this
 * code: validating an unchanged file against unchanged data prints the same report without running
 * the script again. A file with problems is always checked anew. An unreadable or unwritable cache
 * is ignored.
 */
final class PassedValidations {
    /** Bumped when the report's content or the checks change. */
    private static final String FORMAT = "validate-1";

    private final Path dir;
    private final Optional<String> key;

    /**
     * @param cacheDir the cache directory ({@link CacheDirectory})
     * @param definition the definition file as given
     * @param data the data file the checks run on, as given
     */
    PassedValidations(Path cacheDir, Path definition, Path data) {
        this.dir = cacheDir.resolve("validations");
        this.key = key(definition, data);
    }

    /** @return the stored report of a passed validation of the same inputs, if any */
    Optional<ValidationReport> find() {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Path entry = dir.resolve(key.get() + ".json");
        if (!Files.isRegularFile(entry)) {
            return Optional.empty();
        }
        try {
            ValidationReport report = JsonMapper.read(Files.readString(entry), ValidationReport.class);
            return report.ok() ? Optional.of(report) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** @param report a report; kept only when it passed */
    void store(ValidationReport report) {
        if (key.isEmpty() || !report.ok()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            // written whole then moved, so a concurrent reader never sees half a file
            Path tmp = Files.createTempFile(dir, "tmp-", ".json");
            Files.writeString(tmp, JsonMapper.write(report));
            Files.move(
                    tmp,
                    dir.resolve(key.get() + ".json"),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException unwritable) {
            // a cache only: the file is checked again next time
        }
    }

    private static Optional<String> key(Path definition, Path data) {
        Optional<String> platform = BuildStamp.of(PanelCache.class);
        Optional<String> web = BuildStamp.of(PassedValidations.class);
        if (platform.isEmpty() || web.isEmpty()) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String content = HexFormat.of().formatHex(sha.digest(Files.readAllBytes(definition)));
            String text = String.join(
                    "|",
                    FORMAT,
                    platform.get(),
                    web.get(),
                    definition.toString(),
                    content,
                    data.toString(),
                    PanelCache.checksum(data));
            return Optional.of(HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException unreadable) {
            return Optional.empty(); // the checks report the unreadable file themselves
        }
    }
}
