package org.educloud.console.internal;

import java.util.Map;

import org.educloud.identity.OrgPath;
import org.educloud.portal.SignedInUser;

/**
 * One request's signed-in person: who they are (their portal session), what they may do (their
 * roles' permissions), the language they read, and the kernel's APIs as them.
 *
 * @param user     the portal's signed-in user
 * @param caller   their permissions
 * @param language {@code zh-CN} or {@code en}
 * @param api      the kernel's REST APIs as them
 * @param roles    the roles the provider knows, by id
 * @param path     the request's path (for the language switch and for coming back after a login)
 */
record Visitor(SignedInUser user, RolePermissions caller, String language, KernelApi api, Map<String, RoleCatalog.Role> roles,
        String path) {

    /** A role's name in the visitor's language (its id when unknown). */
    String roleName(String role) {
        RoleCatalog.Role known = roles.get(role);
        return known == null ? role : known.name(language);
    }

    /** The org the visitor most likely means for {@code permission}: the first where it holds, the region when nowhere. */
    OrgPath firstOrg(String permission) {
        return caller.scopeOf(permission).stream().findFirst().orElse(OrgPath.ROOT);
    }
}
