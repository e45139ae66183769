package io.alphaweave.platform.dsl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.graalvm.polyglot.Value;

/**
 * Bound sandboxes of one component, reused across calls (a combiner or allocator is called once per
 * rebalance day; a fresh context each time would dominate). One sandbox serves one thread at a
 * time; a sandbox whose call failed is discarded, never reused.
 */
final class SandboxPool {
    private final Definition def;
    private final ScriptRuntime runtime;
    private final String driverSource;
    private final ConcurrentLinkedDeque<Bound> idle = new ConcurrentLinkedDeque<>();

    record Bound(Sandbox sandbox, Map<String, Value> functions, Value driver) {}

    SandboxPool(Definition def, ScriptRuntime runtime, String driverSource) {
        this.def = def;
        this.runtime = runtime;
        this.driverSource = driverSource;
    }

    <T> T with(Function<Bound, T> work) {
        Bound b = idle.pollFirst();
        if (b == null) {
            Sandbox sb = runtime.open(def.file());
            try {
                Map<String, Value> fns = ScriptCode.bind(def, sb, List.of());
                b = new Bound(sb, fns, sb.eval("<driver>", driverSource, false));
            } catch (RuntimeException e) {
                sb.close();
                throw e;
            }
        }
        try {
            T result = work.apply(b);
            idle.addFirst(b);
            return result;
        } catch (RuntimeException e) {
            b.sandbox().close();
            throw e;
        }
    }
}
