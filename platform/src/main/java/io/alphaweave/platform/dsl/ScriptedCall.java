package io.alphaweave.platform.dsl;

import io.alphaweave.api.Parameters;
import java.util.Arrays;
import java.util.Map;
import org.graalvm.polyglot.Value;

/**
 * One function of a definition file, called in a pooled sandbox through a driver that gets the
 * function, the call's arguments, then the resolved parameters as (names, values). The scripted
 * combiner and allocator are each one such call plus their own checks. Thread-safe (a sandbox per
 * concurrent caller).
 */
final class ScriptedCall {
    private final Definition def;
    private final Parameters params;
    private final ScriptRuntime runtime;
    private final String driver;
    private final String function;
    private final SandboxPool pool;

    /**
     * @param def the definition
     * @param params its resolved parameters
     * @param runtime where sandboxes come from
     * @param driver JavaScript source of the driver function
     * @param function the role of the definition's function to call ({@code combine}, {@code allocate})
     */
    ScriptedCall(Definition def, Parameters params, ScriptRuntime runtime, String driver, String function) {
        this.def = def;
        this.params = params;
        this.runtime = runtime;
        this.driver = driver;
        this.function = function;
        this.pool = new SandboxPool(def, runtime, driver);
    }

    Definition definition() {
        return def;
    }

    Parameters parameters() {
        return params;
    }

    /** The same call with new parameter values, validated against the definition. */
    ScriptedCall reconfigure(Map<String, ?> raw) {
        return new ScriptedCall(def, def.reconfigure(params, raw), runtime, driver, function);
    }

    /**
     * Runs the function under the sandbox's guard.
     *
     * @param items the work of the call (symbols, cells), which scales its budget
     * @param args the driver's arguments between the function and the parameters
     * @throws ScriptException if the file defines no such function, or from the script
     */
    void call(long items, Object... args) {
        String[] names = params.values().keySet().toArray(String[]::new);
        Object[] values = Arrays.stream(names).map(params.values()::get).toArray();
        pool.with(items, b -> {
            Value fn = b.functions().get(function);
            if (fn == null) {
                throw new ScriptException(def.file(), 0, 0, "defines no " + function + " function");
            }
            Object[] all = new Object[args.length + 3];
            all[0] = fn;
            System.arraycopy(args, 0, all, 1, args.length);
            all[args.length + 1] = names;
            all[args.length + 2] = values;
            return b.sandbox().guard(() -> b.driver().execute(all));
        });
    }
}
