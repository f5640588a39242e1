package org.educloud.sdk.runtime.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.RoleGrant;
import org.educloud.sdk.user.CurrentUser;
import org.educloud.sdk.user.OrgRole;

/**
 * The SDK's view of the kernel's {@link Caller}: the same facts in SDK types, so an app never
 * sees (or links against) the identity bundle, and the identity API can change without breaking apps.
 */
final class CallerUser implements CurrentUser {

    private final Caller caller;
    private final List<OrgRole> roles;

    CallerUser(Caller caller) {
        this.caller = caller;
        this.roles = caller.grants().stream().map(CallerUser::role).toList();
    }

    /** The kernel's caller behind an SDK user, for the runtime's services to act as them. */
    static Caller callerOf(CurrentUser user) {
        if (user instanceof CallerUser known) {
            return known.caller;
        }
        throw new IllegalArgumentException("the user must be the CurrentUser the kernel gave the request (CurrentUser.of(securityContext)), "
                + "not one the app made");
    }

    private static OrgRole role(RoleGrant grant) {
        return new OrgRole(grant.role(), grant.org().value());
    }

    @Override
    public String id() {
        return caller.subject();
    }

    @Override
    public Optional<String> username() {
        return caller.username();
    }

    @Override
    public String clientId() {
        return caller.clientId();
    }

    @Override
    public Set<String> scopes() {
        return caller.scopes();
    }

    @Override
    public List<OrgRole> roles() {
        return roles;
    }

    @Override
    public String getName() {
        return caller.username().orElse("client:" + caller.clientId());
    }

    @Override
    public String toString() {
        return "current user " + getName();
    }
}
