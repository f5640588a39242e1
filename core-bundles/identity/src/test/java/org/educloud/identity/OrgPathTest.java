package org.educloud.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OrgPathTest {

    private final OrgPath district = OrgPath.of("/37/3701/370102");

    @Test
    void aGrantCoversItsOrgAndEverythingBelowButNotItsNeighbours() {
        assertTrue(district.covers(OrgPath.of("/37/3701/370102")));
        assertTrue(district.covers(OrgPath.of("/37/3701/370102/3701020001")));
        assertFalse(district.covers(OrgPath.of("/37/3701/3701021")), "a sibling whose id starts with the same digits");
        assertFalse(district.covers(OrgPath.of("/37/3701")));
        assertTrue(OrgPath.ROOT.covers(district));
    }

    @Test
    void segmentsAndOrgId() {
        assertEquals(List.of("37", "3701", "370102"), district.segments());
        assertEquals("370102", district.orgId());
        assertEquals(List.of(), OrgPath.ROOT.segments());
    }

    @Test
    void malformedPathsAreRefusedWithTheExpectedShape() {
        for (String bad : new String[] {"", "37/3701", "/37/", "/37//3701", "/37/3701 ", "/a/b/c/d/e/f/g/h/i", "/学校"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrgPath.of(bad), bad);
            assertTrue(e.getMessage().contains("e.g. /37/3701/370102"), e.getMessage());
        }
    }

    @Test
    void grantsParseFromRoleAtPath() {
        RoleGrant grant = RoleGrant.parse("school-admin@/37/3701/370102/3701020001");
        assertEquals("school-admin", grant.role());
        assertEquals("3701020001", grant.org().orgId());
        assertEquals("school-admin@/37/3701/370102/3701020001", grant.toString());
        assertThrows(IllegalArgumentException.class, () -> RoleGrant.parse("school-admin"));
        assertThrows(IllegalArgumentException.class, () -> RoleGrant.parse("School Admin@/37"));
    }
}
