package io.alphaweave.platform.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;

/**
 * One sandboxed JavaScript context: the permissions of {@link ScriptRuntime}, its own globals and
 * console. Every entry into guest code goes through {@link #guard}, which resets the statement
 * count, registers the call with the watchdog and turns every guest failure into a {@link
 * ScriptException}. Not thread-safe: one thread at a time (a JavaScript context is single-threaded).
 */
final class Sandbox implements AutoCloseable {
    /** Host objects show the script their array elements and nothing else (no methods, no fields). */
    private static final HostAccess ARRAYS_ONLY =
            HostAccess.newBuilder(HostAccess.CONSTRAINED).allowArrayAccess(true).build();

    private final Context context;
    private final ScriptRuntime.Limits limits;
    private final Watchdog watchdog;
    private final String fileName;
    private final CappedOutput console;
    private boolean dead;

    Sandbox(
            Engine engine,
            ResourceLimits resourceLimits,
            ScriptRuntime.Limits limits,
            Watchdog watchdog,
            String fileName) {
        this.limits = limits;
        this.watchdog = watchdog;
        this.fileName = fileName;
        this.console = new CappedOutput(limits.consoleBytes());
        this.context = Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(ARRAYS_ONLY)
                .allowHostClassLookup(name -> false)
                .allowHostClassLoading(false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowInnerContextOptions(false)
                .allowValueSharing(false)
                .resourceLimits(resourceLimits)
                .timeZone(ZoneOffset.UTC)
                .in(InputStream.nullInputStream())
                .out(console)
                .err(console)
                .option("js.load", "false")
                .option("js.esm-eval-returns-exports", "true")
                .build();
    }

    /** @return the file name errors are reported against */
    String fileName() {
        return fileName;
    }

    /**
     * Evaluates a script (or an ES module when {@code module}) under the limits.
     *
     * @param name the source name shown in errors (usually the file name)
     * @param code the code
     * @param module whether {@code code} is an ES module (its namespace is returned)
     * @return the completion value or module namespace
     */
    Value eval(String name, String code, boolean module) {
        Source.Builder b = Source.newBuilder("js", code, name);
        if (module) {
            b.mimeType("application/javascript+module");
        }
        Source source = b.buildLiteral();
        return guard(() -> context.eval(source));
    }

    /**
     * Runs host code that enters the guest (calls, reads of guest values) under the limits.
     *
     * @param body the work
     * @param <T> its result type
     * @return the result
     */
    <T> T guard(Supplier<T> body) {
        if (dead) {
            throw new ScriptException(fileName, 0, 0, "the script's sandbox was cancelled by an earlier violation");
        }
        context.resetLimits();
        Watchdog.Watch watch = watchdog.start(context, limits.deadline().toNanos(), limits.allocationBytes());
        try {
            T result = body.get();
            watchdog.stop(watch);
            if (watch.violation != null) {
                throw violation(watch, null);
            }
            return result;
        } catch (PolyglotException e) {
            watchdog.stop(watch);
            throw translate(e, watch);
        } catch (IllegalStateException e) {
            watchdog.stop(watch);
            // the watchdog closed the context between two guest entries
            if (watch.violation != null) {
                throw violation(watch, null);
            }
            throw e;
        }
    }

    /** @return the captured console output (capped), e.g. for a validation report */
    String console() {
        return console.text();
    }

    private ScriptException translate(PolyglotException e, Watchdog.Watch watch) {
        if (watch.violation != null) {
            return violation(watch, e);
        }
        String msg = String.valueOf(e.getMessage());
        if (e.isCancelled() || e.isResourceExhausted()) {
            dead = true;
            int[] at = userFrame(e);
            if (msg.contains("Statement count limit")) {
                return new SandboxViolationException(
                        fileName,
                        at[0],
                        at[1],
                        SandboxViolationException.Limit.STATEMENTS,
                        "the script executed more than " + limits.statements()
                                + " statements in one call (an endless loop?); bound its loops");
            }
            return new SandboxViolationException(
                    fileName,
                    at[0],
                    at[1],
                    SandboxViolationException.Limit.ALLOCATION,
                    "the script exhausted a resource (" + msg + "); allocate less");
        }
        SourceSection at = e.getSourceLocation();
        String file = at != null && at.getSource() != null ? at.getSource().getName() : fileName;
        int line = at != null && at.isAvailable() ? at.getStartLine() : 0;
        int column = at != null && at.isAvailable() ? at.getStartColumn() : 0;
        if (at == null) {
            // the innermost guest frame says where a host-side failure was triggered from
            for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
                if (f.isGuestFrame() && f.getSourceLocation() != null) {
                    SourceSection s = f.getSourceLocation();
                    file = s.getSource().getName();
                    line = s.getStartLine();
                    column = s.getStartColumn();
                    break;
                }
            }
        }
        if (e.isSyntaxError()) {
            return new ScriptException(file, line, column, "syntax error: " + msg);
        }
        if (msg.contains("Maximum call stack size exceeded")) {
            return new SandboxViolationException(
                    file,
                    line,
                    column,
                    SandboxViolationException.Limit.STACK,
                    "the script recursed too deeply (" + msg + "); bound its recursion");
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            return new ScriptException(file, line, column, "the host rejected a value: " + host.getMessage());
        }
        if (e.isInternalError()) {
            dead = true;
            return new ScriptException(file, line, column, "the JavaScript engine failed: " + msg);
        }
        return new ScriptException(file, line, column, msg);
    }

    /**
     * @return {line, column} of the innermost guest frame in the definition's own file (not the
     *     host's drivers), or {0, 0}
     */
    private int[] userFrame(PolyglotException e) {
        if (e == null) {
            return new int[] {0, 0};
        }
        SourceSection here = e.getSourceLocation();
        if (here != null
                && here.isAvailable()
                && here.getSource() != null
                && fileName.equals(here.getSource().getName())) {
            return new int[] {here.getStartLine(), here.getStartColumn()};
        }
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            SourceSection s = f.isGuestFrame() ? f.getSourceLocation() : null;
            if (s != null
                    && s.isAvailable()
                    && s.getSource() != null
                    && fileName.equals(s.getSource().getName())) {
                return new int[] {s.getStartLine(), s.getStartColumn()};
            }
        }
        return new int[] {0, 0};
    }

    private SandboxViolationException violation(Watchdog.Watch watch, PolyglotException cause) {
        dead = true;
        int[] at = userFrame(cause);
        SandboxViolationException ex =
                switch (watch.violation) {
                    case DEADLINE ->
                        new SandboxViolationException(
                                fileName,
                                at[0],
                                at[1],
                                SandboxViolationException.Limit.DEADLINE,
                                "the script ran longer than "
                                        + limits.deadline().toMillis()
                                        + " ms in one call and was stopped (an endless loop or a catastrophic"
                                        + " regular expression?); make it cheaper");
                    case ALLOCATION ->
                        new SandboxViolationException(
                                fileName,
                                at[0],
                                at[1],
                                SandboxViolationException.Limit.ALLOCATION,
                                "the script allocated " + (watch.observed >> 20)
                                        + " MiB in one call, over the budget of " + (limits.allocationBytes() >> 20)
                                        + " MiB, and was stopped; allocate less");
                    default -> new SandboxViolationException(fileName, watch.violation, "the script was stopped");
                };
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (PolyglotException | IllegalStateException alreadyClosed) {
            // cancelled by the watchdog: nothing left to release
        }
    }

    /** Keeps the first {@code cap} bytes written and counts the rest. */
    static final class CappedOutput extends OutputStream {
        private final byte[] buf;
        private int size;
        private long dropped;

        CappedOutput(int cap) {
            this.buf = new byte[cap];
        }

        @Override
        public synchronized void write(int b) {
            if (size < buf.length) {
                buf[size++] = (byte) b;
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            int keep = Math.min(len, buf.length - size);
            System.arraycopy(b, off, buf, size, keep);
            size += keep;
            dropped += len - keep;
        }

        synchronized String text() {
            String s = new String(buf, 0, size, StandardCharsets.UTF_8);
            return dropped == 0 ? s : s + "\n[console output truncated: " + dropped + " more bytes dropped]";
        }
    }
}
