package io.alphaweave.platform.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Reads files into a {@link PanelBuilder}: gzip detection, directories of per-symbol files, sector maps. */
final class MarketDataLoader {
    private MarketDataLoader() {}

    static MarketData load(Path path, Path sectorFile, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        Map<String, String> sectors = sectorFile == null ? null : loadSectors(sectorFile);
        PanelBuilder builder = new PanelBuilder(options);
        if (Files.isDirectory(path)) {
            if (options.symbol() != null) {
                throw new DataFormatException(path + ": a symbol (" + options.symbol() + ") was given, but this is a"
                        + " directory whose files each take their symbol from their name; give a symbol only for"
                        + " one per-symbol file");
            }
            List<Path> files;
            try (Stream<Path> list = Files.list(path)) {
                files = list.filter(p -> isCsv(p) && Files.isRegularFile(p))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new DataFormatException(path + ": cannot list the directory: " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new DataFormatException(path + ": directory holds no *.csv or *.csv.gz files"
                        + " (expected one Yahoo-format file per symbol, e.g. AAPL.csv)");
            }
            for (Path f : files) {
                new CsvBarReader(
                                readAll(f),
                                f.toString(),
                                symbolFromFileName(f.getFileName().toString()),
                                false)
                        .readInto(builder);
            }
        } else {
            read(readAll(path), path.toString(), fileName(path), options, builder);
        }
        return builder.build(sectors, sectorFile == null ? null : sectorFile.toString());
    }

    static MarketData load(InputStream in, String name, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        PanelBuilder builder = new PanelBuilder(options);
        byte[] bytes;
        try {
            bytes = decompress(in);
        } catch (IOException e) {
            throw new DataFormatException(name + ": cannot read: " + e.getMessage(), e);
        }
        read(bytes, name, fileName(Path.of(name)), options, builder);
        return builder.build(null, null);
    }

    private static void read(byte[] bytes, String file, String fileName, LoadOptions options, PanelBuilder builder) {
        String symbol = options.symbol() != null ? options.symbol() : symbolFromFileName(fileName);
        new CsvBarReader(bytes, file, symbol, options.symbol() != null).readInto(builder);
    }

    private static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? "" : name.toString();
    }

    /** A directory is read as its {@code *.csv} and {@code *.csv.gz} files (any case). */
    private static boolean isCsv(Path file) {
        String n = fileName(file).toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz");
    }

    /**
     * The symbol of a per-symbol file from its name: drop a final {@code .gz}, then the final
     * extension (whatever follows the last '.'), then everything from the first '-' or '_' that is
     * followed by a digit (a year or date range), and upper-case the rest: {@code AAPL.csv} → AAPL,
     * {@code orcl-1995-2014.txt} → ORCL, {@code brk-b.csv.gz} → BRK-B, {@code BRK.B.csv} → BRK.B.
     *
     * @return the symbol, or null when nothing is left
     */
    static String symbolFromFileName(String name) {
        String n = name;
        if (n.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            n = n.substring(0, n.length() - 3);
        }
        int dot = n.lastIndexOf('.');
        if (dot >= 0) {
            n = n.substring(0, dot);
        }
        for (int i = 0; i + 1 < n.length(); i++) {
            char ch = n.charAt(i);
            if ((ch == '-' || ch == '_') && Character.isDigit(n.charAt(i + 1))) {
                n = n.substring(0, i);
                break;
            }
        }
        n = n.strip().toUpperCase(Locale.ROOT);
        return n.isEmpty() || n.contains(",") ? null : n;
    }

    static byte[] readAll(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return decompress(in);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": file not found (check the path; relative paths are resolved from "
                    + Path.of("").toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new DataFormatException(
                    file + ": cannot read: " + e.getMessage() + " (check the file is a readable CSV, plain or gzip)",
                    e);
        }
    }

    /** Reads everything, gunzipping when the stream starts with the gzip magic bytes 1f 8b. */
    private static byte[] decompress(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try (InputStream gz = new GZIPInputStream(in, 1 << 16)) {
                return gz.readAllBytes();
            }
        }
        return in.readAllBytes();
    }

    /**
     * A sector map: CSV with a header naming at least {@code Symbol} and {@code Sector} columns
     * (case-insensitive, any order, other columns ignored; double-quoted fields may hold commas).
     */
    static Map<String, String> loadSectors(Path file) {
        String text = new String(readAll(file), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        if (text.isBlank()) {
            throw new DataFormatException(
                    file
                            + ":1: file is empty (expected a header with Symbol and Sector columns, e.g. \"Symbol,Name,Sector\")");
        }
        List<String> header = splitCsv(lines[0], file, 1);
        int sym = -1, sec = -1;
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).strip().toLowerCase(Locale.ROOT);
            if (h.equals("symbol")) {
                sym = i;
            } else if (h.equals("sector")) {
                sec = i;
            }
        }
        if (sym < 0 || sec < 0) {
            throw new DataFormatException(file + ":1: header is \"" + lines[0].strip()
                    + "\"; expected columns Symbol and Sector (e.g. \"Symbol,Name,Sector\")");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> f = splitCsv(lines[i], file, i + 1);
            if (f.size() != header.size()) {
                throw new DataFormatException(file + ":" + (i + 1) + ": expected " + header.size() + " fields, found "
                        + f.size() + " (quote fields that contain commas)");
            }
            String s = f.get(sym).strip(), sector = f.get(sec).strip();
            if (s.isEmpty()) {
                throw new DataFormatException(
                        file + ":" + (i + 1) + ": field 'Symbol' is empty (expected a ticker symbol like AAPL)");
            }
            if (sector.isEmpty()) {
                throw new DataFormatException(
                        file + ":" + (i + 1) + ": field 'Sector' is empty for " + s + " (expected e.g. \"Energy\")");
            }
            Integer first = firstLine.putIfAbsent(s, i + 1);
            if (first != null) {
                throw new DataFormatException(file + ":" + (i + 1) + ": field 'Symbol' repeats " + s
                        + " (first on line " + first + "; remove the duplicate row)");
            }
            out.put(s, sector);
        }
        if (out.isEmpty()) {
            throw new DataFormatException(file + ":2: no rows after the header (expected one row per symbol)");
        }
        return out;
    }

    private static List<String> splitCsv(String line, Path file, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new DataFormatException(file + ":" + lineNo + ": unterminated quoted field (close the \" quote)");
        }
        out.add(cur.toString());
        return out;
    }
}
