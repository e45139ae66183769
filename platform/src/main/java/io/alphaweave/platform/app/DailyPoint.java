package io.alphaweave.platform.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One trading day of the portfolio. Immutable.
 *
 * @param date the trading day
 * @param dailyReturn the day's simple return close to close (JSON {@code return})
 * @param equity the account value at the close
 */
public record DailyPoint(
        LocalDate date, @JsonProperty("return") double dailyReturn, double equity) {
    /** Checks the date. */
    public DailyPoint {
        Objects.requireNonNull(date, "date");
    }
}
