package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-11-23T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(30), Duration.ofSeconds(300), clock);

    @Test
    void blocksAtTheThresholdAndDoublesEachFurtherFailureUpToTheCap() {
        assertNull(throttle.fail("alice"));
        assertNull(throttle.fail("alice"));
        assertEquals(now.plusSeconds(30), throttle.fail("alice"));
        assertEquals(now.plusSeconds(60), throttle.fail("alice"));
        assertEquals(now.plusSeconds(120), throttle.fail("alice"));
        assertEquals(now.plusSeconds(240), throttle.fail("alice"));
        assertEquals(now.plusSeconds(300), throttle.fail("alice"));
        assertEquals(now.plusSeconds(300), throttle.blockedUntil("alice"));
    }

    @Test
    void aBlockEndsWithTimeAndASuccessForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.fail("bob");
        }
        now = now.plusSeconds(31);
        assertNull(throttle.blockedUntil("bob"));

        throttle.succeed("bob");
        assertNull(throttle.fail("bob"), "counting starts again after a success");
    }

    @Test
    void keysAreIndependent() {
        for (int i = 0; i < 3; i++) {
            throttle.fail("10.0.0.1");
        }
        assertNull(throttle.blockedUntil("10.0.0.2"));
    }
}
