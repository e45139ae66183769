package io.alphaweave.platform.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;

/**
 * Explicit JDBC types for instants and dates: both engines take and give {@link OffsetDateTime} for
 * TIMESTAMP WITH TIME ZONE and {@link LocalDate} for DATE, so no value passes through the JVM's zone.
 */
final class Sql {
    private Sql() {}

    /** The precision both engines keep. */
    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    static Argument instant(Instant instant) {
        if (instant == null) {
            return (position, statement, ctx) -> statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
        }
        OffsetDateTime utc = OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
        return (position, statement, ctx) -> statement.setObject(position, utc);
    }

    static Argument date(LocalDate date) {
        if (date == null) {
            return (position, statement, ctx) -> statement.setNull(position, Types.DATE);
        }
        return (position, statement, ctx) -> statement.setObject(position, date);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }
}
