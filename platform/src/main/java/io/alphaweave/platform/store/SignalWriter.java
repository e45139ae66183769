package io.alphaweave.platform.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Bulk writes of signal rows: PostgreSQL binary COPY, JDBC batches on H2. */
sealed interface SignalWriter {

    /**
     * Writes the rows of one set on the caller's connection (inside its transaction).
     *
     * @param offset the position in the set of the first row (rows may come in chunks)
     * @return rows written
     */
    long write(Connection connection, long setId, long offset, List<SignalRow> rows) throws SQLException;

    /** H2's row key of a set's row (see db/migration/h2/V2): the set is the key range of its id. */
    static long rowKey(long setId, long position) {
        return (setId << 32) + position;
    }

    static SignalWriter of(DatabaseEngine engine) {
        return engine == DatabaseEngine.POSTGRESQL ? new Copy() : new Batch();
    }

    /** JDBC batches of 5,000 rows (H2), with the row key. */
    final class Batch implements SignalWriter {
        private static final int BATCH = 5_000;

        @Override
        public long write(Connection connection, long setId, long offset, List<SignalRow> rows) throws SQLException {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO strategy_signal (set_id, symbol,"
                    + " signal_date, alpha_score, confidence, horizon_days, volatility_adjusted, metadata_json,"
                    + " row_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pending = 0;
                long position = offset;
                for (SignalRow row : rows) {
                    insert.setLong(9, rowKey(setId, position++));
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

    /**
     * COPY … FROM STDIN in PostgreSQL's binary format, streamed in 1 MiB chunks through the driver's copy
     * API: doubles go as their IEEE bits (NaN and ±∞ exactly, no text parsing), dates as days since
     * 2000-01-01.
     */
    final class Copy implements SignalWriter {
        private static final String SQL = "COPY strategy_signal (set_id, symbol, signal_date, alpha_score,"
                + " confidence, horizon_days, volatility_adjusted, metadata_json) FROM STDIN (FORMAT binary)";

        @Override
        public long write(Connection connection, long setId, long offset, List<SignalRow> rows) throws SQLException {
            Map<String, byte[]> symbols = new HashMap<>();
            return BinaryCopy.write(connection, SQL, rows, (buffer, row) -> {
                buffer.int16(8);
                buffer.int32(8);
                buffer.int64(setId);
                byte[] symbol = symbols.computeIfAbsent(row.symbol(), t -> t.getBytes(StandardCharsets.UTF_8));
                buffer.int32(symbol.length);
                buffer.put(symbol);
                buffer.int32(4);
                buffer.int32((int) (row.date().toEpochDay() - BinaryCopy.PG_EPOCH_DAY));
                buffer.int32(8);
                buffer.int64(Double.doubleToRawLongBits(row.alphaScore()));
                buffer.int32(8);
                buffer.int64(Double.doubleToRawLongBits(row.confidence()));
                buffer.int32(4);
                buffer.int32(row.horizonDays());
                buffer.int32(1);
                buffer.put(row.volatilityAdjusted() ? (byte) 1 : (byte) 0);
                if (row.metadataJson() == null) {
                    buffer.int32(-1);
                } else {
                    byte[] json = row.metadataJson().getBytes(StandardCharsets.UTF_8);
                    buffer.int32(json.length);
                    buffer.put(json);
                }
            });
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

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        /** Big-endian, as every binary COPY field. */
        void int16(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int32(int v) {
            ensure(4);
            bytes[size++] = (byte) (v >>> 24);
            bytes[size++] = (byte) (v >>> 16);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }
    }
}
