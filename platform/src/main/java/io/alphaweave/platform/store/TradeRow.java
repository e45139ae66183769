package io.alphaweave.platform.store;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One trade (or fill) of a run. Prices and amounts keep NaN and ±∞ as themselves; NaN marks "none"
 * (e.g. the exit price of a fill).
 *
 * @param symbol the instrument, 1–64 characters
 * @param side buy or sell
 * @param decisionDate the date whose close decided it, or null
 * @param entryDate the fill (or entry) date
 * @param exitDate the exit date of a round trip, or null
 * @param entryPrice the fill (or entry) price
 * @param exitPrice the exit price, NaN if none
 * @param quantity the number of shares, unsigned
 * @param commission the commission paid
 * @param pnl the profit or loss, NaN if not known
 * @param attributionJson strategy id → share of the decision, as JSON text
 */
public record TradeRow(
        String symbol,
        TradeSide side,
        LocalDate decisionDate,
        LocalDate entryDate,
        LocalDate exitDate,
        double entryPrice,
        double exitPrice,
        double quantity,
        double commission,
        double pnl,
        String attributionJson) {

    /** Validates. */
    public TradeRow {
        Checks.nonBlank(symbol, "symbol", 64);
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(entryDate, "entryDate");
        Checks.json(attributionJson, "attributionJson");
    }
}
