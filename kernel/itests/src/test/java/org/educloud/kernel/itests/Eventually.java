package org.educloud.kernel.itests;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for something the kernel does asynchronously (SCR, the whiteboard, the extender's worker). */
final class Eventually {

    private Eventually() {
    }

    static void holds(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Not true within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
