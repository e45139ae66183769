package io.alphaweave.api;

/**
 * Whose fault a failure is, which decides how every front end reports it (DESIGN §7): the CLI's exit
 * code, the HTTP status. Each front end maps the three categories in one table.
 */
public enum ErrorCategory {
    /** The user's input is wrong: a file, a config field, a flag, a parameter (CLI exit 2, HTTP 4xx). */
    BAD_INPUT,
    /**
     * A component — a plugin or a definition's script — broke its contract or its limits (CLI exit 3,
     * HTTP 422 on submissions, 500 otherwise).
     */
    COMPONENT_FAULT,
    /** Anything else: a bug or an environment failure (CLI exit 1, HTTP 500). */
    INTERNAL;

    /**
     * The category of any failure: an {@link AlphaweaveException} says its own, anything else is
     * {@link #INTERNAL}.
     *
     * @param failure the failure, not null
     * @return its category
     */
    public static ErrorCategory of(Throwable failure) {
        return failure instanceof AlphaweaveException a ? a.category() : INTERNAL;
    }
}
