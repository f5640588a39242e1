package org.educloud.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A caller a kernel bundle makes for a person to do one narrow thing on their behalf in-process,
 * where no access token of theirs carries the right scope: the portal reading a user's own record,
 * the workflow engine writing a correction its reviewer approved. It holds exactly the named
 * permissions (compared as written, no wildcards) at exactly the named orgs (not their subtrees),
 * and nothing else; what it may do is the making bundle's decision and should be no more than the
 * person may see or do through the path that led there.
 *
 */
public final class DelegatedCaller implements Caller {

    private final String username;
    private final List<RoleGrant> grants;
    private final String clientId;
    private final Set<String> permissions;
    private final List<OrgPath> orgs;

    /**
     * @param username    the person it acts for (the audit trails name them)
     * @param grants      the roles the person holds, as information for the called service
     * @param clientId    the bundle acting, e.g. {@code educloud-portal}
     * @param permissions what it may do, e.g. {@code basedata:students:read}
     * @param orgs        where
     */
    public DelegatedCaller(String username, List<RoleGrant> grants, String clientId, Set<String> permissions, List<OrgPath> orgs) {
        this.username = java.util.Objects.requireNonNull(username, "username");
        this.grants = List.copyOf(grants);
        this.clientId = java.util.Objects.requireNonNull(clientId, "clientId");
        this.permissions = Set.copyOf(permissions);
        this.orgs = orgs.stream().distinct().toList();
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public List<RoleGrant> grants() {
        return grants;
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
    public Set<String> scopes() {
        return Set.of();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return permissions.contains(permission) && orgs.contains(org);
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return permissions.contains(permission) ? orgs : List.of();
    }

    @Override
    public String toString() {
        return "caller " + username + " via " + clientId + " (" + permissions + " at " + orgs + ")";
    }
}
