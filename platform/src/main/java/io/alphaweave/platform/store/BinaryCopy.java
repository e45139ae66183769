package io.alphaweave.platform.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One {@code COPY … FROM STDIN (FORMAT binary)} through the PostgreSQL driver's copy API: the header,
 * each row encoded into a buffer streamed in 1 MiB chunks, the trailer; cancelled if it does not finish.
 */
final class BinaryCopy {
    /** PostgreSQL's binary dates count days from 2000-01-01. */
    static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();

    private static final int CHUNK = 1 << 20;
    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    /** Encodes one row: its field count, then each field's length and bytes (big-endian). */
    @FunctionalInterface
    interface RowEncoder<T> {
        void encode(SignalWriter.Buffer buffer, T row);
    }

    private BinaryCopy() {}

    /**
     * Copies the rows on the caller's connection, inside its transaction.
     *
     * @return rows written, as the server counted them
     */
    static <T> long write(Connection connection, String sql, List<T> rows, RowEncoder<T> encoder) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        boolean done = false;
        try {
            SignalWriter.Buffer buffer = new SignalWriter.Buffer(CHUNK + 4096);
            buffer.put(HEADER);
            for (T row : rows) {
                encoder.encode(buffer, row);
                if (buffer.size >= CHUNK) {
                    copy.writeToCopy(buffer.bytes, 0, buffer.size);
                    buffer.size = 0;
                }
            }
            buffer.int16(-1);
            copy.writeToCopy(buffer.bytes, 0, buffer.size);
            long written = copy.endCopy();
            done = true;
            return written;
        } finally {
            if (!done && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
