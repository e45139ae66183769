package io.alphaweave.plugins.core.portfolio;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.ComponentKind;
import io.alphaweave.api.SignalCombiner;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * {@code best_strategy}: per symbol, the alpha of the most confident strategy with a view and a
 * weight &gt; 0 (a weight of 0 switches a strategy off); it contributes all of it, the others 0.
 * Ties in confidence go to the strategy with the greater weight, then to the smallest strategy id
 * (lexicographic), so the result never depends on the order of the strategies. A NaN confidence
 * counts as 0. Immutable and thread-safe.
 */
@Extension
public final class BestStrategyCombiner implements SignalCombiner {
    static final ComponentInfo INFO = new ComponentInfo(
            "best_strategy",
            ComponentKind.COMBINER,
            "1.0.0",
            0,
            "Per symbol, the signal of the most confident strategy",
            """
            Per symbol, the alpha of the strategy with the highest confidence among those with a view and
            weight > 0; it contributes the whole combined alpha. Ties: greater strategy weight, then
            smallest strategy id. Good when strategies specialise; noisy when confidences are not
            comparable across strategies.
            """,
            List.of());

    /** The only configuration; PF4J instantiates this. */
    public BestStrategyCombiner() {}

    @Override
    public ComponentInfo describe() {
        return INFO;
    }

    @Override
    public BestStrategyCombiner configure(Map<String, ?> params) {
        INFO.resolve(params);
        return this;
    }

    @Override
    public void combine(CombinerInput in, CombinerOutput out) {
        int[] order = Blend.byId(in);
        double[] w = in.weights();
        double[] combined = out.combined();
        for (int j = 0; j < in.symbolCount(); j++) {
            int best = -1;
            double bestConfidence = 0;
            // id order plus strict comparisons: the first of equals (smallest id) wins
            for (int i : order) {
                if (!Blend.hasView(in, i, j) || !(w[i] > 0)) {
                    continue;
                }
                double c = Blend.confidence(in, i, j);
                if (best < 0 || c > bestConfidence || (c == bestConfidence && w[i] > w[best])) {
                    best = i;
                    bestConfidence = c;
                }
            }
            if (best >= 0) {
                double a = in.alpha()[best][j];
                out.contribution(best)[j] = a;
                combined[j] = a;
            }
        }
    }
}
