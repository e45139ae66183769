package io.alphaweave.platform.evaluation;

import java.time.LocalDate;

/**
 * One closed round trip on one symbol: from the fill that opens a position from flat to the fill
 * that brings it back to flat (a fill that flips the sign closes one round trip and opens the next),
 * as an event-driven engine counts trades. Fills that add to the position raise the average cost;
 * fills that reduce it realise (price − average cost) × quantity. Immutable.
 *
 * @param symbol the instrument
 * @param direction +1 long, −1 short
 * @param entryDate date of the opening fill
 * @param exitDate date of the closing fill
 * @param holdingDays trading days from entry fill to exit fill
 * @param grossPnl realised price pnl, before commissions
 * @param commission every commission paid on the round trip's fills (pro rata on a flipping fill)
 * @param pnl grossPnl − commission
 */
public record RoundTrip(
        String symbol,
        int direction,
        LocalDate entryDate,
        LocalDate exitDate,
        int holdingDays,
        double grossPnl,
        double commission,
        double pnl) {}
