package io.alphaweave.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Weaves many strategies' signals of one day into one alpha per symbol and records how much each
 * strategy contributed. Must not depend on the order of strategies. Instances are immutable after
 * {@link #configure} and may be called from several threads with distinct outputs.
 */
public interface SignalCombiner extends ExtensionPoint {

    /** @return the unique id, equal to {@code describe().id()} */
    default String id() {
        return describe().id();
    }

    /** @return id, version, parameters and description */
    ComponentInfo describe();

    /**
     * @param params raw parameter values by name
     * @return a configured combiner; the receiver is unchanged
     * @throws InvalidParameterException naming the parameter, the rule and the value
     */
    SignalCombiner configure(Map<String, ?> params);

    /**
     * Combines one day.
     *
     * @param input the strategies' signals and weights for the day
     * @param output reset by the host before the call; receives combined alphas in [-1, 1] (NaN
     *     where no strategy has a view) and contributions that sum to them
     */
    void combine(CombinerInput input, CombinerOutput output);

    /**
     * Whether {@link #combine} reads the confidences. A combiner that answers {@code false} declares
     * that its output depends on the alphas and weights alone; the host may then skip gathering the
     * confidences and pass rows that are all {@code NaN} instead. The contract kit holds a combiner
     * to its answer: with every confidence replaced (by NaN or by other values) its output must stay
     * identical.
     *
     * @return {@code true} (the default) unless the output never depends on a confidence
     */
    default boolean readsConfidence() {
        return true;
    }
}
