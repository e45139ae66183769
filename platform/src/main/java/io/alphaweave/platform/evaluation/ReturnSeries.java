package io.alphaweave.platform.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Daily simple returns of a strategy or portfolio, one per trading day, sorted by date. Immutable:
 * the arrays are copied in and out.
 *
 * @param dates strictly increasing trading dates, one per return; never null
 * @param returns decimal simple returns (0.01 = +1 %), finite and &gt; −1 is not required but NaN is
 *     rejected with the index and date of the first NaN
 */
public record ReturnSeries(LocalDate[] dates, double[] returns) {
    // a plain decimal; Double.parseDouble alone would also take Java literals such as "0.5d" or "0x1p-3"
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    // how Java, numpy and pandas write a missing or infinite value
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    /** Checks lengths, order and that no return is NaN or infinite. */
    public ReturnSeries {
        Objects.requireNonNull(dates, "dates must not be null");
        Objects.requireNonNull(returns, "returns must not be null");
        if (dates.length != returns.length) {
            throw new InvalidReturnsException(
                    "dates and returns must have the same length, were " + dates.length + " and " + returns.length);
        }
        dates = dates.clone();
        returns = returns.clone();
        for (int i = 0; i < returns.length; i++) {
            Objects.requireNonNull(dates[i], "dates[" + i + "] must not be null");
            if (!Double.isFinite(returns[i])) {
                throw new InvalidReturnsException("return at index " + i + " (" + dates[i] + ") is " + returns[i]
                        + ": a metric over a series with missing values is undefined; fill or drop that day");
            }
            if (i > 0 && !dates[i].isAfter(dates[i - 1])) {
                throw new InvalidReturnsException("dates must be strictly increasing, " + dates[i] + " at index " + i
                        + " follows " + dates[i - 1]);
            }
        }
    }

    /** @return a copy of the dates */
    @Override
    public LocalDate[] dates() {
        return dates.clone();
    }

    /** @return a copy of the returns */
    @Override
    public double[] returns() {
        return returns.clone();
    }

    /** @return the number of returns */
    public int size() {
        return returns.length;
    }

    /**
     * Returns without dates: day i is dated {@code start + i days} (for tests and quick checks).
     *
     * @param start the first date
     * @param returns the returns
     * @return the series
     */
    public static ReturnSeries of(LocalDate start, double... returns) {
        LocalDate[] dates = new LocalDate[returns.length];
        for (int i = 0; i < returns.length; i++) {
            dates[i] = start.plusDays(i);
        }
        return new ReturnSeries(dates, returns);
    }

    /**
     * Writes the series as the {@code date,return} CSV that {@link #readCsv} reads back exactly: a
     * header line, then one ISO date and the shortest decimal that round-trips the double per line.
     *
     * @param file the file to create or replace; missing parent folders are created
     * @throws InvalidReturnsException naming the file when it cannot be written
     */
    public void writeCsv(Path file) {
        StringBuilder sb = new StringBuilder(32 * (returns.length + 1)).append("date,return\n");
        for (int i = 0; i < returns.length; i++) {
            sb.append(dates[i]).append(',').append(returns[i]).append('\n');
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidReturnsException(
                    "cannot write " + file + ": " + e.getMessage() + " (check that the folder is writable)", e);
        }
    }

    /**
     * Reads a {@code date,return} CSV: a header line naming the two columns, then one ISO date and
     * one decimal simple return ≥ −1 per line (blank lines ignored).
     *
     * @param file the CSV file
     * @return the series
     * @throws InvalidReturnsException naming file:line and the problem for any bad line
     */
    public static ReturnSeries readCsv(Path file) {
        List<LocalDate> dates = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new InvalidReturnsException(file + ": empty file; expected a header line \"date,return\"");
            }
            String[] cols = header.replace("\uFEFF", "").trim().split(",", -1);
            if (cols.length != 2
                    || !cols[0].trim().equalsIgnoreCase("date")
                    || !cols[1].trim().equalsIgnoreCase("return")) {
                throw new InvalidReturnsException(
                        file + ":1: header must be \"date,return\", was \"" + header.trim() + "\"");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 2) {
                    throw new InvalidReturnsException(
                            file + ":" + lineNo + ": expected 2 fields (date,return), found " + f.length);
                }
                LocalDate date;
                try {
                    date = LocalDate.parse(f[0].trim());
                } catch (DateTimeParseException e) {
                    throw new InvalidReturnsException(
                            file + ":" + lineNo + ": date must be YYYY-MM-DD, was \"" + f[0].trim() + "\"");
                }
                String text = f[1].trim();
                if (NOT_FINITE.matcher(text).matches()) {
                    throw new InvalidReturnsException(file + ":" + lineNo + ": return is " + text + " on " + date
                            + "; a metric over missing values is undefined — fill or drop that day");
                }
                if (!DECIMAL.matcher(text).matches()) {
                    throw new InvalidReturnsException(
                            file + ":" + lineNo + ": return must be a decimal number, was \"" + text + "\"");
                }
                double r = Double.parseDouble(text);
                if (!Double.isFinite(r)) { // e.g. 1e999 overflows
                    throw new InvalidReturnsException(file + ":" + lineNo + ": return " + text + " on " + date
                            + " is out of range; returns are decimals such as 0.01 for +1 %");
                }
                if (r < -1) {
                    throw new InvalidReturnsException(file + ":" + lineNo + ": return " + text + " on " + date
                            + " is below -1: a daily simple return cannot lose more than everything (-1 = -100 %);"
                            + " returns are decimals such as -0.05 for -5 %");
                }
                if (!dates.isEmpty() && !date.isAfter(dates.get(dates.size() - 1))) {
                    throw new InvalidReturnsException(file + ":" + lineNo + ": dates must be strictly increasing, "
                            + date + " follows " + dates.get(dates.size() - 1));
                }
                dates.add(date);
                values.add(r);
            }
        } catch (NoSuchFileException e) {
            throw new InvalidReturnsException("cannot read " + file + ": file not found; check the path", e);
        } catch (IOException e) {
            throw new InvalidReturnsException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            throw new InvalidReturnsException(file + ": no returns after the header");
        }
        double[] r = new double[values.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = values.get(i);
        }
        return new ReturnSeries(dates.toArray(LocalDate[]::new), r);
    }
}
