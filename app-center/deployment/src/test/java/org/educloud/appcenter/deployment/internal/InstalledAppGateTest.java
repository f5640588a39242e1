package org.educloud.appcenter.deployment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.Test;

class InstalledAppGateTest {

    private static final InstalledAppGate.Key TEACHER_A = new InstalledAppGate.Key("hello-school",
            Set.of(OrgPath.of("/37/3701/370102/3701020001")));

    private final AtomicInteger lookUps = new AtomicInteger();
    private final AtomicBoolean installed = new AtomicBoolean();
    private Instant now = Instant.parse("2026-11-23T08:00:00Z");
    private final InstalledAppGate gate = new InstalledAppGate((appId, orgs) -> {
        lookUps.incrementAndGet();
        return installed.get();
    }, new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    });

    @Test
    void anAnswerIsKeptForSomeSecondsAndARefusalIsLookedUpAgainSoonerThanAnAdmission() throws Exception {
        installed.set(true);
        assertTrue(gate.admits(TEACHER_A, Duration.ofSeconds(5)));
        now = now.plusSeconds(4);
        assertTrue(gate.admits(TEACHER_A, Duration.ofSeconds(5)));
        assertEquals(1, lookUps.get(), "kept");
        installed.set(false);
        now = now.plusSeconds(2);
        assertFalse(gate.admits(TEACHER_A, Duration.ofSeconds(5)), "uninstalled: refused once the answer is old");
        installed.set(true);
        now = now.plusMillis(100);
        assertFalse(gate.admits(TEACHER_A, Duration.ofMillis(250)), "a refusal is looked up again at most four times a second");
        now = now.plusMillis(200);
        assertTrue(gate.admits(TEACHER_A, Duration.ofMillis(250)), "installed a moment ago: admitted");
        assertEquals(3, lookUps.get());
    }

    @Test
    void aCallerWithoutARoleAnywhereIsRefusedWithoutALookUp() throws Exception {
        installed.set(true);
        assertFalse(gate.admits(new InstalledAppGate.Key("hello-school", Set.of()), Duration.ofSeconds(5)));
        assertEquals(0, lookUps.get());
    }

    @Test
    void onlyAppApiPathsAreGated() {
        assertEquals("hello-school", InstalledAppGate.appOf("apps/hello-school/api/greeting"));
        assertEquals("hello-school", InstalledAppGate.appOf("/apps/hello-school/api"));
        assertNull(InstalledAppGate.appOf("apps/hello-school/index.html"));
        assertNull(InstalledAppGate.appOf("api/identity/v1/me"));
        assertNull(InstalledAppGate.appOf("/apps"));
    }

    @Test
    void doubledSlashesDoNotSlipPastTheGate() {
        assertEquals("hello-school", InstalledAppGate.appOf("//apps//hello-school///api/greeting"));
        assertEquals("hello-school", InstalledAppGate.appOf(java.net.URI.create("/apps/hello-school/./x/../api/greeting").normalize().getPath()));
    }
}
