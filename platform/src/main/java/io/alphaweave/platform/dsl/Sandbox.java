package io.alphaweave.platform.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
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
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * One sandboxed JavaScript context: the permissions of {@link ScriptRuntime}, its own globals and
 * console, and a fixed per-call {@link ScriptRuntime.Budget}. Every entry into guest code goes
 * through {@link #guard}, which resets the statement count and the allocation meter, registers the
 * call with the watchdog and turns every guest failure into a {@link ScriptException} located in
 * the user's own file. Not thread-safe: one thread at a time (a JavaScript context is
 * single-threaded).
 */
final class Sandbox implements AutoCloseable {
    /** Host objects show the script their array elements and nothing else (no methods, no fields). */
    private static final HostAccess ARRAYS_ONLY =
            HostAccess.newBuilder(HostAccess.CONSTRAINED).allowArrayAccess(true).build();

    /**
     * The statement budget counts the definition's own code (its file, or its generated expression
     * functions), not the host's drivers, prelude and meter, whose names start with {@code <}. One
     * instance: contexts of a shared engine must share the filter.
     */
    private static final Predicate<Source> USER_CODE =
            source -> !source.getName().startsWith("<");

    private static final Pattern EMBEDDED_LOCATION = Pattern.compile("^(\\w*Error: )?\\S+:\\d+:\\d+ ");

    private final Context context;
    private final ScriptRuntime.Limits limits;
    private final ScriptRuntime.Budget budget;
    private final Watchdog watchdog;
    private final String fileName;
    private final CappedOutput console;
    private final Value meterReset;
    private final Map<String, Positions> positions = new HashMap<>();
    private long meterUsed = -1;
    private boolean dead;

    /**
     * Maps a position in a generated source back into the user's file.
     */
    interface Positions {
        /**
         * @param line 1-based line in the generated source
         * @param column 1-based column there
         * @return {line, column} in the user's file, the column within the line's length; {0, 0}
         *     when the position is in generated code with no counterpart
         */
        int[] map(int line, int column);

        /**
         * @param line 1-based line in the generated source
         * @return whether the line holds the user's own text
         */
        boolean isUserLine(int line);
    }

    Sandbox(
            Engine engine,
            ScriptRuntime.Limits limits,
            ScriptRuntime.Budget budget,
            Watchdog watchdog,
            String fileName) {
        this.limits = limits;
        this.budget = budget;
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
                .resourceLimits(ResourceLimits.newBuilder()
                        .statementLimit(budget.statements(), USER_CODE)
                        .build())
                .timeZone(ZoneOffset.UTC)
                .in(InputStream.nullInputStream())
                .out(console)
                .err(console)
                .option("js.load", "false")
                .option("js.esm-eval-returns-exports", "true")
                .build();
        // the meter is installed before any other code runs, so nothing can reach the originals
        ProxyExecutable over = args -> {
            meterUsed = args[0].asLong();
            dead = true;
            context.close(true); // cancels the running call: no guest catch block can intercept it
            return null;
        };
        this.meterReset = context.eval(
                        Source.newBuilder("js", ScriptCode.METER, "<meter>").buildLiteral())
                .execute(over);
    }

    /** @return the file name errors are reported against */
    String fileName() {
        return fileName;
    }

    /** @return the budget every call in this sandbox gets */
    ScriptRuntime.Budget budget() {
        return budget;
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
        return eval(name, code, module, null);
    }

    /**
     * Evaluates generated code whose errors are reported in the user's file.
     *
     * @param name a source name unique in this sandbox
     * @param code the code
     * @param module whether {@code code} is an ES module
     * @param map where the positions of {@code name} are in the user's file, or null when {@code
     *     code} is the file itself (or host code)
     * @return the completion value or module namespace
     */
    Value eval(String name, String code, boolean module, Positions map) {
        if (map != null) {
            positions.put(name, map);
        }
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
        Watchdog.Watch watch = null;
        try {
            meterReset.execute(budget.allocationBytes());
            context.resetLimits();
            watch = watchdog.start(context, budget.deadline().toNanos());
            T result = body.get();
            watchdog.stop(watch);
            if (watch.violation != null) {
                throw violation(watch.violation, null);
            }
            return result;
        } catch (PolyglotException e) {
            stop(watch);
            throw translate(e, watch);
        } catch (IllegalStateException e) {
            stop(watch);
            // the watchdog or the meter closed the context between two guest entries
            if (watch != null && watch.violation != null) {
                throw violation(watch.violation, null);
            }
            if (meterUsed >= 0) {
                throw violation(SandboxViolationException.Limit.ALLOCATION, null);
            }
            throw e;
        }
    }

    private void stop(Watchdog.Watch watch) {
        if (watch != null) {
            watchdog.stop(watch);
        }
    }

    /** @return the captured console output (capped), e.g. for a validation report */
    String console() {
        return console.text();
    }

    private ScriptException translate(PolyglotException e, Watchdog.Watch watch) {
        if (watch != null && watch.violation != null) {
            return violation(watch.violation, e);
        }
        if (meterUsed >= 0) {
            return violation(SandboxViolationException.Limit.ALLOCATION, e);
        }
        String msg = String.valueOf(e.getMessage());
        if (e.isCancelled() || e.isResourceExhausted()) {
            dead = true;
            if (msg.contains("Statement count limit")) {
                return violation(SandboxViolationException.Limit.STATEMENTS, e);
            }
            int[] at = userFrame(e);
            return new SandboxViolationException(
                    fileName,
                    at[0],
                    at[1],
                    SandboxViolationException.Limit.ALLOCATION,
                    "the script exhausted a resource (" + firstLine(msg) + "); allocate less");
        }
        int[] at = userFrame(e);
        String text = firstLine(msg);
        if (e.isSyntaxError()) {
            // GraalJS puts the generated source's name:line:column (and the offending line) in the
            // message; the location is reported separately, in the user's file
            text = EMBEDDED_LOCATION.matcher(text).replaceFirst("");
            if (inGeneratedCode(e.getSourceLocation())) {
                // what was found there is the generated wrapper, not the user's text
                text = text.replaceFirst(" but found .*$", "") + " at the end of the expression";
            }
            return new ScriptException(fileName, at[0], at[1], "syntax error: " + text);
        }
        if (msg.contains("Maximum call stack size exceeded")) {
            dead = true;
            return new SandboxViolationException(
                    fileName,
                    at[0],
                    at[1],
                    SandboxViolationException.Limit.STACK,
                    "the script recursed too deeply (" + text + "); bound its recursion");
        }
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            return new ScriptException(fileName, at[0], at[1], "the host rejected a value: " + host.getMessage());
        }
        if (e.isInternalError()) {
            dead = true;
            return new ScriptException(fileName, at[0], at[1], "the JavaScript engine failed: " + text);
        }
        return new ScriptException(fileName, at[0], at[1], text);
    }

    private static String firstLine(String msg) {
        int nl = msg.indexOf('\n');
        return (nl < 0 ? msg : msg.substring(0, nl)).strip();
    }

    /**
     * @return {line, column} in the user's file of the innermost guest position in the user's code
     *     (the exception's own location, else its stack), or {0, 0} when the failure was in host or
     *     generated code only
     */
    private int[] userFrame(PolyglotException e) {
        if (e == null) {
            return new int[] {0, 0};
        }
        int[] here = userPosition(e.getSourceLocation());
        if (here != null) {
            return here;
        }
        for (PolyglotException.StackFrame f : e.getPolyglotStackTrace()) {
            int[] at = f.isGuestFrame() ? userPosition(f.getSourceLocation()) : null;
            if (at != null) {
                return at;
            }
        }
        return new int[] {0, 0};
    }

    private boolean inGeneratedCode(SourceSection s) {
        if (s == null || !s.isAvailable() || s.getSource() == null) {
            return false;
        }
        Positions map = positions.get(s.getSource().getName());
        return map != null && !map.isUserLine(s.getStartLine());
    }

    private int[] userPosition(SourceSection s) {
        if (s == null || !s.isAvailable() || s.getSource() == null) {
            return null;
        }
        String name = s.getSource().getName();
        Positions map = positions.get(name);
        if (map != null) {
            int[] at = map.map(s.getStartLine(), s.getStartColumn());
            return at[0] > 0 ? at : null;
        }
        if (!fileName.equals(name)) {
            return null;
        }
        int line = s.getStartLine();
        CharSequence text = s.getSource().getCharacters(line);
        return new int[] {line, Math.max(1, Math.min(s.getStartColumn(), Math.max(1, text.length())))};
    }

    private SandboxViolationException violation(SandboxViolationException.Limit limit, PolyglotException cause) {
        dead = true;
        int[] at = userFrame(cause);
        String items = budget.items() > 0 ? " (" + budget.items() + " items of work)" : "";
        String message =
                switch (limit) {
                    case DEADLINE ->
                        "the script ran longer than " + budget.deadline().toMillis()
                                + " ms in one call and was stopped (a catastrophic regular expression?); make it"
                                + " cheaper";
                    case ALLOCATION ->
                        "the script's built-in calls created " + mib(meterUsed) + " in one call" + items
                                + ", over its budget of " + mib(budget.allocationBytes())
                                + ", and it was stopped; allocate less, or raise limits.allocation_bytes /"
                                + " allocation_bytes_per_item";
                    case STATEMENTS ->
                        "the script executed more than " + budget.statements() + " statements in one call" + items
                                + " (an endless loop?); bound its loops, or raise limits.statements /"
                                + " statements_per_item";
                    default -> "the script was stopped";
                };
        SandboxViolationException ex = new SandboxViolationException(fileName, at[0], at[1], limit, message);
        if (cause != null) {
            ex.initCause(cause);
        }
        return ex;
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 20)
                ? String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20))
                : bytes + " bytes";
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
