package org.educloud.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something the kernel does asynchronously (SCR, the whiteboard, the extender's worker). */
public final class Eventually {

    private Eventually() {
    }

    public static void holds(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Not true within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
