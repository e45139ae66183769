package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaweaveException;

/** A backtest's equity fell to zero or below; the message names the date and the equity. */
public class BankruptBookException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message the date, the equity and what to change */
    public BankruptBookException(String message) {
        super(message);
    }
}
