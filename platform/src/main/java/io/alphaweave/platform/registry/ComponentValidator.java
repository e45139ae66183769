package io.alphaweave.platform.registry;

import io.alphaweave.api.ComponentInfo;

/**
 * A check every component must pass before the registry makes it resolvable (e.g. the lookahead
 * check of DESIGN §5). Runs on the registering thread for plugin extensions and definition-backed
 * components alike; a validator that needs the component's kind reads {@code info.kind()}.
 */
@FunctionalInterface
public interface ComponentValidator {

    /**
     * Accepts the component by returning normally, or rejects it by throwing; the registry then
     * records the entry as failed with the exception's message as the reason, and everything else
     * keeps working.
     *
     * @param component the {@link io.alphaweave.api.Strategy}, {@link io.alphaweave.api.SignalCombiner}
     *     or {@link io.alphaweave.api.CapitalAllocator}
     * @param info what {@code component.describe()} returned
     * @param source where the component comes from
     * @throws io.alphaweave.api.AlphaweaveException (or any runtime exception) to reject it, with a
     *     message naming what is wrong and where
     */
    void validate(Object component, ComponentInfo info, ComponentSource source);
}
