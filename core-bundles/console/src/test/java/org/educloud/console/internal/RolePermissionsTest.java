package org.educloud.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.shiro.authz.permission.WildcardPermission;
import org.educloud.identity.Account;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.Test;

class RolePermissionsTest {

    static final Map<String, List<WildcardPermission>> ROLES = Map.of(
            "operator", List.of(new WildcardPermission("*")),
            "school-admin", List.of(new WildcardPermission("identity:accounts:*"), new WildcardPermission("basedata:*"),
                    new WildcardPermission("apps:catalog:read"), new WildcardPermission("apps:installations:*"),
                    new WildcardPermission("audit:events:read")),
            "district-officer", List.of(new WildcardPermission("identity:accounts:*"), new WildcardPermission("basedata:*"),
                    new WildcardPermission("apps:installations:read"), new WildcardPermission("audit:events:read")),
            "teacher", List.of(new WildcardPermission("basedata:orgs:read"), new WildcardPermission("apps:catalog:read"),
                    new WildcardPermission("apps:launch")),
            "vendor", List.of(new WildcardPermission("apps:packages:*"), new WildcardPermission("apps:catalog:read")));

    static RolePermissions of(String... grants) {
        List<RoleGrant> parsed = java.util.Arrays.stream(grants).map(RoleGrant::parse).toList();
        Account account = new Account(7, "someone", Optional.empty(), Optional.empty(), Optional.empty(), "某人", false, false,
                Optional.empty(), parsed);
        return new RolePermissions(account, "educloud-portal", ROLES);
    }

    @Test
    void aRoleHeldAtAnOrgPermitsItsSubtreeAndNothingElse() {
        RolePermissions admin = of("school-admin@/37/3701/370102/3701020001");
        assertTrue(admin.isPermitted("identity:accounts:grant", OrgPath.of("/37/3701/370102/3701020001")));
        assertTrue(admin.isPermitted("basedata:orgs:read", OrgPath.of("/37/3701/370102/3701020001/dept")));
        assertFalse(admin.isPermitted("identity:accounts:grant", OrgPath.of("/37/3701/370102/3701020002")), "another school");
        assertFalse(admin.isPermitted("identity:accounts:grant", OrgPath.of("/37/3701/370102")), "the district above");
        assertFalse(admin.isPermitted("apps:reviews:decide", OrgPath.ROOT), "a permission the role does not give");
    }

    @Test
    void theScopeOfAPermissionIsTheOutermostOrgsItHoldsAt() {
        RolePermissions both = of("school-admin@/37/3701/370102/3701020001", "district-officer@/37/3701/370102", "teacher@/45/4501");
        assertEquals(List.of(OrgPath.of("/37/3701/370102")), both.scopeOf("audit:events:read"));
        assertEquals(List.of(OrgPath.of("/37/3701/370102/3701020001")), both.scopeOf("apps:installations:write"));
        assertEquals(List.of(OrgPath.of("/37/3701/370102"), OrgPath.of("/45/4501")), both.scopeOf("basedata:orgs:read"));
        assertEquals(List.of(OrgPath.ROOT), of("operator@/", "teacher@/45/4501").scopeOf("basedata:orgs:read"));
        assertEquals(List.of(), of("teacher@/45/4501").scopeOf("identity:accounts:read"));
    }

    @Test
    void anUnknownRolePermitsNothing() {
        assertFalse(of("ghost@/").holdsAnywhere("basedata:orgs:read"));
    }
}
