package org.educloud.console.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.shiro.authz.permission.WildcardPermission;
import org.educloud.identity.Account;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The signed-in person as a {@link Caller} of the kernel's in-process services (the basic data's
 * org tree, the audit logs): exactly the permissions their roles give at the orgs they hold them
 * at, as the identity provider's realm gives them (Shiro wildcard permissions, a role's covering its
 * org's subtree). The roles' permissions are the provider's own, read from
 * {@code GET /api/identity/v1/roles}.
 */
final class RolePermissions implements Caller {

    private final Account account;
    private final String clientId;
    private final Map<String, List<WildcardPermission>> roles;

    RolePermissions(Account account, String clientId, Map<String, List<WildcardPermission>> roles) {
        this.account = account;
        this.clientId = clientId;
        this.roles = Map.copyOf(roles);
    }

    @Override
    public String subject() {
        return String.valueOf(account.id());
    }

    @Override
    public Optional<String> username() {
        return Optional.of(account.username());
    }

    @Override
    public String clientId() {
        return clientId;
    }

    /** In-process calls carry no token, so no scopes: the REST calls' scopes are the portal's token's business. */
    @Override
    public Set<String> scopes() {
        return Set.of();
    }

    @Override
    public List<RoleGrant> grants() {
        return account.grants();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        WildcardPermission asked = new WildcardPermission(permission);
        return account.grants().stream().anyMatch(grant -> grant.org().covers(org) && implies(grant.role(), asked));
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        WildcardPermission asked = new WildcardPermission(permission);
        List<OrgPath> orgs = account.grants().stream().filter(grant -> implies(grant.role(), asked)).map(RoleGrant::org).distinct().toList();
        // Only the outermost orgs: a grant at a district already covers the school granted beside it.
        List<OrgPath> outermost = new ArrayList<>();
        for (OrgPath org : orgs) {
            if (orgs.stream().noneMatch(other -> !other.equals(org) && other.covers(org))) {
                outermost.add(org);
            }
        }
        return List.copyOf(outermost);
    }

    /** True when the permission holds somewhere. */
    boolean holdsAnywhere(String permission) {
        return !scopeOf(permission).isEmpty();
    }

    private boolean implies(String role, WildcardPermission asked) {
        return roles.getOrDefault(role, List.of()).stream().anyMatch(held -> held.implies(asked));
    }
}
