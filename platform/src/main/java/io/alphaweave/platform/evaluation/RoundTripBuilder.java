package io.alphaweave.platform.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Matches fills into flat-to-flat round trips per symbol (see {@link RoundTrip}). */
final class RoundTripBuilder {
    private final Map<String, Position> open = new HashMap<>();
    private final List<RoundTrip> closed = new ArrayList<>();

    private static final class Position {
        double quantity;
        double avgCost;
        LocalDate entryDate;
        int entryDay;
        double gross;
        double commission;

        void open(Fill f, double qty, double commission) {
            quantity = qty;
            avgCost = f.price();
            entryDate = f.date();
            entryDay = f.day();
            gross = 0;
            this.commission = commission;
        }
    }

    void add(Fill f) {
        Position p = open.get(f.symbol());
        double q = f.quantity();
        if (p == null || p.quantity == 0) {
            if (p == null) {
                p = new Position();
                open.put(f.symbol(), p);
            }
            p.open(f, q, f.commission());
            return;
        }
        if (Math.signum(q) == Math.signum(p.quantity)) {
            double a = Math.abs(p.quantity), b = Math.abs(q);
            p.avgCost = (p.avgCost * a + f.price() * b) / (a + b);
            p.quantity += q;
            p.commission += f.commission();
            return;
        }
        double held = Math.abs(p.quantity);
        double closing = Math.min(Math.abs(q), held);
        double closingShare = closing / Math.abs(q);
        p.gross += closing * (f.price() - p.avgCost) * Math.signum(p.quantity);
        p.commission += f.commission() * closingShare;
        double remaining = p.quantity + q;
        // fills that close "everything" may differ from the held quantity in the last bits
        if (Math.abs(remaining) <= 1e-9 * Math.max(held, Math.abs(q))) {
            remaining = 0;
        }
        if (remaining == 0 || Math.signum(remaining) != Math.signum(p.quantity)) {
            closed.add(new RoundTrip(
                    f.symbol(),
                    (int) Math.signum(p.quantity),
                    p.entryDate,
                    f.date(),
                    f.day() - p.entryDay,
                    p.gross,
                    p.commission,
                    p.gross - p.commission));
            if (remaining != 0) {
                p.open(f, remaining, f.commission() * (1 - closingShare));
            } else {
                p.quantity = 0;
            }
        } else {
            p.quantity = remaining;
        }
    }

    List<RoundTrip> closed() {
        return List.copyOf(closed);
    }

    int openPositions() {
        int n = 0;
        for (Position p : open.values()) {
            if (p.quantity != 0) {
                n++;
            }
        }
        return n;
    }

    static TradeMetrics metrics(List<RoundTrip> trips, int openPositions) {
        int winners = 0, losers = 0;
        double profit = 0, loss = 0, holding = 0;
        for (RoundTrip t : trips) {
            holding += t.holdingDays();
            if (t.pnl() > 0) {
                winners++;
                profit += t.pnl();
            } else if (t.pnl() < 0) {
                losers++;
                loss += t.pnl();
            }
        }
        int n = trips.size();
        double avgWin = winners == 0 ? Double.NaN : profit / winners;
        double avgLoss = losers == 0 ? Double.NaN : loss / losers;
        return new TradeMetrics(
                n,
                winners,
                losers,
                n == 0 ? Double.NaN : (double) winners / n,
                n == 0 ? Double.NaN : profit / Math.abs(loss),
                avgWin / Math.abs(avgLoss),
                n == 0 ? Double.NaN : holding / n,
                avgWin,
                avgLoss,
                openPositions);
    }
}
