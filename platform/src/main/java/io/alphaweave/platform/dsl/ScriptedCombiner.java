package io.alphaweave.platform.dsl;

import io.alphaweave.api.CombinerInput;
import io.alphaweave.api.CombinerOutput;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.Parameters;
import io.alphaweave.api.SignalCombiner;
import java.util.Arrays;
import java.util.Map;

/**
 * A combiner defined by a file: {@code combine(input, out, params)} fills {@code out.combined} and
 * {@code out.contributions}; the host checks ranges and that contributions sum to the combined
 * alpha. Thread-safe (a sandbox per concurrent caller).
 */
final class ScriptedCombiner implements SignalCombiner {
    static final String DRIVER = """
            (function(fn, date, symbols, ids, weights, alpha, confidence, combined, contributions, pnames, pvalues) {
              const params = {};
              for (let k = 0; k < pnames.length; k++) params[pnames[k]] = pvalues[k];
              Object.freeze(params);
              fn({date, symbols, strategyIds: ids, weights, alpha, confidence}, {combined, contributions}, params);
            })""";

    private final ScriptedCall call;

    ScriptedCombiner(Definition def, Parameters params, ScriptRuntime runtime) {
        this(new ScriptedCall(def, params, runtime, DRIVER, "combine"));
    }

    private ScriptedCombiner(ScriptedCall call) {
        this.call = call;
    }

    @Override
    public ComponentInfo describe() {
        return call.definition().info();
    }

    Definition definition() {
        return call.definition();
    }

    @Override
    public SignalCombiner configure(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return this;
        }
        return new ScriptedCombiner(call.reconfigure(raw));
    }

    @Override
    public void combine(CombinerInput input, CombinerOutput output) {
        int k = input.strategyCount(), n = input.symbolCount();
        double[] combined = new double[n];
        Arrays.fill(combined, Double.NaN);
        double[][] contributions = new double[k][n];
        double[][] alpha = new double[k][], confidence = new double[k][];
        for (int i = 0; i < k; i++) {
            alpha[i] = input.alpha()[i].clone();
            confidence[i] = input.confidence()[i].clone();
        }
        call.call(
                (long) k * n,
                input.date().toString(),
                input.symbols().toArray(String[]::new),
                input.strategyIds().toArray(String[]::new),
                input.weights().clone(),
                alpha,
                confidence,
                combined,
                contributions);
        for (int s = 0; s < n; s++) {
            double c = combined[s];
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double x = contributions[i][s];
                if (!Double.isFinite(x)) {
                    throw bad(
                            "contribution of " + input.strategyIds().get(i) + " to "
                                    + input.symbols().get(s) + " was " + x + "; contributions must be finite",
                            input);
                }
                sum += x;
            }
            if (Double.isNaN(c)) {
                continue;
            }
            if (!(c >= -1.0 && c <= 1.0)) {
                throw bad("combined alpha of " + input.symbols().get(s) + " was " + c + ", outside [-1, 1]", input);
            }
            if (Math.abs(sum - c) > 1e-9) {
                throw bad(
                        "contributions to " + input.symbols().get(s) + " sum to " + sum + ", not the combined alpha "
                                + c,
                        input);
            }
        }
        System.arraycopy(combined, 0, output.combined(), 0, n);
        for (int i = 0; i < k; i++) {
            System.arraycopy(contributions[i], 0, output.contribution(i), 0, n);
        }
    }

    private ScriptException bad(String what, CombinerInput input) {
        return new ScriptException(call.definition().file(), 0, 0, "on " + input.date() + ": " + what);
    }
}
