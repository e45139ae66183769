package io.alphaweave.web;

import io.alphaweave.web.cli.AlphaweaveCli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Entry point of the {@code alphaweave} application. */
public final class Main {
    private static final String PF4J_LOG_LEVEL = "org.slf4j.simpleLogger.log.org.pf4j";

    /**
     * The run store's pool logs a lost connection as a warning with a stack trace; the store turns the
     * same failure into the one line the CLI prints, so the pool is silent unless --verbose.
     */
    private static final String POOL_LOG_LEVEL = "org.slf4j.simpleLogger.log.com.zaxxer.hikari";

    /**
     * The run store's migrations and the HTTP server log INFO lines on every start; the CLI prints what
     * matters itself (warnings still show, INFO with --verbose).
     */
    private static final List<String> QUIET_LOGGERS = List.of(
            "org.slf4j.simpleLogger.log.org.flywaydb",
            "org.slf4j.simpleLogger.log.io.javalin",
            "org.slf4j.simpleLogger.log.org.eclipse.jetty",
            // alphaweave mcp: stdout is the protocol, stderr stays quiet unless --verbose
            "org.slf4j.simpleLogger.log.io.modelcontextprotocol",
            "org.slf4j.simpleLogger.log.reactor");

    /** The MCP server's own logger: warnings only, unless --verbose, which adds the stack trace of a failed tool. */
    private static final String MCP_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.alphaweave.web.mcp";

    private Main() {}

    /**
     * Runs the CLI and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        // PF4J logs each plugin load, and failures with stack traces; the registry reports them in one line itself
        if (System.getProperty(PF4J_LOG_LEVEL) == null) {
            System.setProperty(PF4J_LOG_LEVEL, List.of(args).contains("--verbose") ? "debug" : "off");
        }
        if (System.getProperty(POOL_LOG_LEVEL) == null) {
            System.setProperty(POOL_LOG_LEVEL, List.of(args).contains("--verbose") ? "info" : "off");
        }
        for (String level : QUIET_LOGGERS) {
            if (System.getProperty(level) == null) {
                System.setProperty(level, List.of(args).contains("--verbose") ? "info" : "warn");
            }
        }
        if (System.getProperty(MCP_LOG_LEVEL) == null) {
            System.setProperty(MCP_LOG_LEVEL, List.of(args).contains("--verbose") ? "debug" : "warn");
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(AlphaweaveCli.run(args, List.of(), out, err));
    }
}
