package io.alphaweave.platform.evaluation;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One executed order: a signed quantity of one symbol at one price on one day. Immutable.
 *
 * @param date the fill date
 * @param day the fill's calendar index (trading-day count), for holding periods in trading days
 * @param symbol the instrument
 * @param quantity signed shares, positive bought, negative sold; non-zero
 * @param price the fill price per share including slippage, &gt; 0
 * @param commission the commission paid, ≥ 0
 */
public record Fill(LocalDate date, int day, String symbol, double quantity, double price, double commission) {

    /** Validates every field. */
    public Fill {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(symbol, "symbol");
        if (!(quantity != 0 && Double.isFinite(quantity))) {
            throw new IllegalArgumentException("quantity must be finite and non-zero, was " + quantity);
        }
        if (!(price > 0 && Double.isFinite(price))) {
            throw new IllegalArgumentException("price must be finite and > 0, was " + price);
        }
        if (!(commission >= 0 && Double.isFinite(commission))) {
            throw new IllegalArgumentException("commission must be finite and ≥ 0, was " + commission);
        }
    }
}
