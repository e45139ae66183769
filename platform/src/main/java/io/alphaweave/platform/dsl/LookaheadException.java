package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;
import java.time.LocalDate;

/**
 * A strategy's signal for some day changed when the data was cut after that day: it used bars from
 * the future. Names the first offending day and symbol.
 */
public final class LookaheadException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** The first day whose signal depends on the future. */
    private final LocalDate day;
    /** The symbol whose signal differs on that day. */
    private final String symbol;

    /**
     * @param message what differs, where, and the rule
     * @param day the first offending day
     * @param symbol the offending symbol
     */
    public LookaheadException(String message, LocalDate day, String symbol) {
        super(message);
        this.day = day;
        this.symbol = symbol;
    }

    /** @return the first day whose signal depends on the future */
    public LocalDate day() {
        return day;
    }

    /** @return the symbol whose signal differs on that day */
    public String symbol() {
        return symbol;
    }

    /** @return {@link ErrorCategory#COMPONENT_FAULT}: a component broke its contract or its limits */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.COMPONENT_FAULT;
    }
}
