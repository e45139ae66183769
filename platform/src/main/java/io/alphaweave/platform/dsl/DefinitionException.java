package io.alphaweave.platform.dsl;

import io.alphaweave.api.AlphaweaveException;
import java.util.List;
import java.util.Objects;

/**
 * A definition file is not acceptable: bad YAML, a schema violation, a script that does not compile
 * or misbehaves, a lookahead. Carries every problem found, each with file, line, column, a stable
 * code, a message and a hint on how to fix it.
 */
public final class DefinitionException extends AlphaweaveException {
    private static final long serialVersionUID = 1L;

    /** The problems, at least one. */
    private final transient List<Problem> problems;

    /**
     * One problem in a definition.
     *
     * @param file the file name (as given to the loader); never null
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param code a stable upper-case code, e.g. {@code YAML_DUPLICATE_KEY}, {@code SCHEMA_TYPE}
     * @param message what is wrong, naming the field and the value
     * @param hint how to fix it
     */
    public record Problem(String file, int line, int column, String code, String message, String hint) {
        /** Checks nulls and positions. */
        public Problem {
            Objects.requireNonNull(file, "file must not be null");
            Objects.requireNonNull(code, "code must not be null");
            Objects.requireNonNull(message, "message must not be null");
            hint = hint == null ? "" : hint;
            if (line < 0 || column < 0) {
                throw new IllegalArgumentException("line and column must be ≥ 0, were " + line + ", " + column);
            }
        }

        /** @return {@code file:line:column: [code] message (hint)} on one line */
        public String describe() {
            return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": [" + code + "] "
                    + message + (hint.isEmpty() ? "" : " (hint: " + hint + ")");
        }
    }

    /**
     * @param problems at least one problem; copied
     */
    public DefinitionException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found, in file order where known */
    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a DefinitionException needs at least one problem");
        }
        String first = problems.get(0).describe();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
