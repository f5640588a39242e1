package org.educloud.portal.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The signed-in user as a caller of basic data, for one thing only: reading the orgs they hold a
 * role at (their school's name for the home page). Every role a person holds includes
 * {@code basedata:orgs:read} there, so this grants nothing they lack; it is narrower than their
 * roles (those exact orgs, no subtree) and refuses everything else.
 */
final class OwnOrgsCaller implements Caller {

    static final String ORGS_READ = "basedata:orgs:read";

    private final String username;
    private final List<RoleGrant> grants;

    OwnOrgsCaller(String username, List<RoleGrant> grants) {
        this.username = username;
        this.grants = List.copyOf(grants);
    }

    @Override
    public String subject() {
        return username;
    }

    @Override
    public Optional<String> username() {
        return Optional.of(username);
    }

    @Override
    public String clientId() {
        return "educloud-portal";
    }

    @Override
    public Set<String> scopes() {
        return Set.of();
    }

    @Override
    public List<RoleGrant> grants() {
        return grants;
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return ORGS_READ.equals(permission) && grants.stream().anyMatch(grant -> grant.org().equals(org));
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return ORGS_READ.equals(permission) ? grants.stream().map(RoleGrant::org).distinct().toList() : List.of();
    }
}
