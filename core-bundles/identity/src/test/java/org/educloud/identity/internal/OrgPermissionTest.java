package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.shiro.authz.permission.WildcardPermission;
import org.educloud.identity.OrgPath;
import org.junit.jupiter.api.Test;

class OrgPermissionTest {

    private static final OrgPath DISTRICT = OrgPath.of("/37/3701/370102");
    private static final OrgPath SCHOOL = OrgPath.of("/37/3701/370102/3701020001");
    private static final OrgPath OTHER_DISTRICT = OrgPath.of("/37/3701/370103");

    @Test
    void aPermissionHeldAtAnOrgHoldsInItsSubtreeOnly() {
        OrgPermission held = new OrgPermission("basedata:students:*", DISTRICT);
        assertTrue(held.implies(new OrgPermission("basedata:students:read", DISTRICT)));
        assertTrue(held.implies(new OrgPermission("basedata:students:read", SCHOOL)));
        assertFalse(held.implies(new OrgPermission("basedata:students:read", OTHER_DISTRICT)), "a sibling district");
        assertFalse(held.implies(new OrgPermission("basedata:students:read", OrgPath.of("/37/3701"))), "the parent city");
        assertFalse(held.implies(new OrgPermission("basedata:students:read", OrgPath.of("/37/3701/3701020"))),
                "a path that only starts with the same characters is not below it");
    }

    @Test
    void theWildcardPartFollowsShiro() {
        OrgPermission held = new OrgPermission("basedata:*:read", DISTRICT);
        assertTrue(held.implies(new OrgPermission("basedata:teachers:read", SCHOOL)));
        assertFalse(held.implies(new OrgPermission("basedata:teachers:write", SCHOOL)));
        assertFalse(held.implies(new OrgPermission("basedata:*", SCHOOL)), "a part of the whole does not imply the whole");
        assertTrue(new OrgPermission("*", OrgPath.ROOT).implies(new OrgPermission("identity:accounts:grant", SCHOOL)));
        assertTrue(new OrgPermission("identity:accounts:read,lock", SCHOOL).implies(new OrgPermission("identity:accounts:lock", SCHOOL)));
    }

    @Test
    void onlyOrgPermissionsAreImplied() {
        assertFalse(new OrgPermission("*", OrgPath.ROOT).implies(new WildcardPermission("identity:accounts:read")),
                "a check without an org is a programming error, never a yes");
    }

    @Test
    void theTextFormNamesTheOrgAfterAnAtSign() {
        assertEquals(new OrgPermission("identity:accounts:read", SCHOOL), OrgPermission.parse("identity:accounts:read@" + SCHOOL));
        assertEquals(OrgPath.ROOT, OrgPermission.parse("identity:accounts:read").org());
        assertThrows(IllegalArgumentException.class, () -> OrgPermission.parse("identity:accounts:read@school"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> new OrgPermission("", SCHOOL));
        assertTrue(empty.getMessage().contains("domain:resource:action"), empty.getMessage());
    }
}
