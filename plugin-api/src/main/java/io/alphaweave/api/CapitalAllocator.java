package io.alphaweave.api;

import java.util.Map;
import org.pf4j.ExtensionPoint;

/**
 * Turns combined alphas into target portfolio weights (fractions of equity, negative for short).
 * The portfolio manager applies constraints afterwards, so an allocator expresses intent, not
 * feasibility. Instances are immutable after {@link #configure} and may be called concurrently.
 */
public interface CapitalAllocator extends ExtensionPoint {

    /** @return the unique id, equal to {@code describe().id()} */
    default String id() {
        return describe().id();
    }

    /** @return id, version, parameters and description */
    ComponentInfo describe();

    /**
     * @param params raw parameter values by name
     * @return a configured allocator; the receiver is unchanged
     * @throws InvalidParameterException naming the parameter, the rule and the value
     */
    CapitalAllocator configure(Map<String, ?> params);

    /**
     * Computes target weights for one rebalance.
     *
     * @param context what may be known at the decision day
     * @param weights zero-filled by the host, one entry per symbol; receives finite weights with
     *     Σ|w| ≤ {@code context.grossLeverage()} and, when long-only, w ≥ 0
     */
    void allocate(AllocationContext context, double[] weights);
}
