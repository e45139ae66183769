package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code proportional}: weights proportional to the combined alpha, scaled to the gross leverage:
 * w_i = L · a_i / Σ_j |a_j| (long-short) or w_i = L · max(a_i, 0) / Σ_j max(a_j, 0) (long-only).
 * Symbols without a view get 0; if no alpha is usable the book is in cash. Immutable and
 * thread-safe.
 */
@Extension
public final class ProportionalAllocator implements CapitalAllocator {
    static final ComponentInfo INFO = new ComponentInfo(
            "proportional",
            ComponentKind.ALLOCATOR,
            "1.0.0",
            0,
            "Weights proportional to the combined alpha, scaled to the gross leverage",
            """
            w_i = L·a_i / Σ|a_j| long-short, or L·max(a_i,0) / Σ max(a_j,0) long-only (L = gross leverage).
            Ignores risk: a volatile name with the same alpha gets the same weight.
            """,
            List.of());

    /** The only configuration; PF4J instantiates this. */
    public ProportionalAllocator() {}

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public ProportionalAllocator configure(Map<String, ?> params) {
        INFO.resolve(params);
        return this;
    }

    @Override
    public void allocate(AllocationContext context, double[] weights) {
        double[] alpha = context.combinedAlpha();
        boolean longOnly = context.longOnly();
        double total = 0;
        for (double a : alpha) {
            if (!Double.isNaN(a)) {
                total += longOnly ? Math.max(a, 0.0) : Math.abs(a);
            }
        }
        if (!(total > 0)) {
            return;
        }
        double scale = context.grossLeverage() / total;
        for (int i = 0; i < alpha.length; i++) {
            double a = alpha[i];
            if (!Double.isNaN(a)) {
                weights[i] = (longOnly ? Math.max(a, 0.0) : a) * scale;
            }
        }
    }
}
