package io.alphaweave.platform.dsl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.graalvm.polyglot.Value;

/**
 * Warm sandboxes of one component instance, reused across calls: a fresh context per call would run
 * cold (interpreted, then recompiled) code every time and dominate the cost. Isolation holds
 * because each component instance has its own pool (nothing is shared between two components), the
 * sandbox's globals and built-ins are frozen before any definition code runs ({@link
 * ScriptCode#LOCKDOWN}), and every bulk call hands the script fresh arguments. One sandbox serves
 * one thread at a time; a sandbox whose call failed is discarded, never reused. The statement
 * budget is fixed per context, so sandboxes are pooled by the work of their calls, rounded up to a
 * power of two ({@link ScriptRuntime.Limits#budget}).
 */
final class SandboxPool {
    private final Definition def;
    private final ScriptRuntime runtime;
    private final Collection<String> seriesNames;
    private final Map<String, String> driverSources;
    private final ScriptRuntime.Limits limits;
    private final Map<Long, ConcurrentLinkedDeque<Bound>> idle = new ConcurrentHashMap<>();

    /**
     * A sandbox with the definition's code bound in it.
     *
     * @param sandbox the sandbox
     * @param functions role → function
     * @param drivers driver name → driver function
     */
    record Bound(Sandbox sandbox, Map<String, Value> functions, Map<String, Value> drivers) {
        Value driver() {
            return drivers.values().iterator().next();
        }
    }

    SandboxPool(Definition def, ScriptRuntime runtime, String driverSource) {
        this(def, runtime, List.of(), Map.of("driver", driverSource));
    }

    SandboxPool(
            Definition def, ScriptRuntime runtime, Collection<String> seriesNames, Map<String, String> driverSources) {
        this.def = def;
        this.runtime = runtime;
        this.seriesNames = List.copyOf(seriesNames);
        this.driverSources = new LinkedHashMap<>(driverSources);
        this.limits = runtime.limitsFor(def.requestedLimits());
    }

    /**
     * Runs work in a warm sandbox whose budget fits a call over {@code items} items.
     *
     * @param items the work of each guest call {@code work} makes (bars, symbols, cells)
     * @param work the calls
     * @param <T> the result type
     * @return the result
     */
    <T> T with(long items, Function<Bound, T> work) {
        long bucket = ScriptRuntime.bucket(items);
        ConcurrentLinkedDeque<Bound> deque = idle.computeIfAbsent(bucket, k -> new ConcurrentLinkedDeque<>());
        Bound b = deque.pollFirst();
        if (b == null) {
            Sandbox sb = runtime.open(def.file(), limits, bucket);
            try {
                Map<String, Value> fns = ScriptCode.bind(def, sb, seriesNames, true);
                Map<String, Value> drivers = new LinkedHashMap<>();
                driverSources.forEach((name, src) -> drivers.put(name, sb.eval("<" + name + ">", src, false)));
                b = new Bound(sb, fns, drivers);
            } catch (RuntimeException e) {
                sb.close();
                throw e;
            }
        }
        try {
            T result = work.apply(b);
            deque.addFirst(b);
            return result;
        } catch (RuntimeException e) {
            b.sandbox().close();
            throw e;
        }
    }
}
