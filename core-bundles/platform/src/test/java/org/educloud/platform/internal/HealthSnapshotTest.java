package org.educloud.platform.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.educloud.platform.health.HealthReport;
import org.educloud.platform.health.HealthStatus;
import org.junit.jupiter.api.Test;

class HealthSnapshotTest {

    private static final PartHealth UP = new PartHealth("a", "1", "ACTIVE", HealthStatus.UP, "");
    private static final PartHealth DOWN = new PartHealth("b", "1", "RESOLVED", HealthStatus.DOWN, "bundle is RESOLVED");

    @Test
    void everythingUpIsUp() {
        assertEquals(HealthStatus.UP, HealthSnapshot.overall(Map.of("database", HealthReport.up("", Map.of())), List.of(UP), List.of(UP)));
    }

    @Test
    void aDatabaseDownIsDown() {
        assertEquals(HealthStatus.DOWN, HealthSnapshot.overall(Map.of("database", HealthReport.down("x", Map.of())), List.of(UP), List.of()));
    }

    @Test
    void aFailedAppOnlyDegrades() {
        assertEquals(HealthStatus.DEGRADED, HealthSnapshot.overall(Map.of(), List.of(UP), List.of(DOWN)));
    }

    @Test
    void aFailedKernelServiceIsDown() {
        assertEquals(HealthStatus.DOWN, HealthSnapshot.overall(Map.of(), List.of(DOWN), List.of()));
    }

    @Test
    void aFailureTextIsCutToItsInnermostCause() {
        String failure = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\nCaused by: java.lang.IllegalStateException: port 3307 is taken\n\tat a.b(C.java:2)";
        assertEquals("java.lang.IllegalStateException: port 3307 is taken", BundleHealth.reason(failure));
    }
}
