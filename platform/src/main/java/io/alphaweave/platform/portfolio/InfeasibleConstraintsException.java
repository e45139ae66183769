package io.alphaweave.platform.portfolio;

import io.alphaweave.api.AlphaweaveException;

/**
 * The constraints cannot all hold on a rebalance day, e.g. {@code "max_position 0.01 × 20 eligible
 * symbols = 0.20 < gross_leverage 1.0"}. The message names the constraints and the numbers.
 */
public class InfeasibleConstraintsException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the constraints, the numbers and the date
     */
    public InfeasibleConstraintsException(String message) {
        super(message);
    }
}
