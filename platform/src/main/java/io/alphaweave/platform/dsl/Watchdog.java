package io.alphaweave.platform.dsl;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Context;

/**
 * One daemon thread that cancels sandboxed calls past their wall-clock deadline — the safety net
 * behind the deterministic statement and allocation budgets, which the calls' own threads enforce.
 */
final class Watchdog implements AutoCloseable {
    private static final long POLL_MILLIS = 5;

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;

    Watchdog(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alphaweave-script-watchdog");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One call being watched; {@link #violation} is set when the watchdog cancelled it. */
    static final class Watch {
        final Context context;
        final long deadlineNanos;
        volatile SandboxViolationException.Limit violation;

        Watch(Context context, long deadlineNanos) {
            this.context = context;
            this.deadlineNanos = deadlineNanos;
        }
    }

    Watch start(Context context, long deadlineNanosFromNow) {
        Watch w = new Watch(context, nanoClock.getAsLong() + deadlineNanosFromNow);
        running.add(w);
        return w;
    }

    void stop(Watch w) {
        running.remove(w);
    }

    private void poll() {
        long now = nanoClock.getAsLong();
        for (Watch w : running) {
            if (w.violation == null && now - w.deadlineNanos > 0) {
                w.violation = SandboxViolationException.Limit.DEADLINE;
                try {
                    w.context.close(true);
                } catch (RuntimeException alreadyClosing) {
                    // the call is ending anyway; its thread reports the violation
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
