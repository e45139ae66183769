package io.alphaweave.platform.data;

import io.alphaweave.platform.cache.BuildStamp;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Parsed market data files kept in binary form under {@code <cache dir>/panels/}, keyed by the
 * file's content (its size, CRC-32 and CRC-32C: a 64-bit checksum that is fast in a fresh JVM), its
 * name (a Yahoo file's symbol is its name) and the build of this code: loading a large CSV again costs a hash and one read of the binary instead of gunzipping and
 * parsing it (the 505-symbol S&P file: about 0.7 s of parsing). The panel and its {@link
 * DataQualityReport} come back exactly as {@link MarketData#load(Path)} built them. Directories are
 * not cached. A cache entry that cannot be read or written is ignored, so the worst case is the
 * plain load. Each cached file takes about 40 bytes per bar. Thread-safe.
 */
public final class PanelCache {
    /** Bumped when the binary layout or the loader's meaning changes. */
    static final String FORMAT = "panel-1";

    private static final int MAGIC = 0x41575031; // "AWP1"

    private final Path dir;
    private final String build;

    /**
     * @param cacheDir the user's cache directory (e.g. {@code ~/.alphaweave}); panels go to its
     *     {@code panels/} folder, created when first needed
     */
    public PanelCache(Path cacheDir) {
        this.dir = Objects.requireNonNull(cacheDir, "cacheDir must not be null").resolve("panels");
        this.build = BuildStamp.of(CsvBarReader.class).orElse(null);
    }

    /**
     * As {@link MarketData#load(Path)}, from the cache when this file's content was loaded before.
     *
     * @param path a data file or directory
     * @return the panel, without sectors
     * @throws DataFormatException when the input cannot be read
     */
    public MarketData load(Path path) {
        if (build == null || !Files.isRegularFile(path)) {
            return MarketData.load(path);
        }
        String key;
        try {
            key = key(path);
        } catch (IOException e) {
            return MarketData.load(path); // reports the read problem
        }
        Path entry = dir.resolve(key + ".bin");
        if (Files.isRegularFile(entry)) {
            try {
                return read(entry);
            } catch (IOException | RuntimeException unreadable) {
                // a cache only: parse the file instead
            }
        }
        MarketData panel = MarketData.load(path);
        try {
            Files.createDirectories(dir);
            // written whole then moved, so a concurrent reader never sees half a file
            Path tmp = Files.createTempFile(dir, "tmp-", ".bin");
            write(panel, tmp);
            Files.move(tmp, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException unwritable) {
            // a cache only: the file is parsed again next time
        }
        return panel;
    }

    private String key(Path path) throws IOException {
        return HexFormat.of()
                .formatHex(sha256().digest((FORMAT + "|" + build + "|" + path.getFileName() + "|" + checksum(path))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * A checksum of a file's content for cache keys: its size, CRC-32 and CRC-32C. Both CRCs run at
     * full speed in a fresh JVM (CRC-32 is native, CRC-32C an interpreter intrinsic), where SHA-256
     * of a 10 MB file would take most of a second before being compiled.
     *
     * @param file a readable file
     * @return {@code <size>-<crc32><crc32c>} in hex
     * @throws IOException when the file cannot be read
     */
    public static String checksum(Path file) throws IOException {
        CRC32 crc = new CRC32();
        CRC32C crcC = new CRC32C();
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
                crcC.update(buf, 0, r);
                size += r;
            }
        }
        return size + "-" + Long.toHexString(crc.getValue()) + "-" + Long.toHexString(crcC.getValue());
    }

    static void write(MarketData panel, Path file) throws IOException {
        int n = panel.symbolCount(), days = panel.dayCount();
        java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(header)) {
            out.writeInt(MAGIC);
            out.writeInt(n);
            out.writeInt(days);
            for (int d = 0; d < days; d++) {
                out.writeLong(panel.date(d).toEpochDay());
            }
            for (int s = 0; s < n; s++) {
                out.writeUTF(panel.symbols().get(s));
                String sector = panel.sector(s);
                out.writeBoolean(sector != null);
                if (sector != null) {
                    out.writeUTF(sector);
                }
            }
            DataQualityReport q = panel.quality();
            out.writeInt(q.sources().size());
            for (String src : q.sources()) {
                out.writeUTF(src);
            }
            out.writeLong(q.rows());
            out.writeInt(q.defects().size());
            for (DataDefect d : q.defects()) {
                out.writeUTF(d.kind().name());
                out.writeUTF(d.symbol());
                out.writeLong(d.date().toEpochDay());
                out.writeUTF(d.file());
                out.writeInt(d.line());
                out.writeUTF(d.reason());
            }
        }
        try (OutputStream out = new java.io.BufferedOutputStream(
                Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
            ByteBuffer length = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            out.write(length.putInt(header.size()).array());
            header.writeTo(out);
            // the price arrays last, little-endian, so reading them is a bulk copy
            ByteBuffer row = ByteBuffer.allocate(days * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int s = 0; s < n; s++) {
                for (double[] field :
                        List.of(panel.open(s), panel.high(s), panel.low(s), panel.close(s), panel.volume(s))) {
                    row.clear();
                    row.asDoubleBuffer().put(field);
                    out.write(row.array());
                }
            }
        }
    }

    static MarketData read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
            int headerBytes = all.getInt(0);
            if (headerBytes < 0 || headerBytes > all.limit() - Integer.BYTES) {
                throw new IOException(file + " is not a panel cache file");
            }
            byte[] header = new byte[headerBytes];
            all.get(Integer.BYTES, header);
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(header));
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a panel cache file");
            }
            int n = in.readInt(), days = in.readInt();
            LocalDate[] calendar = new LocalDate[days];
            for (int d = 0; d < days; d++) {
                calendar[d] = LocalDate.ofEpochDay(in.readLong());
            }
            List<String> symbols = new ArrayList<>(n);
            String[] sectors = new String[n];
            for (int s = 0; s < n; s++) {
                symbols.add(in.readUTF());
                sectors[s] = in.readBoolean() ? in.readUTF() : null;
            }
            List<String> sources = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                sources.add(in.readUTF());
            }
            long rows = in.readLong();
            List<DataDefect> defects = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                defects.add(new DataDefect(
                        DataDefect.Kind.valueOf(in.readUTF()),
                        in.readUTF(),
                        LocalDate.ofEpochDay(in.readLong()),
                        in.readUTF(),
                        in.readInt(),
                        in.readUTF()));
            }
            int offset = Integer.BYTES + headerBytes;
            long expected = (long) n * 5 * days * Double.BYTES;
            if (all.limit() - offset != expected) {
                throw new IOException(file + " is truncated");
            }
            var doubles =
                    all.position(offset).slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            double[][] open = new double[n][days],
                    high = new double[n][days],
                    low = new double[n][days],
                    close = new double[n][days],
                    volume = new double[n][days];
            for (int s = 0; s < n; s++) {
                doubles.get(open[s]);
                doubles.get(high[s]);
                doubles.get(low[s]);
                doubles.get(close[s]);
                doubles.get(volume[s]);
            }
            return new MarketData(
                    calendar,
                    symbols,
                    open,
                    high,
                    low,
                    close,
                    volume,
                    sectors,
                    new DataQualityReport(sources, rows, defects));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
