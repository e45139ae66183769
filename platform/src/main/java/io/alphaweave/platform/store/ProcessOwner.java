package io.alphaweave.platform.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The process that owns a running run or a claimed job, so that a later start can tell that it is gone
 * and mark its work INTERRUPTED. Encoded as {@code host/pid/startMillis}.
 *
 * @param host the host name, non-blank, without '/'
 * @param pid the operating system process id, ≥ 0
 * @param startedAtMillis the process start time in epoch milliseconds (tells a reused pid apart), ≥ 0
 */
public record ProcessOwner(String host, long pid, long startedAtMillis) {

    /** Validates. */
    public ProcessOwner {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains("/")) {
            throw new IllegalArgumentException("host must be non-blank without '/', was '" + host + "'");
        }
        if (pid < 0) {
            throw new IllegalArgumentException("pid must be ≥ 0, was " + pid);
        }
        if (startedAtMillis < 0) {
            throw new IllegalArgumentException("startedAtMillis must be ≥ 0, was " + startedAtMillis);
        }
    }

    /** @return this JVM's process on this host */
    public static ProcessOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ProcessOwner(
                localHost(),
                self.pid(),
                self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /**
     * @param encoded a value of {@link #encode()}
     * @return the owner, or empty if the text is not an encoded owner (a free-form service name)
     */
    public static Optional<ProcessOwner> decode(String encoded) {
        String[] parts = encoded.split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** @return {@code host/pid/startMillis} */
    public String encode() {
        return host + "/" + pid + "/" + startedAtMillis;
    }

    /**
     * Whether this owner is known to be gone: it ran on {@code localHost} and no process with its pid and
     * start time is alive. An owner on another host is never known to be gone.
     *
     * @param localHost the host asking
     * @return true if the owner process certainly no longer exists
     */
    public boolean isGoneOn(String localHost) {
        if (!host.equals(localHost)) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = handle.get().info().startInstant();
        // a reused pid: the live process started at another time (start times are millisecond-exact)
        return start.isPresent() && startedAtMillis != 0 && start.get().toEpochMilli() != startedAtMillis;
    }

    static String localHost() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.isBlank() ? "localhost" : name.replace('/', '_');
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
