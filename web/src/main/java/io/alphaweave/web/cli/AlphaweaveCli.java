package io.alphaweave.web.cli;

import io.alphaweave.api.AlphaweaveException;
import io.alphaweave.api.ErrorCategory;
import io.alphaweave.platform.registry.UnknownComponentException;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code alphaweave} command line: builds the picocli command tree and runs it with one error
 * policy — a user error prints one line (what, where, how to fix) and exits non-zero; the stack
 * trace only with {@code --verbose}.
 */
public final class AlphaweaveCli {
    /** Exit code for bad input (file, config, parameter). */
    public static final int EXIT_USAGE = 2;
    /** Exit code for a component (plugin or script) that broke its contract or its limits. */
    public static final int EXIT_COMPONENT = 3;
    /** Exit code for an unexpected internal failure. */
    public static final int EXIT_FAILURE = 1;
    /** The application version. */
    public static final String VERSION = "0.1.0";

    /** The one table from an error's category to the process exit code (DESIGN §7). */
    static final Map<ErrorCategory, Integer> EXIT_CODES = new EnumMap<>(Map.of(
            ErrorCategory.BAD_INPUT, EXIT_USAGE,
            ErrorCategory.COMPONENT_FAULT, EXIT_COMPONENT,
            ErrorCategory.INTERNAL, EXIT_FAILURE));

    /**
     * @param failure any failure
     * @return the exit code of its category
     */
    public static int exitCode(Throwable failure) {
        return EXIT_CODES.get(ErrorCategory.of(failure));
    }

    private AlphaweaveCli() {}

    /**
     * Runs the CLI.
     *
     * @param args command-line arguments
     * @param extraCommands further subcommands contributed by the application (e.g. {@code serve})
     * @param out standard output
     * @param err standard error
     * @return the process exit code
     */
    public static int run(String[] args, List<Object> extraCommands, PrintWriter out, PrintWriter err) {
        CommandLine cmd = commandTree(extraCommands);
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            err.println("error: " + ParseErrors.oneLine(ex));
            if (List.of(arguments).contains("--verbose")) {
                ex.getCommandLine().usage(err);
            }
            err.flush();
            return EXIT_USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || (parseResult.subcommand() != null && isVerbose(parseResult));
            if (verbose) {
                ex.printStackTrace(err);
            }
            if (ex instanceof AlphaweaveException) {
                err.println("error: " + ex.getMessage() + whereLooked(ex, commandLine));
            } else {
                err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage()
                        + (verbose ? "" : " (run again with --verbose for details)"));
            }
            err.flush();
            return exitCode(ex);
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command tree without output streams or error handlers: every command, its options and
     * their help, as {@link #run} parses them.
     *
     * @param extraCommands further subcommands contributed by the application
     * @return a new tree
     */
    static CommandLine commandTree(List<Object> extraCommands) {
        CommandLine cmd = new CommandLine(new Root());
        cmd.addSubcommand(new DoctorCommand());
        cmd.addSubcommand(new MetricsCommand());
        cmd.addSubcommand(new SignalsCommand());
        cmd.addSubcommand(new DemoCommand());
        cmd.addSubcommand(new DataCommand());
        cmd.addSubcommand(new PluginsCommand());
        cmd.addSubcommand(new StrategiesCommand());
        cmd.addSubcommand(new ValidateCommand());
        cmd.addSubcommand(new SubmitCommand());
        cmd.addSubcommand(new BacktestCommand());
        cmd.addSubcommand(new ServeCommand());
        cmd.addSubcommand(new WorkerCommand());
        cmd.addSubcommand(new TokensCommand());
        cmd.addSubcommand(new RunsCommand());
        cmd.addSubcommand(new DbCommand());
        cmd.addSubcommand(new ReportCommand());
        cmd.addSubcommand(new io.alphaweave.web.mcp.McpCommand());
        for (Object extra : extraCommands) {
            cmd.addSubcommand(extra);
        }
        withHelpOptions(cmd, cmd.getCommandSpec().version());
        return cmd;
    }

    /** Every command and subcommand answers {@code --help} and {@code --version} (the root's version), not only the root. */
    private static void withHelpOptions(CommandLine cmd, String[] version) {
        for (CommandLine sub : cmd.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()
                    && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            if (sub.getCommandSpec().version().length == 0) {
                sub.getCommandSpec().version(version);
            }
            withHelpOptions(sub, version);
        }
    }

    /** An unknown component id: where the command looked for it and how to add one, from its registry options. */
    private static String whereLooked(Exception ex, CommandLine commandLine) {
        boolean unknown = false;
        for (Throwable t = ex; t != null; t = t.getCause()) {
            unknown |= t instanceof UnknownComponentException;
        }
        if (!unknown) {
            return "";
        }
        for (CommandLine.Model.CommandSpec mixin :
                commandLine.getCommandSpec().mixins().values()) {
            if (mixin.userObject() instanceof RegistryOptions options) {
                return "; " + options.whereLooked();
            }
        }
        return "";
    }

    private static boolean isVerbose(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** Options every command accepts. */
    public static final class CommonOptions {
        /** Print stack traces of failures. */
        @Option(
                names = "--verbose",
                description = "Print the full stack trace of an error.",
                scope = CommandLine.ScopeType.INHERIT)
        boolean verbose;
    }

    @Command(
            name = "alphaweave",
            mixinStandardHelpOptions = true,
            version = "alphaweave " + VERSION,
            description = {
                "Alpha signals, portfolio construction, backtests and evaluation.",
                "Docs in the repository: docs/config.md (backtest config), docs/metrics.md (metric conventions),"
                        + " docs/ic.md (information coefficient), data/sample/README.md (data files)."
            },
            subcommands = {CommandLine.HelpCommand.class})
    static final class Root implements Runnable {
        @CommandLine.Mixin
        CommonOptions common = new CommonOptions();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }
    }
}
