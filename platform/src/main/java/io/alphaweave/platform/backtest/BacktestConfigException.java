package io.alphaweave.platform.backtest;

import io.alphaweave.api.AlphaweaveException;

/** A backtest config or setup is invalid; the message names the field, the rule and the value. */
public class BacktestConfigException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** @param message the field, the rule and the value */
    public BacktestConfigException(String message) {
        super(message);
    }

    /**
     * @param message the field, the rule and the value
     * @param cause the underlying failure
     */
    public BacktestConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
