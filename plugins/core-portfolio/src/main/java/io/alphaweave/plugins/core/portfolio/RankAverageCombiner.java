package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.AlphaNormalizer;
import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code rank_average}: each strategy's alphas are ranked across the symbols it has a view on that
 * day (ties share their mean rank r ∈ [1, n]) and mapped to u = 2 (r − 1) / (n − 1) − 1 ∈ [−1, 1]
 * ({@link AlphaNormalizer#RANK}; n = 1 gives 0); per symbol the combined alpha is the
 * strategy-weighted mean of u over the strategies with a view, weights normalised over them as in
 * {@link WeightedCombiner}. Strategy i contributes ŵ_i · u_ij, so contributions sum exactly. Only
 * the order of each strategy's alphas matters, which makes it robust to outliers and to strategies
 * with different scales. Immutable and thread-safe.
 */
@Extension
public final class RankAverageCombiner implements SignalCombiner {
    static final ComponentInfo INFO = new ComponentInfo(
            "rank_average",
            ComponentKind.COMBINER,
            "1.0.0",
            0,
            "Average of each strategy's cross-sectional ranks, mapped to [−1, 1]",
            """
            Each strategy's alphas are ranked across the symbols it has a view on that day (ties share
            their mean rank) and mapped linearly to [−1, 1]: lowest −1, highest +1, u = 2(r−1)/(n−1) − 1.
            Per symbol, combined = strategy-weighted mean of u over the strategies with a view (weights
            normalised over them); strategy i contributes ŵ_i·u_i. Robust to outliers and scale; ignores
            conviction: a strategy's weakest long still ranks above its strongest short.
            """,
            List.of());

    /** The only configuration; PF4J instantiates this. */
    public RankAverageCombiner() {}

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public RankAverageCombiner configure(Map<String, ?> params) {
        INFO.resolve(params);
        return this;
    }

    /** @return false: only the alphas and the strategy weights count */
    @Override
    public boolean readsConfidence() {
        return false;
    }

    @Override
    public void combine(CombinerInput in, CombinerOutput out) {
        double[][] ranks = Blend.mapRows(in.alpha(), AlphaNormalizer.RANK::apply);
        double[] w = in.weights();
        Blend.weightedMean(in, out, ranks, (i, j) -> w[i]);
    }
}
