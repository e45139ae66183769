package io.alphaweave.platform.dsl;

/**
 * A script hit one of the sandbox's limits (statements, wall clock, allocation) or tried something
 * the sandbox forbids; its context was cancelled and the host carries on.
 */
public final class SandboxViolationException extends ScriptException {
    private static final long serialVersionUID = 1L;

    /** Which limit was hit. */
    public enum Limit {
        /** More statements than {@link ScriptRuntime.Limits#statements()} in one call. */
        STATEMENTS,
        /** A call ran longer than {@link ScriptRuntime.Limits#deadline()}. */
        DEADLINE,
        /** A call allocated more than {@link ScriptRuntime.Limits#allocationBytes()}. */
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
