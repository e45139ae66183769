package io.alphaweave.web.http;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: up to {@code perMinute} requests at once, refilled at {@code perMinute}
 * per minute. Thread-safe; time comes from the injected clock.
 */
final class RateLimiter {
    private static final int MAX_CALLERS = 10_000;

    private final int perMinute;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long lastMillis;

        Bucket(double tokens, long lastMillis) {
            this.tokens = tokens;
            this.lastMillis = lastMillis;
        }
    }

    /**
     * @param perMinute requests per minute per caller, ≥ 1
     * @param clock the time source
     */
    RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be ≥ 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock must not be null");
    }

    /** @return the configured requests per minute */
    int perMinute() {
        return perMinute;
    }

    /**
     * Takes one request from the caller's bucket.
     *
     * @param caller the caller's key (a token id, or the client address)
     * @return 0 when the request may go ahead, else the whole seconds until it may be retried (≥ 1)
     */
    long acquire(String caller) {
        long now = clock.millis();
        if (buckets.size() > MAX_CALLERS) {
            // forget callers whose buckets are full again: they lose nothing
            buckets.values().removeIf(b -> refilled(b, now) >= perMinute);
        }
        Bucket b = buckets.computeIfAbsent(caller, k -> new Bucket(perMinute, now));
        synchronized (b) {
            b.tokens = refilled(b, now);
            b.lastMillis = Math.max(b.lastMillis, now);
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            double millisPerToken = 60_000.0 / perMinute;
            return Math.max(1, (long) Math.ceil((1 - b.tokens) * millisPerToken / 1000.0));
        }
    }

    private double refilled(Bucket b, long now) {
        long elapsed = Math.max(0, now - b.lastMillis);
        return Math.min(perMinute, b.tokens + elapsed * perMinute / 60_000.0);
    }
}
