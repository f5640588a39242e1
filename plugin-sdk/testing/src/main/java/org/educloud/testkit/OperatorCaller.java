package org.educloud.testkit;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The caller a test acts as when it writes through the kernel's services directly (e.g. orgs
 * through {@code OrgDirectory}): the operator, permitted everything everywhere.
 *
 * @param subject who the kernel records the changes as, e.g. {@code itest}; also the username and client
 */
public record OperatorCaller(String subject) implements Caller {

    @Override
    public Optional<String> username() {
        return Optional.of(subject);
    }

    @Override
    public String clientId() {
        return subject;
    }

    @Override
    public Set<String> scopes() {
        return Set.of();
    }

    /** The operator's role, at the root of every org. */
    @Override
    public List<RoleGrant> grants() {
        return List.of(new RoleGrant("operator", OrgPath.ROOT));
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return true;
    }

    /** Everywhere: the root. */
    @Override
    public List<OrgPath> scopeOf(String permission) {
        return List.of(OrgPath.ROOT);
    }
}
