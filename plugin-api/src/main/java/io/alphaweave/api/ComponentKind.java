package io.alphaweave.api;

/** The three kinds of component the SPI admits. */
public enum ComponentKind {
    /** Emits alpha signals; see {@link Strategy}. */
    STRATEGY,
    /** Combines many strategies' signals into one alpha per symbol; see {@link SignalCombiner}. */
    COMBINER,
    /** Turns combined alphas into target weights; see {@link CapitalAllocator}. */
    ALLOCATOR
}
