package io.alphaweave.platform.dsl;

/**
 * A script hit one of the sandbox's limits (statements, allocation, wall clock, stack); its context
 * was cancelled and the host carries on. {@link Limit#STATEMENTS} and {@link Limit#ALLOCATION} are
 * deterministic (the same file and data hit them at the same place on every run); {@link
 * Limit#DEADLINE} and {@link Limit#STACK} depend on the machine (see {@link ScriptRuntime}).
 */
public final class SandboxViolationException extends ScriptException {
    private static final long serialVersionUID = 1L;

    /** Which limit was hit. */
    public enum Limit {
        /** More statements of the definition's own code than the call's budget ({@link ScriptRuntime.Budget}). */
        STATEMENTS,
        /** A call ran longer than its wall-clock deadline (the safety net). */
        DEADLINE,
        /** The script's built-in calls created more bytes (as the script sees them) than the call's budget. */
        ALLOCATION,
        /** The script recursed deeper than the stack allows. */
        STACK
    }

    /** The limit that was hit. */
    private final Limit limit;

    /**
     * @param file the source, may be null
     * @param limit which limit
     * @param message what was exceeded, by how much, and how to fix it
     */
    public SandboxViolationException(String file, Limit limit, String message) {
        this(file, 0, 0, limit, message);
    }

    /**
     * @param file the source, may be null
     * @param line 1-based line where the script was when it was stopped, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param limit which limit
     * @param message what was exceeded, by how much, and how to fix it
     */
    public SandboxViolationException(String file, int line, int column, Limit limit, String message) {
        super(file, line, column, message);
        this.limit = limit;
    }

    /** @return the limit that was hit */
    public Limit limit() {
        return limit;
    }
}
