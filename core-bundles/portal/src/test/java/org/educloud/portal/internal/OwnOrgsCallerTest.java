package org.educloud.portal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.Test;

class OwnOrgsCallerTest {

    @Test
    void readsTheOrgsTheUserHoldsRolesAtAndNothingElse() {
        OwnOrgsCaller caller = new OwnOrgsCaller("zhang.wei", List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001")));
        assertTrue(caller.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102/3701020001")));
        assertFalse(caller.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102")), "not the district above");
        assertFalse(caller.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102/3701020001/2017-02")), "not a class below");
        assertFalse(caller.isPermitted("basedata:students:read", OrgPath.of("/37/3701/370102/3701020001")));
        assertEquals(List.of(OrgPath.of("/37/3701/370102/3701020001")), caller.scopeOf("basedata:orgs:read"));
        assertEquals(List.of(), caller.scopeOf("basedata:students:read"));
    }
}
