package io.alphaweave.platform.portfolio;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;

/**
 * A combiner or allocator broke its SPI contract (e.g. contributions that do not sum to the combined
 * alpha, a NaN weight, weight on a symbol without a view). The message names the component, the
 * date, the symbol and the numbers.
 */
public class ComponentContractException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the component, the rule broken and the values
     */
    public ComponentContractException(String message) {
        super(message);
    }

    /** @return {@link ErrorCategory#COMPONENT_FAULT}: a component broke its contract or its limits */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.COMPONENT_FAULT;
    }
}
