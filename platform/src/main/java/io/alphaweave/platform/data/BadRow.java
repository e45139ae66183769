package io.alphaweave.platform.data;

import java.util.Objects;

/**
 * A row that cannot be read at all, as opposed to a {@link DataDefect} that a rule repairs or keeps:
 * a wrong number of fields, a date that is not an ISO date, a value that is not a number, an empty
 * symbol, a date that repeats or goes backwards for its symbol (the later row is the bad one).
 * Such a row stops the load ({@link BadRowsException}, listing every one) unless the load drops
 * bad rows ({@link LoadOptions#dropBadRows()}); then it is left out and listed in {@link
 * DataQualityReport#badRows()}. Immutable.
 *
 * @param file the file, as given to the loader; never null
 * @param line the 1-based line of the row, ≥ 2 (line 1 is the header)
 * @param reason what is wrong with it and how to fix it, one line; never null
 */
public record BadRow(String file, int line, String reason) {

    /** Checks nulls and the line number. */
    public BadRow {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 2) {
            throw new IllegalArgumentException("line must be ≥ 2, was " + line);
        }
    }

    /** @return {@code file:line: reason}, the form error messages use */
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }
}
