package org.educloud.sdk.runtime.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.educloud.appcenter.catalog.AppGrant;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * An app acting for itself, as the kernel's services see it: it holds the permissions
 * {@code permits} lets through, in the subtrees of the orgs that installed it and granted
 * {@code scope}, and nothing anywhere else.
 */
final class GrantedCaller implements Caller {

    private final String appId;
    private final List<OrgPath> orgs;
    private final Predicate<String> permits;

    GrantedCaller(String appId, List<AppGrant> grants, String scope, Predicate<String> permits) {
        this.appId = appId;
        this.orgs = grants.stream().filter(grant -> grant.scopes().contains(scope)).map(AppGrant::org).toList();
        this.permits = permits;
    }

    /** The orgs that granted the scope. */
    List<OrgPath> orgs() {
        return orgs;
    }

    /** True when {@code org} is one of the granting orgs or below one. */
    boolean reaches(OrgPath org) {
        return orgs.stream().anyMatch(granted -> granted.covers(org));
    }

    @Override
    public String subject() {
        return "app-" + appId;
    }

    @Override
    public Optional<String> username() {
        return Optional.empty();
    }

    @Override
    public String clientId() {
        return "app-" + appId;
    }

    @Override
    public Set<String> scopes() {
        return Set.of();
    }

    @Override
    public List<RoleGrant> grants() {
        return List.of();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return permits.test(permission) && reaches(org);
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return permits.test(permission) ? orgs : List.of();
    }
}
