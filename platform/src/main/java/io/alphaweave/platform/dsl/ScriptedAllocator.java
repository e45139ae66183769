package io.alphaweave.platform.dsl;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.Parameters;
import java.util.Map;

/**
 * An allocator defined by a file: {@code allocate(ctx, weights, params)} fills {@code weights};
 * {@code ctx} has {@code date}, {@code symbols}, {@code sectors}, {@code combinedAlpha}, {@code
 * longOnly}, {@code grossLeverage} and {@code volatility} (trailing daily σ over {@code vol_window}
 * returns, 20 unless the definition declares that parameter). The host checks the weights are
 * finite, within the gross leverage and non-negative when long-only. Thread-safe.
 */
final class ScriptedAllocator implements CapitalAllocator {
    static final String DRIVER = """
            (function(fn, date, symbols, sectors, alpha, longOnly, gross, vol, weights, pnames, pvalues) {
              const params = {};
              for (let k = 0; k < pnames.length; k++) params[pnames[k]] = pvalues[k];
              Object.freeze(params);
              fn({date, symbols, sectors, combinedAlpha: alpha, longOnly, grossLeverage: gross, volatility: vol}, weights, params);
            })""";

    private final ScriptedCall call;

    ScriptedAllocator(Definition def, Parameters params, ScriptRuntime runtime) {
        this(new ScriptedCall(def, params, runtime, DRIVER, "allocate"));
    }

    private ScriptedAllocator(ScriptedCall call) {
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
    public CapitalAllocator configure(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return this;
        }
        return new ScriptedAllocator(call.reconfigure(raw));
    }

    @Override
    public void allocate(AllocationContext ctx, double[] weights) {
        int n = weights.length;
        double[] w = new double[n];
        int window = call.parameters().values().containsKey("vol_window")
                ? call.parameters().getInt("vol_window")
                : 20;
        double[] vol = ctx.trailingVolatility(window);
        String[] symbols = ctx.data().symbols().toArray(String[]::new);
        String[] sectors = new String[n];
        for (int s = 0; s < n; s++) {
            sectors[s] = ctx.data().sector(s);
        }
        call.call(
                n,
                ctx.date().toString(),
                symbols,
                sectors,
                ctx.combinedAlpha().clone(),
                ctx.longOnly(),
                ctx.grossLeverage(),
                vol,
                w);
        double gross = 0;
        for (int s = 0; s < n; s++) {
            if (!Double.isFinite(w[s])) {
                throw bad(ctx, "weight of " + symbols[s] + " was " + w[s] + "; weights must be finite");
            }
            if (ctx.longOnly() && w[s] < 0) {
                throw bad(ctx, "weight of " + symbols[s] + " was " + w[s] + " in a long-only book; use 0 instead");
            }
            gross += Math.abs(w[s]);
        }
        if (gross > ctx.grossLeverage() + 1e-9) {
            throw bad(
                    ctx,
                    "Σ|w| was " + gross + ", over the gross leverage " + ctx.grossLeverage() + "; scale the weights");
        }
        System.arraycopy(w, 0, weights, 0, n);
    }

    private ScriptException bad(AllocationContext ctx, String what) {
        return new ScriptException(call.definition().file(), 0, 0, "on " + ctx.date() + ": " + what);
    }
}
