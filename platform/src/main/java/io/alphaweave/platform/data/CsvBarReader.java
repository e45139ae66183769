package io.alphaweave.platform.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-level parser of one daily-bar CSV file already in memory (decompressed): the long format
 * {@code date,open,high,low,close,volume,Name} or a per-symbol file without {@code Name} such as the
 * Yahoo format {@code Date,Open,High,Low,Close,Adj Close,Volume} (symbol given or from the file
 * name; {@code Adj Close} is ignored). Columns may come in any order; header names are matched
 * case-insensitively. A row that cannot be read is handed to the builder as a {@link BadRow} and
 * reading goes on, so that one load reports every bad row. No per-row String or array garbage:
 * fields are parsed in place. One instance per file.
 */
final class CsvBarReader {
    static final String LONG_HEADER = "date,open,high,low,close,volume,Name";
    static final String YAHOO_HEADER = "Date,Open,High,Low,Close,Adj Close,Volume";

    private static final int DATE = 0, OPEN = 1, HIGH = 2, LOW = 3, CLOSE = 4, VOLUME = 5, NAME = 6, IGNORED = 7;
    private static final String[] FIELD = {"date", "open", "high", "low", "close", "volume", "Name", "Adj Close"};
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final byte[] buf;
    private final int len;
    private final String file;
    private final String fixedSymbol;
    private final boolean symbolGiven;

    /** A row cannot be read; caught per row and recorded as a {@link BadRow}. */
    private static final class RowError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowError(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param buf the whole (decompressed) file
     * @param file the file name for messages, as the user gave it
     * @param fileSymbol the symbol a per-symbol file holds (given, or from its name), or null if none
     * @param symbolGiven whether {@code fileSymbol} was given by the user rather than taken from the name
     */
    CsvBarReader(byte[] buf, String file, String fileSymbol, boolean symbolGiven) {
        this.buf = buf;
        this.len = buf.length;
        this.file = file;
        this.fixedSymbol = fileSymbol;
        this.symbolGiven = symbolGiven;
    }

    /** Parses every row into the builder. */
    void readInto(PanelBuilder builder) {
        int pos = 0;
        if (len >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF) {
            pos = 3; // UTF-8 byte order mark
        }
        int headerEnd = pos;
        while (headerEnd < len && buf[headerEnd] != '\n') {
            headerEnd++;
        }
        String header = new String(buf, pos, headerEnd - pos, StandardCharsets.UTF_8).strip();
        if (isBlank(pos, len)) {
            throw new DataFormatException(file + ":1: file is empty (expected the header \"" + LONG_HEADER
                    + "\" followed by one row per symbol and day)");
        }
        int[] roles = roles(header);
        boolean perSymbol = !contains(roles, NAME);
        int ncols = roles.length;
        builder.addSource(file);
        int symbolId = perSymbol ? builder.symbolId(fixedSymbol) : -1;
        int lastNameStart = -1, lastNameEnd = -1;
        int[] fs = new int[ncols], fe = new int[ncols];
        int line = 1, rows = 0;
        pos = headerEnd + 1;
        while (pos < len) {
            line++;
            int rowStart = pos, f = 0, start = pos, i = pos;
            for (; i < len; i++) {
                byte b = buf[i];
                if (b == ',') {
                    if (f < ncols) {
                        fs[f] = start;
                        fe[f] = i;
                    }
                    f++;
                    start = i + 1;
                } else if (b == '\n') {
                    break;
                }
            }
            int end = i > start && buf[i - 1] == '\r' ? i - 1 : i;
            pos = i + 1;
            if (f == 0 && isBlank(start, end)) {
                continue; // blank line (e.g. at the end of the file)
            }
            if (f < ncols) {
                fs[f] = start;
                fe[f] = end;
            }
            f++;
            rows++;
            if (f != ncols) {
                builder.badRow(
                        file,
                        line,
                        "expected " + ncols + " fields (" + String.join(",", fieldNames(roles)) + "), found " + f
                                + ": \"" + text(rowStart, end) + "\" (fix or remove the row)");
                continue;
            }
            int epochDay = -1;
            double o = 0, h = 0, l = 0, c = 0, v = 0;
            int id = symbolId;
            try {
                for (int k = 0; k < ncols; k++) {
                    int s = fs[k], e = fe[k];
                    switch (roles[k]) {
                        case DATE -> epochDay = parseDate(s, e);
                        case OPEN -> o = parseNumber(s, e, OPEN);
                        case HIGH -> h = parseNumber(s, e, HIGH);
                        case LOW -> l = parseNumber(s, e, LOW);
                        case CLOSE -> c = parseNumber(s, e, CLOSE);
                        case VOLUME -> v = parseNumber(s, e, VOLUME);
                        case NAME -> {
                            int ts = trimStart(s, e), te = trimEnd(ts, e);
                            if (lastNameStart >= 0
                                    && te - ts == lastNameEnd - lastNameStart
                                    && Arrays.equals(buf, ts, te, buf, lastNameStart, lastNameEnd)) {
                                id = symbolId;
                            } else {
                                if (te == ts) {
                                    throw new RowError("field 'Name' is empty (expected a ticker symbol like AAPL)");
                                }
                                id = builder.symbolId(new String(buf, ts, te - ts, StandardCharsets.UTF_8));
                                symbolId = id;
                                lastNameStart = ts;
                                lastNameEnd = te;
                            }
                        }
                        default -> {}
                    }
                }
            } catch (RowError e) {
                builder.badRow(file, line, e.getMessage());
                continue;
            }
            builder.add(id, epochDay, o, h, l, c, v, file, line);
        }
        if (rows == 0) {
            throw new DataFormatException(
                    file + ":2: no data rows after the header (expected one row per symbol and day)");
        }
    }

    private int[] roles(String header) {
        String[] names = header.split(",", -1);
        int[] roles = new int[names.length];
        int[] column = new int[FIELD.length];
        Arrays.fill(column, -1);
        for (int i = 0; i < names.length; i++) {
            String name = unquote(names[i].strip());
            int role = -1;
            for (int r = 0; r < FIELD.length; r++) {
                if (FIELD[r].equalsIgnoreCase(name)) {
                    role = r;
                }
            }
            if (role < 0) {
                throw new DataFormatException(file + ":1: header column " + (i + 1) + " \"" + name
                        + "\" is not a column alphaweave reads (known, any case and order: date, open, high, low,"
                        + " close, volume, Name, Adj Close); the header is \"" + header + "\"; expected \""
                        + LONG_HEADER
                        + "\" (long format) or \"" + YAHOO_HEADER + "\" (Yahoo format, one file per symbol)");
            }
            if (column[role] >= 0) {
                throw new DataFormatException(file + ":1: header names column '" + FIELD[role] + "' twice (columns "
                        + (column[role] + 1) + " and " + (i + 1) + "); remove one");
            }
            column[role] = i;
            roles[i] = role;
        }
        List<String> missing = new ArrayList<>();
        for (int r : new int[] {DATE, OPEN, HIGH, LOW, CLOSE, VOLUME}) {
            if (column[r] < 0) {
                missing.add(FIELD[r]);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFormatException(file + ":1: header lacks column" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + "; the header is \"" + header + "\"; expected \"" + LONG_HEADER
                    + "\" (long format) or \"" + YAHOO_HEADER + "\" (Yahoo format, one file per symbol)");
        }
        if (column[NAME] < 0 && fixedSymbol == null) {
            throw new DataFormatException(file + ":1: the file has no Name column, so its symbol comes from the file"
                    + " name, but the name yields none (see MarketData.symbolFromFileName); name the file like"
                    + " AAPL.csv or give the symbol (--symbol)");
        }
        if (column[NAME] >= 0 && symbolGiven) {
            throw new DataFormatException(file + ":1: a symbol (" + fixedSymbol + ") was given, but the file's Name"
                    + " column names the symbol of each row; give a symbol only for a per-symbol file without a"
                    + " Name column");
        }
        return roles;
    }

    private static List<String> fieldNames(int[] roles) {
        List<String> out = new ArrayList<>();
        for (int r : roles) {
            out.add(FIELD[r]);
        }
        return out;
    }

    private int parseDate(int s, int e) {
        s = trimStart(s, e);
        e = trimEnd(s, e);
        if (e - s == 10 && buf[s + 4] == '-' && buf[s + 7] == '-') {
            int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
            if (y >= 1800 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) {
                return epochDay(y, m, d);
            }
        }
        throw new RowError("field 'date' is not an ISO date: \"" + text(s, e)
                + "\" (expected yyyy-MM-dd like 2015-01-02, years 1800 to 2200)");
    }

    /** @return the value, or -1 when a byte is not a digit */
    private int digits(int s, int count) {
        int x = 0;
        for (int i = s; i < s + count; i++) {
            int dgt = buf[i] - '0';
            if (dgt < 0 || dgt > 9) {
                return -1;
            }
            x = x * 10 + dgt;
        }
        return x;
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid proleptic Gregorian date with y ≥ 1. */
    static int epochDay(int y, int m, int d) {
        int yy = m <= 2 ? y - 1 : y; // count March-based years so the leap day ends the year
        int era = yy / 400;
        int yearOfEra = yy - era * 400;
        int dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146097 + dayOfEra - 719468;
    }

    /**
     * Parses a decimal in place; an empty field or {@code null} gives {@code NaN}. Up to 15
     * significant digits with ≤ 22 decimals are computed exactly as mantissa / 10^k (both exact
     * doubles, so the division rounds once, as {@link Double#parseDouble} does); anything else
     * goes through {@link Double#parseDouble}.
     */
    private double parseNumber(int s, int e, int field) {
        s = trimStart(s, e);
        e = trimEnd(s, e);
        if (s == e
                || (e - s == 4
                        && (buf[s] | 0x20) == 'n'
                        && (buf[s + 1] | 0x20) == 'u'
                        && (buf[s + 2] | 0x20) == 'l'
                        && (buf[s + 3] | 0x20) == 'l')) {
            return Double.NaN;
        }
        int i = s;
        boolean neg = false;
        if (buf[i] == '-' || buf[i] == '+') {
            neg = buf[i] == '-';
            i++;
        }
        long mantissa = 0;
        int digitCount = 0, decimals = 0;
        boolean dot = false, fast = i < e;
        for (; i < e; i++) {
            int dgt = buf[i] - '0';
            if (dgt >= 0 && dgt <= 9) {
                if (mantissa != 0 || dgt != 0) {
                    digitCount++;
                }
                mantissa = mantissa * 10 + dgt;
                if (dot) {
                    decimals++;
                }
                if (digitCount > 15) {
                    fast = false;
                    break;
                }
            } else if (buf[i] == '.' && !dot) {
                dot = true;
            } else {
                fast = false;
                break;
            }
        }
        if (fast && decimals <= 22 && (e - s) > (dot ? 1 : 0) + (neg || buf[s] == '+' ? 1 : 0)) {
            double x = mantissa / POW10[decimals];
            return neg ? -x : x;
        }
        try {
            double x = Double.parseDouble(text(s, e));
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException ex) {
            // reported below with file, line and field
        }
        throw new RowError("field '" + FIELD[field] + "' is not a number: \"" + text(s, e)
                + "\" (expected a decimal like " + (field == VOLUME ? "1250000" : "101.25") + ")");
    }

    private int trimStart(int s, int e) {
        while (s < e && (buf[s] == ' ' || buf[s] == '"' || buf[s] == '\t')) {
            s++;
        }
        return s;
    }

    private int trimEnd(int s, int e) {
        while (e > s && (buf[e - 1] == ' ' || buf[e - 1] == '"' || buf[e - 1] == '\t' || buf[e - 1] == '\r')) {
            e--;
        }
        return e;
    }

    private boolean isBlank(int s, int e) {
        for (int i = s; i < e; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n') {
                return false;
            }
        }
        return true;
    }

    private String text(int s, int e) {
        String t = new String(buf, s, Math.min(e - s, 200), StandardCharsets.UTF_8);
        return t.replace("\r", "");
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static boolean contains(int[] a, int x) {
        for (int y : a) {
            if (y == x) {
                return true;
            }
        }
        return false;
    }
}
