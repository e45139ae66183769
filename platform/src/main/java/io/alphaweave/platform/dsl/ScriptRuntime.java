package io.alphaweave.platform.dsl;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Objects;
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
 *   <li>a statement limit per call — {@link ResourceLimits#newBuilder()} {@code statementLimit},
 *       reset before every call;
 *   <li>a wall-clock deadline per call and an allocation budget per call (bytes allocated by the
 *       calling thread, from {@code com.sun.management.ThreadMXBean}) — a watchdog thread polls
 *       every running call and cancels its context with {@code close(true)};
 *   <li>console output captured per context and capped at {@link Limits#consoleBytes()}.
 * </ul>
 */
public final class ScriptRuntime implements AutoCloseable {
    private static volatile ScriptRuntime shared;

    private final Engine engine;
    private final Limits limits;
    private final ResourceLimits resourceLimits;
    private final Watchdog watchdog;
    private final ByteArrayOutputStream engineLog = new ByteArrayOutputStream();

    /**
     * The limits of one sandboxed call.
     *
     * @param statements guest statements per call, ≥ 1
     * @param deadline wall-clock time per call, positive
     * @param allocationBytes bytes the calling thread may allocate per call, ≥ 1 MiB
     * @param consoleBytes console output kept per context, ≥ 0; the rest is dropped
     */
    public record Limits(long statements, Duration deadline, long allocationBytes, int consoleBytes) {
        /** The defaults: 50 M statements, 30 s, 512 MiB and 64 KiB of console output per call. */
        public static final Limits DEFAULT = new Limits(50_000_000L, Duration.ofSeconds(30), 512L << 20, 64 << 10);

        /** Validates every limit. */
        public Limits {
            Objects.requireNonNull(deadline, "deadline must not be null");
            if (statements < 1) {
                throw new IllegalArgumentException("statements must be ≥ 1, was " + statements);
            }
            if (deadline.isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("deadline must be positive, was " + deadline);
            }
            if (allocationBytes < (1L << 20)) {
                throw new IllegalArgumentException("allocationBytes must be ≥ 1 MiB, was " + allocationBytes);
            }
            if (consoleBytes < 0) {
                throw new IllegalArgumentException("consoleBytes must be ≥ 0, was " + consoleBytes);
            }
        }
    }

    /**
     * A runtime with its own engine and watchdog; close it when done.
     *
     * @param limits the per-call limits
     */
    public ScriptRuntime(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits must not be null");
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(engineLog)
                .err(engineLog)
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.resourceLimits = ResourceLimits.newBuilder()
                .statementLimit(limits.statements(), null)
                .build();
        this.watchdog = new Watchdog();
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

    /** @return the limits every call runs under */
    public Limits limits() {
        return limits;
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
     * Opens a fresh sandbox for one component; nothing is shared with any other sandbox.
     *
     * @param fileName the definition's file name, used in error messages
     * @return the sandbox; close it after use
     */
    Sandbox open(String fileName) {
        return new Sandbox(engine, resourceLimits, limits, watchdog, fileName);
    }

    @Override
    public void close() {
        watchdog.close();
        engine.close(true);
    }
}
