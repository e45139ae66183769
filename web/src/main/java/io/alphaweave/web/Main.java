package io.alphaweave.web;

import io.alphaweave.platform.cli.AlphaweaveCli;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Entry point of the {@code alphaweave} application. */
public final class Main {
    private Main() {}

    /**
     * Runs the CLI and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(AlphaweaveCli.run(args, List.of(), out, err));
    }
}
