package io.alphaweave.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alphaweave.api.AlphaweaveException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bearer tokens of the service, kept in one JSON file (e.g. {@code ~/.alphaweave/tokens.json}).
 * A token is 256 random bits; only its SHA-256 is stored, so the file never holds a usable secret.
 * The file is re-read when it changes, so {@code tokens create} and {@code tokens revoke} take effect
 * in a running service. Thread-safe; writes replace the file atomically.
 */
public final class AccessTokens {
    /** Every token starts with this, so that a leaked one is easy to recognise. */
    public static final String PREFIX = "aw_";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One stored token.
     *
     * @param id the public handle used by {@code tokens list} and {@code tokens revoke}
     * @param role what the token may do
     * @param sha256 the hex SHA-256 of the token text
     * @param created when it was created (UTC)
     */
    public record Entry(String id, Role role, String sha256, Instant created) {
        /** Checks the fields. */
        public Entry {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(role, "role must not be null");
            Objects.requireNonNull(created, "created must not be null");
            if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was " + sha256);
            }
        }
    }

    /**
     * A token just created: the only moment its text exists outside the caller's hands.
     *
     * @param entry what is stored
     * @param token the bearer token text
     */
    public record Created(Entry entry, String token) {}

    private final Path file;
    private final Clock clock;
    private List<Entry> cached = List.of();
    private FileTime cachedStamp;
    private long cachedSize = -1;

    /**
     * @param file the token file (it may not exist yet: then there are no tokens)
     * @param clock the clock for creation times
     */
    public AccessTokens(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file must not be null");
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** @return the token file */
    public Path file() {
        return file;
    }

    /** @return every stored token, oldest first */
    public synchronized List<Entry> list() {
        refresh();
        return cached;
    }

    /** @return whether no token is stored */
    public boolean isEmpty() {
        return list().isEmpty();
    }

    /**
     * Creates and stores a token.
     *
     * @param role its role
     * @return the entry and the token text
     */
    public synchronized Created create(Role role) {
        Objects.requireNonNull(role, "role must not be null");
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] handle = new byte[6];
        RANDOM.nextBytes(handle);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Entry e = new Entry(
                HexFormat.of().formatHex(handle), role, HexFormat.of().formatHex(sha256(token)), clock.instant());
        List<Entry> all = new ArrayList<>(list());
        all.add(e);
        save(all);
        return new Created(e, token);
    }

    /**
     * Removes a token.
     *
     * @param id its id
     * @return whether a token had that id
     */
    public synchronized boolean revoke(String id) {
        List<Entry> all = new ArrayList<>(list());
        boolean removed = all.removeIf(e -> e.id().equals(id));
        if (removed) {
            save(all);
        }
        return removed;
    }

    /**
     * Finds the token a request presents. Every stored hash is compared in constant time, and all of
     * them are compared, so the answer time does not tell how close a guess was.
     *
     * @param presented the bearer token text
     * @return the matching entry, or empty
     */
    public Optional<Entry> authenticate(String presented) {
        byte[] hash = HexFormat.of().formatHex(sha256(presented)).getBytes(StandardCharsets.US_ASCII);
        Entry match = null;
        for (Entry e : list()) {
            if (MessageDigest.isEqual(hash, e.sha256().getBytes(StandardCharsets.US_ASCII))) {
                match = e;
            }
        }
        return Optional.ofNullable(match);
    }

    private void refresh() {
        FileTime stamp;
        long size;
        try {
            stamp = Files.getLastModifiedTime(file);
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            cached = List.of();
            cachedStamp = null;
            cachedSize = -1;
            return;
        } catch (IOException e) {
            throw new AlphaweaveException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        if (stamp.equals(cachedStamp) && size == cachedSize) {
            return;
        }
        cached = read();
        cachedStamp = stamp;
        cachedSize = size;
    }

    private List<Entry> read() {
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode tokens = root == null ? null : root.get("tokens");
            if (tokens == null || !tokens.isArray()) {
                throw new AlphaweaveException(
                        "token file " + file + " has no \"tokens\" array; fix it or delete it and create tokens again");
            }
            List<Entry> out = new ArrayList<>();
            for (JsonNode t : tokens) {
                out.add(new Entry(
                        t.path("id").asText(),
                        Role.parse(t.path("role").asText()),
                        t.path("sha256").asText(),
                        Instant.parse(t.path("created").asText())));
            }
            return List.copyOf(out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof AlphaweaveException ae) {
                throw ae;
            }
            throw new AlphaweaveException(
                    "token file " + file + " is not valid (" + e.getMessage()
                            + "); fix it or delete it and create tokens again",
                    e);
        }
    }

    private void save(List<Entry> entries) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        for (Entry e : entries) {
            ObjectNode n = tokens.addObject();
            n.put("id", e.id());
            n.put("role", e.role().label());
            n.put("sha256", e.sha256());
            n.put("created", e.created().toString());
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".tokens", ".tmp");
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            }
            Files.write(tmp, JSON.writeValueAsBytes(root));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new AlphaweaveException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
        cached = List.copyOf(entries);
        cachedStamp = null;
        cachedSize = -1;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
