package org.educloud.appcenter.deployment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.Test;

class InstalledAppGateTest {

    private static final List<String> AT_ONE_SCHOOL = List.of("/37/3701/370102/3701020001");

    @Test
    void theSchoolThatInstalledItAndOfficersAboveItGetIn() {
        assertTrue(InstalledAppGate.admits(List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001")), AT_ONE_SCHOOL));
        assertTrue(InstalledAppGate.admits(List.of(RoleGrant.parse("district-officer@/37/3701/370102")), AT_ONE_SCHOOL));
        assertTrue(InstalledAppGate.admits(List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020009")),
                List.of("/37/3701/370102")), "installed district-wide: every school of the district");
    }

    @Test
    void anotherSchoolOrNoRoleStaysOut() {
        assertFalse(InstalledAppGate.admits(List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020002")), AT_ONE_SCHOOL));
        assertFalse(InstalledAppGate.admits(List.of(RoleGrant.parse("agency@/37/3702")), AT_ONE_SCHOOL));
        assertFalse(InstalledAppGate.admits(List.of(), AT_ONE_SCHOOL));
        assertFalse(InstalledAppGate.admits(List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001")), List.of()));
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
