package io.alphaweave.platform.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's trades into PostgreSQL by binary COPY (the demo over 505 symbols makes ~57,000; as multi-row
 * INSERTs they took about a second of the run's transaction). Same field encoding as
 * {@link SignalWriter.Copy}.
 */
final class TradeCopy {
    private static final String SQL = "COPY trade (run_id, seq, symbol, side, decision_date, entry_date, exit_date,"
            + " entry_price, exit_price, quantity, commission, pnl, attribution_json) FROM STDIN (FORMAT binary)";
    private static final int FIELDS = 13;

    private TradeCopy() {}

    /**
     * Writes the rows on the caller's connection, inside its transaction.
     *
     * @return rows written
     */
    static long write(Connection connection, String runId, List<TradeRow> rows) throws SQLException {
        byte[] run = runId.getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> texts = new HashMap<>();
        int[] seq = {0};
        return BinaryCopy.write(connection, SQL, rows, (buffer, row) -> {
            buffer.int16(FIELDS);
            text(buffer, run);
            buffer.int32(4);
            buffer.int32(seq[0]++);
            text(buffer, texts.computeIfAbsent(row.symbol(), s -> s.getBytes(StandardCharsets.UTF_8)));
            text(buffer, texts.computeIfAbsent(row.side().name(), s -> s.getBytes(StandardCharsets.UTF_8)));
            date(buffer, row.decisionDate());
            date(buffer, row.entryDate());
            date(buffer, row.exitDate());
            number(buffer, row.entryPrice());
            number(buffer, row.exitPrice());
            number(buffer, row.quantity());
            number(buffer, row.commission());
            number(buffer, row.pnl());
            text(buffer, row.attributionJson().getBytes(StandardCharsets.UTF_8));
        });
    }

    private static void text(SignalWriter.Buffer buffer, byte[] utf8) {
        buffer.int32(utf8.length);
        buffer.put(utf8);
    }

    private static void date(SignalWriter.Buffer buffer, LocalDate date) {
        if (date == null) {
            buffer.int32(-1);
            return;
        }
        buffer.int32(4);
        buffer.int32((int) (date.toEpochDay() - BinaryCopy.PG_EPOCH_DAY));
    }

    private static void number(SignalWriter.Buffer buffer, double value) {
        buffer.int32(8);
        buffer.int64(Double.doubleToRawLongBits(value));
    }
}
