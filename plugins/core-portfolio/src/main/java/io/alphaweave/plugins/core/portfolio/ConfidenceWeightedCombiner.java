package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.ParameterSpec;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalCombiner;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code confidence_weighted}: per symbol, combined = Σ c_i · a_i / Σ c_i over the strategies with a
 * view, where c_i is the strategy's confidence on the symbol; with {@code strategy_weights = true}
 * (the default) each c_i is multiplied by the strategy's weight w_i first (with all weights 1 the two
 * coincide). Strategy i contributes c_i · a_i / Σ c. A symbol whose viewing strategies all have zero
 * (effective) confidence gets no combined alpha (NaN); a NaN confidence counts as 0. Immutable and
 * thread-safe.
 */
@Extension
public final class ConfidenceWeightedCombiner implements SignalCombiner {
    static final ComponentInfo INFO = new ComponentInfo(
            "confidence_weighted",
            ComponentKind.COMBINER,
            "1.0.0",
            0,
            "Confidence-weighted mean of the alphas: Σ c_i·a_i / Σ c_i",
            """
            Per symbol: combined = Σ c_i·a_i / Σ c_i over the strategies with a view, c_i the strategy's
            confidence on that symbol (× its strategy weight when strategy_weights is true, the default).
            Strategy i contributes c_i·a_i / Σ c. All confidences 0 → no combined alpha for that symbol.
            Works when confidences are calibrated; an over-confident strategy dominates.
            """,
            List.of(ParameterSpec.ofBoolean(
                    "strategy_weights", true, "multiply each confidence by the strategy's configured weight")));

    private final boolean strategyWeights;

    /** The default configuration (confidence × strategy weight); PF4J instantiates this. */
    public ConfidenceWeightedCombiner() {
        this(true);
    }

    private ConfidenceWeightedCombiner(boolean strategyWeights) {
        this.strategyWeights = strategyWeights;
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public ConfidenceWeightedCombiner configure(Map<String, ?> params) {
        Parameters p = INFO.resolve(params);
        return new ConfidenceWeightedCombiner(p.getBoolean("strategy_weights"));
    }

    @Override
    public void combine(CombinerInput in, CombinerOutput out) {
        double[] w = in.weights();
        Blend.weightedMean(in, out, in.alpha(), (i, j) -> (strategyWeights ? w[i] : 1.0) * Blend.confidence(in, i, j));
    }
}
