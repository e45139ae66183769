package io.alphaweave.platform.store;

/** The direction of a trade. */
public enum TradeSide {
    /** Shares bought. */
    BUY,
    /** Shares sold. */
    SELL
}
