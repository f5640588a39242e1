package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(3, Duration.ofSeconds(30), Duration.ofSeconds(300), clock);

    @Test
    void blocksAtTheThresholdAndDoublesEachFurtherFailureUpToTheCap() {
        assertNull(throttle.fail("alice"));
        assertNull(throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(30), throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(60), throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(120), throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(240), throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(300), throttle.fail("alice"));
        assertEquals(clock.instant().plusSeconds(300), throttle.blockedUntil("alice"));
    }

    @Test
    void aBlockEndsWithTimeAndASuccessForgetsTheFailures() {
        for (int i = 0; i < 3; i++) {
            throttle.fail("bob");
        }
        clock.advance(Duration.ofSeconds(31));
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
