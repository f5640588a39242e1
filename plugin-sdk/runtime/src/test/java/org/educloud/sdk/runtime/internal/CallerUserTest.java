package org.educloud.sdk.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.user.OrgRole;
import org.junit.jupiter.api.Test;

class CallerUserTest {

    private static Caller caller(Optional<String> username, List<RoleGrant> grants) {
        return new Caller() {
            public String subject() { return "42"; }
            public Optional<String> username() { return username; }
            public String clientId() { return "portal"; }
            public Set<String> scopes() { return Set.of("openid", "profile"); }
            public List<RoleGrant> grants() { return grants; }
            public boolean isPermitted(String permission, OrgPath org) { return false; }
            public List<OrgPath> scopeOf(String permission) { return List.of(); }
        };
    }

    @Test
    void aPersonsRolesAndOrgsAreSeenInSdkTypes() {
        CurrentUser user = new CallerUser(caller(Optional.of("zhang.wei"),
                List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001"), RoleGrant.parse("school-admin@/37/3701/370102/3701020001"))));
        assertEquals("42", user.id());
        assertEquals("zhang.wei", user.getName());
        assertEquals(List.of(new OrgRole("teacher", "/37/3701/370102/3701020001"), new OrgRole("school-admin", "/37/3701/370102/3701020001")),
                user.roles());
        assertEquals(List.of("/37/3701/370102/3701020001"), user.orgs());
        assertTrue(user.hasRoleAt("teacher", "/37/3701/370102/3701020001"));
        assertFalse(user.hasRoleAt("teacher", "/37/3701/370102/3701020002"));
        assertTrue(user.hasScope("profile"));
    }

    @Test
    void aDistrictRoleCoversItsSchoolsButNotItsNeighbours() {
        CurrentUser user = new CallerUser(caller(Optional.of("li"), List.of(RoleGrant.parse("district-officer@/37/3701/370102"))));
        assertTrue(user.hasRoleAt("district-officer", "/37/3701/370102/3701020001"));
        assertFalse(user.hasRoleAt("district-officer", "/37/3701/3701020"));
    }

    @Test
    void aClientActingForItselfIsNamedByItsClientId() {
        CurrentUser user = new CallerUser(caller(Optional.empty(), List.of()));
        assertEquals("client:portal", user.getName());
        assertTrue(user.roles().isEmpty());
    }

    @Test
    void onlyAppPathsGetTheSdkPrincipal() {
        assertTrue(AppCallerFilter.isAppPath("apps/hello-school/api/greeting"));
        assertTrue(AppCallerFilter.isAppPath("/apps/hello-school/api/greeting"));
        assertFalse(AppCallerFilter.isAppPath("api/identity/v1/me"));
    }
}
