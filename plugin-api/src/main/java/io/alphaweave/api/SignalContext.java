package io.alphaweave.api;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a strategy stands when asked for one signal: the data and the calendar day whose close it
 * decides at. A strategy may read bars up to and including {@code day} only; the host's lookahead
 * check rejects a strategy that reads further. Immutable.
 *
 * @param data the market data (possibly extending past {@code day})
 * @param day the calendar index of the decision day, 0 ≤ day &lt; data.dayCount()
 */
public record SignalContext(MarketView data, int day) {

    /** Checks the day is inside the data. */
    public SignalContext {
        Objects.requireNonNull(data, "data must not be null");
        if (day < 0 || day >= data.dayCount()) {
            throw new IllegalArgumentException("day must be in [0, " + data.dayCount() + "), was " + day);
        }
    }

    /** @return the decision date */
    public LocalDate date() {
        return data.date(day);
    }
}
