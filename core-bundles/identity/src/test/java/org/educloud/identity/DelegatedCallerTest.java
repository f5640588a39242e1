package org.educloud.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DelegatedCallerTest {

    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");

    @Test
    void holdsExactlyItsPermissionsAtExactlyItsOrgs() {
        DelegatedCaller caller = new DelegatedCaller("zhang.wei", List.of(new RoleGrant("teacher", SCHOOL)), "educloud-portal",
                Set.of("basedata:orgs:read"), List.of(SCHOOL, SCHOOL));
        assertTrue(caller.isPermitted("basedata:orgs:read", SCHOOL));
        assertFalse(caller.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102")), "not the district above");
        assertFalse(caller.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102/3701020001/2017-02")), "not a class below");
        assertFalse(caller.isPermitted("basedata:students:read", SCHOOL));
        assertFalse(caller.isPermitted("basedata:*", SCHOOL), "no wildcards");
        assertEquals(List.of(SCHOOL), caller.scopeOf("basedata:orgs:read"));
        assertEquals(List.of(), caller.scopeOf("basedata:students:read"));
        assertEquals("zhang.wei", caller.subject());
        assertEquals("educloud-portal", caller.clientId());
        assertTrue(caller.scopes().isEmpty());
    }
}
