package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AlphaNormalizer;
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
 * {@code weighted} (the default combiner): per symbol, the strategy-weighted mean of the alphas of
 * the strategies that have a view on it, the weights normalised over those strategies only:
 * combined_j = Σ_{i with a view} w_i · a_ij / Σ_{i with a view} w_i; strategy i contributes w_i ·
 * a_ij / Σ w.
 *
 * <p><b>Weight 0 switches a strategy off.</b> A symbol whose viewing strategies all have weight 0
 * gets no combined alpha: {@code NaN}, the SPI's "no view" — not an error and not a neutral 0. The
 * output is then exactly what it would be if the weight-0 strategies had no view at all (or were
 * not in the config): the allocators give the symbol no weight and the IC leaves it out of that
 * day's cross-section. A 0 would instead put the symbol into both as a neutral view that no
 * weighted strategy holds. The contributions of the weight-0 strategies are 0.
 *
 * <p>With {@code zscore = true}, each strategy's alphas are first z-scored across the symbols it has
 * a view on that day ({@link AlphaNormalizer#Z_SCORE}: (a − mean) / σ_population / 3, clipped to
 * [−1, 1]; σ = 0 gives 0), so strategies with different alpha scales count alike. Immutable and
 * thread-safe.
 */
@Extension
public final class WeightedCombiner implements SignalCombiner {
    static final ComponentInfo INFO = new ComponentInfo(
            "weighted",
            ComponentKind.COMBINER,
            "1.0.0",
            0,
            "Strategy-weighted mean of the alphas, weights normalised over the strategies with a view",
            """
            Per symbol: combined = Σ w_i·a_i / Σ w_i over the strategies with a view (non-NaN alpha) on it;
            strategy i contributes w_i·a_i / Σ w_i. A strategy without a view neither counts nor dilutes.
            Weight 0 switches a strategy off: a symbol whose viewing strategies all have weight 0 gets no
            combined alpha (NaN = no view, as if those strategies were absent; allocators skip it).
            zscore: first z-score each strategy's alphas across its symbols that day
            ((a − mean)/σ_population/3, clipped to [−1, 1]) so that scales are comparable.
            """,
            List.of(ParameterSpec.ofBoolean(
                    "zscore", false, "z-score each strategy's alphas across symbols per day before combining")));

    private final boolean zscore;

    /** The default configuration (no z-scoring); PF4J instantiates this. */
    public WeightedCombiner() {
        this(false);
    }

    private WeightedCombiner(boolean zscore) {
        this.zscore = zscore;
    }

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public WeightedCombiner configure(Map<String, ?> params) {
        Parameters p = INFO.resolve(params);
        return new WeightedCombiner(p.getBoolean("zscore"));
    }

    /** @return false: only the alphas and the strategy weights count */
    @Override
    public boolean readsConfidence() {
        return false;
    }

    @Override
    public void combine(CombinerInput in, CombinerOutput out) {
        double[][] values = zscore ? Blend.mapRows(in.alpha(), AlphaNormalizer.Z_SCORE::apply) : in.alpha();
        double[] w = in.weights();
        Blend.weightedMean(in, out, values, (i, j) -> w[i]);
    }
}
