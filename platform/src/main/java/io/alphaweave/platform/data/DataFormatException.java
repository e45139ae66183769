package io.alphaweave.platform.data;

import io.alphaweave.api.AlphaweaveException;

/**
 * A market-data or sector file cannot be read at all: missing, empty, wrong header, a value that is
 * not a number or a date, dates out of order within a symbol, a duplicate (symbol, date). The
 * message is one line naming the file, the line and the field, and saying how to fix it, e.g.
 * {@code data/x.csv:17: field 'close' is not a number: "abc" (expected a decimal like 101.25)}.
 *
 * <p>Recoverable defects (empty prices, inconsistent high/low, gaps, suspicious jumps) are not
 * errors: they are repaired or kept by a documented rule and listed in the {@link
 * DataQualityReport}.
 */
public class DataFormatException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: {@code file:line: what is wrong (how to fix)}
     */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * @param message one line: {@code file:line: what is wrong (how to fix)}
     * @param cause the underlying I/O failure
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
