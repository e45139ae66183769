package io.alphaweave.platform.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Bulk writes of signal rows: PostgreSQL COPY, JDBC batches on H2. */
sealed interface SignalWriter {

    /**
     * Writes the rows of one set on the caller's connection (inside its transaction).
     *
     * @return rows written
     */
    long write(Connection connection, long setId, List<SignalRow> rows) throws SQLException;

    static SignalWriter of(DatabaseEngine engine) {
        return engine == DatabaseEngine.POSTGRESQL ? new Copy() : new Batch();
    }

    /** JDBC batches of 5,000 rows. */
    final class Batch implements SignalWriter {
        private static final int BATCH = 5_000;

        @Override
        public long write(Connection connection, long setId, List<SignalRow> rows) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO strategy_signal (set_id, symbol,"
                    + " signal_date, alpha_score, confidence, horizon_days, volatility_adjusted, metadata_json)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (SignalRow row : rows) {
                    insert.setLong(1, setId);
                    insert.setString(2, row.symbol());
                    insert.setObject(3, row.date());
                    insert.setDouble(4, row.alphaScore());
                    insert.setDouble(5, row.confidence());
                    insert.setInt(6, row.horizonDays());
                    insert.setBoolean(7, row.volatilityAdjusted());
                    if (row.metadataJson() == null) {
                        insert.setNull(8, Types.VARCHAR);
                    } else {
                        insert.setString(8, row.metadataJson());
                    }
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            return rows.size();
        }
    }

    /** COPY … FROM STDIN in text format, streamed in 1 MiB chunks through the driver's copy API. */
    final class Copy implements SignalWriter {
        private static final int CHUNK = 1 << 20;
        private static final String SQL = "COPY strategy_signal (set_id, symbol, signal_date, alpha_score,"
                + " confidence, horizon_days, volatility_adjusted, metadata_json) FROM STDIN";

        @Override
        public long write(Connection connection, long setId, List<SignalRow> rows) throws SQLException {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(SQL);
            boolean done = false;
            try {
                Buffer buffer = new Buffer(CHUNK + 4096);
                byte[] setPrefix = (setId + "\t").getBytes(StandardCharsets.US_ASCII);
                Map<String, byte[]> symbols = new HashMap<>();
                Map<LocalDate, byte[]> dates = new HashMap<>();
                for (SignalRow row : rows) {
                    buffer.put(setPrefix);
                    buffer.put(symbols.computeIfAbsent(row.symbol(), Copy::escaped));
                    buffer.put((byte) '\t');
                    buffer.put(
                            dates.computeIfAbsent(row.date(), d -> d.toString().getBytes(StandardCharsets.US_ASCII)));
                    buffer.put((byte) '\t');
                    buffer.ascii(Double.toString(row.alphaScore()));
                    buffer.put((byte) '\t');
                    buffer.ascii(Double.toString(row.confidence()));
                    buffer.put((byte) '\t');
                    buffer.ascii(Integer.toString(row.horizonDays()));
                    buffer.put((byte) '\t');
                    buffer.put(row.volatilityAdjusted() ? (byte) 't' : (byte) 'f');
                    buffer.put((byte) '\t');
                    if (row.metadataJson() == null) {
                        buffer.put((byte) '\\');
                        buffer.put((byte) 'N');
                    } else {
                        buffer.put(escaped(row.metadataJson()));
                    }
                    buffer.put((byte) '\n');
                    if (buffer.size >= CHUNK) {
                        copy.writeToCopy(buffer.bytes, 0, buffer.size);
                        buffer.size = 0;
                    }
                }
                if (buffer.size > 0) {
                    copy.writeToCopy(buffer.bytes, 0, buffer.size);
                }
                long written = copy.endCopy();
                done = true;
                return written;
            } finally {
                if (!done && copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }

        /** Text-format escaping: backslash, tab, newline and carriage return. */
        static byte[] escaped(String text) {
            StringBuilder out = null;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                String replacement =
                        switch (c) {
                            case '\\' -> "\\\\";
                            case '\t' -> "\\t";
                            case '\n' -> "\\n";
                            case '\r' -> "\\r";
                            default -> null;
                        };
                if (replacement != null && out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                if (out != null) {
                    if (replacement != null) {
                        out.append(replacement);
                    } else {
                        out.append(c);
                    }
                }
            }
            return (out == null ? text : out.toString()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A growable byte buffer (no synchronization, no copies on read). */
    final class Buffer {
        byte[] bytes;
        int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void put(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = b;
        }

        void put(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        void ascii(String s) {
            int n = s.length();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            for (int i = 0; i < n; i++) {
                bytes[size++] = (byte) s.charAt(i);
            }
        }
    }
}
