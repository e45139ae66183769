package io.alphaweave.api;

/** The legacy binary decision of a rules-mode strategy for one symbol on one bar. */
public enum TradeSignal {
    /** Go long with the symbol's whole cash sleeve if flat. */
    BUY,
    /** Close the whole long position if long. */
    SELL,
    /** Do nothing. */
    HOLD
}
