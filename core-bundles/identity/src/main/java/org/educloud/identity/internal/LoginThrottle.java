package org.educloud.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Back-off after repeated failed logins, per key (a login name or a client address): after
 * {@code threshold} failures in a row the key is blocked for {@code base}, doubling with each
 * further failure up to {@code max}. A success clears the key. Unknown login names are throttled
 * exactly like real ones, so the answers never tell an attacker which usernames exist.
 */
final class LoginThrottle {

    private final int threshold;
    private final Duration base;
    private final Duration max;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    LoginThrottle(int threshold, Duration base, Duration max, Clock clock) {
        this.threshold = threshold;
        this.base = base;
        this.max = max;
        this.clock = clock;
    }

    /** Until when the key is blocked, or null when it may try now. */
    Instant blockedUntil(String key) {
        Failures f = failures.get(key);
        return f == null || f.blockedUntil == null || !f.blockedUntil.isAfter(clock.instant()) ? null : f.blockedUntil;
    }

    /** Counts a failure; returns until when the key is now blocked, or null. */
    Instant fail(String key) {
        Failures updated = failures.compute(key, (k, f) -> {
            int count = (f == null ? 0 : f.count) + 1;
            return new Failures(count, block(count));
        });
        prune();
        return updated.blockedUntil;
    }

    void succeed(String key) {
        failures.remove(key);
    }

    /** The block that follows the given number of failures in a row, or null below the threshold. */
    Instant block(int count) {
        if (count < threshold) {
            return null;
        }
        int doublings = Math.min(count - threshold, 20);
        Duration wait = base.multipliedBy(1L << doublings);
        return clock.instant().plus(wait.compareTo(max) > 0 ? max : wait);
    }

    /** Keeps memory bounded: forgets keys whose block ended long ago (they start again from zero). */
    private void prune() {
        if (failures.size() > 100_000) {
            Instant horizon = clock.instant().minus(max);
            failures.entrySet().removeIf(e -> e.getValue().blockedUntil == null || e.getValue().blockedUntil.isBefore(horizon));
        }
    }

    private record Failures(int count, Instant blockedUntil) {
    }
}
