package io.alphaweave.platform.evaluation;

/**
 * Trade metrics over closed round trips ({@link RoundTrip}); a round trip wins when its net pnl
 * (after commissions) is &gt; 0 and loses when &lt; 0. Ratios are NaN (or ∞) when undefined, e.g.
 * without any round trip. Immutable.
 *
 * @param roundTrips closed round trips
 * @param winners round trips with pnl &gt; 0
 * @param losers round trips with pnl &lt; 0
 * @param winRate winners / roundTrips
 * @param profitFactor gross profit / |gross loss| of round trips
 * @param avgWinLossRatio mean winning pnl / |mean losing pnl|
 * @param avgHoldingPeriod mean trading days from entry fill to exit fill
 * @param avgWin mean winning pnl (currency)
 * @param avgLoss mean losing pnl (currency, negative)
 * @param openPositions positions still open at the end (not counted above)
 */
public record TradeMetrics(
        int roundTrips,
        int winners,
        int losers,
        double winRate,
        double profitFactor,
        double avgWinLossRatio,
        double avgHoldingPeriod,
        double avgWin,
        double avgLoss,
        int openPositions) {}
