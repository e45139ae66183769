package io.alphaweave.platform.dsl;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.graalvm.polyglot.Context;

/** One daemon thread that cancels sandboxed calls past their deadline or allocation budget. */
final class Watchdog implements AutoCloseable {
    private static final long POLL_MILLIS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Set<Watch> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoClock;

    Watchdog() {
        this(System::nanoTime);
    }

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
        final long threadId;
        final long startBytes;
        final long deadlineNanos;
        final long budgetBytes;
        volatile SandboxViolationException.Limit violation;
        volatile long observed;

        Watch(Context context, long threadId, long startBytes, long deadlineNanos, long budgetBytes) {
            this.context = context;
            this.threadId = threadId;
            this.startBytes = startBytes;
            this.deadlineNanos = deadlineNanos;
            this.budgetBytes = budgetBytes;
        }

        long allocatedSinceStart() {
            return THREADS.getThreadAllocatedBytes(threadId) - startBytes;
        }
    }

    Watch start(Context context, long deadlineNanosFromNow, long budgetBytes) {
        Thread t = Thread.currentThread();
        Watch w = new Watch(
                context,
                t.threadId(),
                THREADS.getCurrentThreadAllocatedBytes(),
                nanoClock.getAsLong() + deadlineNanosFromNow,
                budgetBytes);
        running.add(w);
        return w;
    }

    void stop(Watch w) {
        running.remove(w);
        // a short burst between two polls still counts
        if (w.violation == null) {
            long used = THREADS.getCurrentThreadAllocatedBytes() - w.startBytes;
            if (used > w.budgetBytes) {
                w.observed = used;
                w.violation = SandboxViolationException.Limit.ALLOCATION;
            }
        }
    }

    private void poll() {
        long now = nanoClock.getAsLong();
        for (Watch w : running) {
            if (w.violation != null) {
                continue;
            }
            long used = w.allocatedSinceStart();
            if (used > w.budgetBytes) {
                w.observed = used;
                cancel(w, SandboxViolationException.Limit.ALLOCATION);
            } else if (now - w.deadlineNanos > 0) {
                cancel(w, SandboxViolationException.Limit.DEADLINE);
            }
        }
    }

    private void cancel(Watch w, SandboxViolationException.Limit why) {
        w.violation = why;
        try {
            w.context.close(true);
        } catch (RuntimeException alreadyClosing) {
            // the call is ending anyway; its thread reports the violation
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
