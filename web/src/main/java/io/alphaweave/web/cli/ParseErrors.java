package io.alphaweave.web.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * One line for a command line picocli could not parse: which option, the bad value, the expected
 * format and where to read more, instead of picocli's exception text and the full usage.
 */
final class ParseErrors {
    private ParseErrors() {}

    /**
     * @param ex what picocli reported
     * @return one line without a trailing newline, e.g. {@code --start: "2015/01/01" is not a date;
     *     expected yyyy-mm-dd, e.g. 2015-01-02 (see alphaweave backtest --help)}
     */
    static String oneLine(ParameterException ex) {
        CommandLine cmd = ex.getCommandLine();
        String command = cmd.getCommandSpec().qualifiedName();
        String help = " (see " + command + " --help)";
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            List<String> unmatched = u.getUnmatched();
            String first = unmatched.isEmpty() ? "?" : unmatched.get(0);
            List<String> suggestions = u.getSuggestions();
            String hint = suggestions.isEmpty() ? "" : "; did you mean " + suggestions.get(0) + "?";
            if (first.startsWith("-")) {
                return "unknown option " + first + " for " + command + hint + help;
            }
            return "unexpected argument \"" + first + "\" for " + command + hint + help;
        }
        if (ex instanceof CommandLine.MissingParameterException m
                && !m.getMissing().isEmpty()) {
            List<String> names =
                    m.getMissing().stream().map(ParseErrors::nameWithLabel).toList();
            return command + " needs " + String.join(" and ", names) + help;
        }
        ArgSpec arg = ex.getArgSpec();
        String value = ex.getValue();
        if (arg != null
                && value != null
                && ex.getMessage() != null
                && ex.getMessage().startsWith("Invalid value")) {
            return name(arg) + ": \"" + value + "\" is not " + expected(arg) + help;
        }
        if (arg != null && Map.class.isAssignableFrom(arg.type())) {
            String was = value != null
                    ? value
                    : ex.getMessage() != null && ex.getMessage().contains("but was ")
                            ? ex.getMessage().substring(ex.getMessage().lastIndexOf("but was ") + 8)
                            : null;
            return name(arg) + ": " + (was == null ? "" : "\"" + was + "\" is not ") + expected(arg) + help;
        }
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        return msg.strip().lines().findFirst().orElse(msg) + help;
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    private static String nameWithLabel(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() + " " + o.paramLabel() : arg.paramLabel();
    }

    /** The expected format, by the type the option converts to. */
    private static String expected(ArgSpec arg) {
        Class<?> type = arg.type();
        if (type == LocalDate.class) {
            return "a date; expected yyyy-mm-dd, e.g. 2015-01-02";
        }
        if (type == double.class || type == Double.class) {
            return "a number; expected digits with an optional decimal point, e.g. 100000 or 2.5";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number; expected digits, e.g. 14";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a KEY=VALUE pair; expected e.g. window=14,oversold=25";
        }
        if (type == Path.class) {
            return "a valid path";
        }
        return "a valid " + arg.paramLabel();
    }
}
