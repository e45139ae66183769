package io.alphaweave.platform.dsl;

import io.alphaweave.api.AllocationContext;
import io.alphaweave.api.CapitalAllocator;
import io.alphaweave.api.ComponentInfo;
import io.alphaweave.api.Parameters;
import java.util.Arrays;
import java.util.Map;
import org.graalvm.polyglot.Value;

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

    private final Definition def;
    private final Parameters params;
    private final ScriptRuntime runtime;
    private final SandboxPool pool;

    ScriptedAllocator(Definition def, Parameters params, ScriptRuntime runtime) {
        this.def = def;
        this.params = params;
        this.runtime = runtime;
        this.pool = new SandboxPool(def, runtime, DRIVER);
    }

    @Override
    public ComponentInfo describe() {
        return def.info();
    }

    Definition definition() {
        return def;
    }

    @Override
    public CapitalAllocator configure(Map<String, ?> raw) {
        if (raw == null || raw.isEmpty()) {
            return this;
        }
        return new ScriptedAllocator(def, def.reconfigure(params, raw), runtime);
    }

    @Override
    public void allocate(AllocationContext ctx, double[] weights) {
        int n = weights.length;
        double[] w = new double[n];
        int window = params.values().containsKey("vol_window") ? params.getInt("vol_window") : 20;
        double[] vol = ctx.trailingVolatility(window);
        String[] symbols = ctx.data().symbols().toArray(String[]::new);
        String[] sectors = new String[n];
        for (int s = 0; s < n; s++) {
            sectors[s] = ctx.data().sector(s);
        }
        String[] pnames = params.values().keySet().toArray(String[]::new);
        Object[] pvalues = Arrays.stream(pnames).map(params.values()::get).toArray();
        pool.with(b -> {
            Value fn = b.functions().get("allocate");
            if (fn == null) {
                throw new ScriptException(def.file(), 0, 0, "defines no allocate function");
            }
            return b.sandbox().guard(() -> b.driver()
                    .execute(
                            fn,
                            ctx.date().toString(),
                            symbols,
                            sectors,
                            ctx.combinedAlpha().clone(),
                            ctx.longOnly(),
                            ctx.grossLeverage(),
                            vol,
                            w,
                            pnames,
                            pvalues));
        });
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
        return new ScriptException(def.file(), 0, 0, "on " + ctx.date() + ": " + what);
    }
}
