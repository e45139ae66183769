package io.alphaweave.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsABurstOfTheMinutelyRateThenSaysWhenToRetry() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(6, clock);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.acquire("a")).as("request " + i).isZero();
        }
        // 6 a minute: one every 10 s
        assertThat(limiter.acquire("a")).isEqualTo(10);
        clock.advance(Duration.ofSeconds(4));
        assertThat(limiter.acquire("a")).isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(10);
    }

    @Test
    void eachCallerHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, new ManualClock());
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(60);
        assertThat(limiter.acquire("b")).isZero();
    }

    @Test
    void aBucketNeverFillsBeyondTheRate() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(2, clock);
        clock.advance(Duration.ofHours(1));
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(30);
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter(0, new ManualClock())).hasMessage("perMinute must be ≥ 1, was 0");
    }
}
