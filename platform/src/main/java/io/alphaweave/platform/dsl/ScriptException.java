package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;

/**
 * A definition's JavaScript failed: a syntax error, a thrown error, a bad return value. The message
 * starts with {@code file:line:column} when the location is known.
 */
public class ScriptException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** The file the error is in, or {@code null} when unknown. */
    private final String file;
    /** 1-based line, or 0 when unknown. */
    private final int line;
    /** 1-based column, or 0 when unknown. */
    private final int column;
    /** The message without the location prefix. */
    private final String detail;

    /**
     * @param file the source file name, may be null
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param message what failed and how to fix it
     */
    public ScriptException(String file, int line, int column, String message) {
        super(prefix(file, line, column) + message);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = message;
    }

    /** @return the message without the {@code file:line:column} prefix */
    public String detail() {
        return detail;
    }

    /** @return the source file name, or {@code null} when unknown */
    public String file() {
        return file;
    }

    /** @return the 1-based line, 0 when unknown */
    public int line() {
        return line;
    }

    /** @return the 1-based column, 0 when unknown */
    public int column() {
        return column;
    }

    private static String prefix(String file, int line, int column) {
        if (file == null) {
            return "";
        }
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": ";
    }

    /** @return {@link ErrorCategory#COMPONENT_FAULT}: a component broke its contract or its limits */
    @Override
    public ErrorCategory category() {
        return ErrorCategory.COMPONENT_FAULT;
    }
}
