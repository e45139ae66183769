package io.alphaweave.platform.dsl;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;

/**
 * The GraalJS runtime that definition scripts run in: one shared {@link Engine} (so compiled code
 * is cached across scripts) and, per component instance, a pool of warm sandboxed contexts with
 * frozen globals (see {@code SandboxPool}). Thread-safe.
 *
 * <p>What the sandbox enforces, and how:
 *
 * <ul>
 *   <li>no host class lookup or loading, no IO, threads, processes, environment, native access,
 *       other languages or polyglot eval — context builder permissions under {@link
 *       SandboxPolicy#CONSTRAINED}, which also validates the configuration; host objects expose
 *       array elements only;
 *   <li>a statement budget per call — {@link ResourceLimits#newBuilder()} {@code statementLimit},
 *       reset before every call: the guest's own statements, counted by the language, the same on
 *       every run whatever the JIT has compiled;
 *   <li>an allocation budget per call — the bytes the script's built-in calls create as the script
 *       sees them (8 per array element or iterated value, 2 per string character, a typed array's
 *       byte length), counted by wrappers around the allocating built-ins installed before the
 *       globals are frozen; deterministic, unlike the JVM's per-thread allocation counter, which
 *       also counts the interpreter's boxing and depends on what has been compiled;
 *   <li>console output captured per context and capped at {@link Limits#consoleBytes()};
 *   <li>a wall-clock deadline per call, a safety net for work no counter sees (a backtracking
 *       regular expression): the only limit whose verdict can depend on the machine and its load,
 *       so it is set far above what the statement budget allows ({@link Budget#deadline()}).
 * </ul>
 *
 * <p>Budgets scale with the work of a call: a call over {@code u} items (bars of a strategy batch,
 * symbols of an allocator call, strategy × symbol cells of a combiner call) gets {@link
 * Limits#statements()} plus {@link Limits#statementsPerItem()} for each item, the item count rounded
 * up to a power of two (so a handful of warm contexts serve every call size; the statement limit is
 * fixed per context). A definition may ask for more in its {@code limits} block, up to the
 * operator's {@linkplain #ceiling() ceiling}.
 *
 * <p>Not enforced: the depth of recursion is bounded by the thread's stack, and where it overflows
 * depends on frame sizes (interpreted or compiled), so a script recursing thousands deep may pass
 * on one run and fail on another; keep recursion shallow. Hard memory isolation needs a separate
 * process.
 */
public final class ScriptRuntime implements AutoCloseable {
    /** Nanoseconds of wall clock a call is given per statement of its budget, on top of the base deadline. */
    static final long DEADLINE_NANOS_PER_STATEMENT = 1_000;

    private static volatile ScriptRuntime shared;

    private final Engine engine;
    private final Limits limits;
    private final Limits ceiling;
    private final Watchdog watchdog;
    private final ByteArrayOutputStream engineLog = new ByteArrayOutputStream();

    /**
     * The limits of sandboxed calls, before scaling by the work of a call.
     *
     * @param statements guest statements per call, ≥ 1
     * @param statementsPerItem further statements per item of work in the call, ≥ 0
     * @param allocationBytes bytes the script's built-in calls may create per call, ≥ 1 KiB
     * @param allocationBytesPerItem further bytes per item of work, ≥ 0
     * @param consoleBytes console output kept per context, ≥ 0; the rest is dropped
     * @param deadline base wall-clock time per call (the safety net), positive; a call gets {@link
     *     #DEADLINE_NANOS_PER_STATEMENT} more per statement of its budget
     */
    public record Limits(
            long statements,
            long statementsPerItem,
            long allocationBytes,
            long allocationBytesPerItem,
            int consoleBytes,
            Duration deadline) {
        /**
         * The defaults: 10 M statements + 2 000 per item, 256 MiB + 1 KiB per item, 64 KiB of console
         * output and a 60 s base deadline per call.
         */
        public static final Limits DEFAULT =
                new Limits(10_000_000L, 2_000L, 256L << 20, 1L << 10, 64 << 10, Duration.ofSeconds(60));

        /**
         * The default ceiling on what a definition may ask for: 20 × the default statements (base and
         * per item), 8 × the default allocations, 1 MiB of console; the deadline is not requestable.
         */
        public static final Limits DEFAULT_CEILING =
                new Limits(200_000_000L, 40_000L, 2L << 30, 8L << 10, 1 << 20, Duration.ofSeconds(60));

        /** The fields a definition's {@code limits} block may set, by their name there. */
        public static final List<String> REQUESTABLE = List.of(
                "statements", "statements_per_item", "allocation_bytes", "allocation_bytes_per_item", "console_bytes");

        /** Validates every limit. */
        public Limits {
            Objects.requireNonNull(deadline, "deadline must not be null");
            if (statements < 1) {
                throw new IllegalArgumentException("statements must be ≥ 1, was " + statements);
            }
            if (statementsPerItem < 0) {
                throw new IllegalArgumentException("statementsPerItem must be ≥ 0, was " + statementsPerItem);
            }
            if (allocationBytes < (1L << 10)) {
                throw new IllegalArgumentException("allocationBytes must be ≥ 1 KiB, was " + allocationBytes);
            }
            if (allocationBytesPerItem < 0) {
                throw new IllegalArgumentException("allocationBytesPerItem must be ≥ 0, was " + allocationBytesPerItem);
            }
            if (consoleBytes < 0) {
                throw new IllegalArgumentException("consoleBytes must be ≥ 0, was " + consoleBytes);
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
        }

        /**
         * Limits with per-call budgets only (nothing per item), e.g. for tests.
         *
         * @param statements statements per call
         * @param deadline base deadline per call
         * @param allocationBytes bytes per call
         * @param consoleBytes console bytes kept
         * @return the limits
         */
        public static Limits perCall(long statements, Duration deadline, long allocationBytes, int consoleBytes) {
            return new Limits(statements, 0, allocationBytes, 0, consoleBytes, deadline);
        }

        /** @return these limits as {@code limits}-block field → value, in {@link #REQUESTABLE} order */
        public Map<String, Long> requestable() {
            Map<String, Long> m = new LinkedHashMap<>();
            m.put("statements", statements);
            m.put("statements_per_item", statementsPerItem);
            m.put("allocation_bytes", allocationBytes);
            m.put("allocation_bytes_per_item", allocationBytesPerItem);
            m.put("console_bytes", (long) consoleBytes);
            return m;
        }

        /**
         * The budget of one call.
         *
         * @param items the work of the call (bars, symbols, cells), ≥ 0; rounded up to a power of two
         * @return statements, allocation and deadline for that call
         */
        public Budget budget(long items) {
            long units = bucket(items);
            long st = saturatingAdd(statements, saturatingMul(statementsPerItem, units));
            long bytes = saturatingAdd(allocationBytes, saturatingMul(allocationBytesPerItem, units));
            Duration dl = deadline.plusNanos(Math.min(
                    saturatingMul(st, DEADLINE_NANOS_PER_STATEMENT),
                    Duration.ofDays(1).toNanos()));
            return new Budget(units, st, bytes, dl);
        }

        private Limits with(Map<String, Long> requested) {
            Map<String, Long> m = requestable();
            m.putAll(requested);
            return new Limits(
                    m.get("statements"),
                    m.get("statements_per_item"),
                    m.get("allocation_bytes"),
                    m.get("allocation_bytes_per_item"),
                    Math.toIntExact(m.get("console_bytes")),
                    deadline);
        }
    }

    /**
     * The budget of one call, from {@link Limits#budget(long)}.
     *
     * @param items the item count the budget was scaled by (a power of two, or 0)
     * @param statements guest statements the call may execute
     * @param allocationBytes bytes its built-in calls may create
     * @param deadline wall-clock time it may take (the safety net)
     */
    public record Budget(long items, long statements, long allocationBytes, Duration deadline) {}

    /** A definition asked for more than the operator's ceiling allows, or for an unknown limit. */
    public static final class LimitRequestException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        /** The {@code limits} field at fault. */
        private final String field;

        LimitRequestException(String field, String message) {
            super(message);
            this.field = field;
        }

        /** @return the {@code limits} field at fault, e.g. {@code statements_per_item} */
        public String field() {
            return field;
        }
    }

    /**
     * A runtime with the default ceiling ({@link Limits#DEFAULT_CEILING}, raised to {@code limits}
     * where those are higher).
     *
     * @param limits the per-call limits every definition gets unless it asks for more
     */
    public ScriptRuntime(Limits limits) {
        this(limits, max(limits, Limits.DEFAULT_CEILING));
    }

    /**
     * A runtime with its own engine and watchdog; close it when done.
     *
     * @param limits the per-call limits every definition gets unless it asks for more
     * @param ceiling the most a definition may ask for in its {@code limits} block; each field ≥ the
     *     same field of {@code limits}
     */
    public ScriptRuntime(Limits limits, Limits ceiling) {
        this(limits, ceiling, System::nanoTime);
    }

    ScriptRuntime(Limits limits, Limits ceiling, LongSupplier nanoClock) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.ceiling = Objects.requireNonNull(ceiling, "ceiling must not be null");
        Map<String, Long> l = limits.requestable(), c = ceiling.requestable();
        for (String field : Limits.REQUESTABLE) {
            if (l.get(field) > c.get(field)) {
                throw new IllegalArgumentException(
                        "ceiling " + field + " must be ≥ the default " + l.get(field) + ", was " + c.get(field));
            }
        }
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(engineLog)
                .err(engineLog)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.watchdog = new Watchdog(nanoClock);
    }

    /** @return the process-wide runtime with {@link Limits#DEFAULT}, created on first use */
    public static ScriptRuntime shared() {
        ScriptRuntime r = shared;
        if (r == null) {
            synchronized (ScriptRuntime.class) {
                r = shared;
                if (r == null) {
                    r = new ScriptRuntime(Limits.DEFAULT);
                    shared = r;
                }
            }
        }
        return r;
    }

    /** @return the limits every definition gets unless it asks for more */
    public Limits limits() {
        return limits;
    }

    /** @return the most a definition may ask for */
    public Limits ceiling() {
        return ceiling;
    }

    /**
     * The limits of a definition that asks for {@code requested}.
     *
     * @param requested {@code limits}-block field → value; fields from {@link Limits#REQUESTABLE}
     * @return the defaults with the requested fields replaced
     * @throws LimitRequestException naming the field, the value and the ceiling when a request is
     *     unknown, below the minimum or above the ceiling
     */
    public Limits limitsFor(Map<String, Long> requested) {
        if (requested.isEmpty()) {
            return limits;
        }
        Map<String, Long> c = ceiling.requestable();
        List<String> problems = new ArrayList<>();
        String first = null;
        for (Map.Entry<String, Long> e : requested.entrySet()) {
            String f = e.getKey();
            long v = e.getValue();
            Long max = c.get(f);
            String problem = null;
            if (max == null) {
                problem = "limits." + f + " is not a limit; use one of " + Limits.REQUESTABLE;
            } else if (v > max) {
                problem = "limits." + f + " asks for " + v + ", over the ceiling of " + max
                        + " the operator set; ask for at most " + max;
            } else if (v < (f.equals("statements") ? 1 : f.equals("allocation_bytes") ? 1024 : 0)) {
                problem = "limits." + f + " must be ≥ "
                        + (f.equals("statements") ? 1 : f.equals("allocation_bytes") ? 1024 : 0) + ", was " + v;
            }
            if (problem != null) {
                problems.add(problem);
                first = first == null ? f : first;
            }
        }
        if (!problems.isEmpty()) {
            throw new LimitRequestException(first, String.join("; ", problems));
        }
        return limits.with(requested);
    }

    /**
     * @return the Truffle runtime's name, e.g. {@code Interpreted} or a compiler name such as {@code
     *     GraalVM CE}
     */
    public String implementationName() {
        return engine.getImplementationName();
    }

    /** @return whether scripts are compiled to machine code (the optimizing runtime is active) */
    public boolean optimizing() {
        return !implementationName().toLowerCase(java.util.Locale.ROOT).contains("interpreted");
    }

    /**
     * Opens a fresh sandbox with the default limits and the budget of a call over no items.
     *
     * @param fileName the definition's file name, used in error messages
     * @return the sandbox; close it after use
     */
    Sandbox open(String fileName) {
        return open(fileName, limits, 0);
    }

    /**
     * Opens a fresh sandbox for one component; nothing is shared with any other sandbox.
     *
     * @param fileName the definition's file name, used in error messages
     * @param effective the definition's limits ({@link #limitsFor})
     * @param items the work of each call the sandbox will serve (its budget is fixed)
     * @return the sandbox; close it after use
     */
    Sandbox open(String fileName, Limits effective, long items) {
        return new Sandbox(engine, effective, effective.budget(items), watchdog, fileName);
    }

    @Override
    public void close() {
        watchdog.close();
        engine.close(true);
    }

    /** @return {@code items} rounded up to a power of two (0 stays 0) */
    static long bucket(long items) {
        if (items < 0) {
            throw new IllegalArgumentException("items must be ≥ 0, was " + items);
        }
        return items <= 1 ? items : Long.highestOneBit(items - 1) << 1;
    }

    private static Limits max(Limits a, Limits b) {
        return new Limits(
                Math.max(a.statements(), b.statements()),
                Math.max(a.statementsPerItem(), b.statementsPerItem()),
                Math.max(a.allocationBytes(), b.allocationBytes()),
                Math.max(a.allocationBytesPerItem(), b.allocationBytesPerItem()),
                Math.max(a.consoleBytes(), b.consoleBytes()),
                a.deadline());
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    private static long saturatingMul(long a, long b) {
        long hi = Math.multiplyHigh(a, b);
        long lo = a * b;
        return hi != 0 || lo < 0 ? Long.MAX_VALUE : lo;
    }
}
