package io.alphaweave.web.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error, shown only on a terminal and only once a run has
 * taken more than a second; redrawn at most ten times a second.
 */
final class ProgressBar {
    private static final long SHOW_AFTER = 1_000_000_000L;
    private final PrintWriter err;
    private final boolean enabled;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled, String label) {
        this.err = err;
        this.enabled = enabled;
        this.label = label;
    }

    /** @return whether standard error is a terminal (no bar when piped or redirected) */
    static boolean terminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a console even when redirected; isTerminal() tells them apart
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    synchronized void update(double fraction) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER || now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int width = 30;
        int done = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        err.print("\r" + label + " [" + "#".repeat(done) + " ".repeat(width - done) + "] " + Math.round(fraction * 100)
                + "%");
        err.flush();
        drawn = true;
    }

    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(label.length() + 40) + "\r");
            err.flush();
        }
    }
}
