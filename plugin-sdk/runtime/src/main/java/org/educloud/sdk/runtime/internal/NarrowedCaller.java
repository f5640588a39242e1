package org.educloud.sdk.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * A user seen through an app: permitted only where both the user may act and the app was
 * granted, so an app never shows a teacher more than the teacher could see, nor anything of a
 * school that did not install it.
 */
final class NarrowedCaller implements Caller {

    private final Caller user;
    private final Caller app;

    NarrowedCaller(Caller user, Caller app) {
        this.user = user;
        this.app = app;
    }

    @Override
    public String subject() {
        return user.subject();
    }

    @Override
    public Optional<String> username() {
        return user.username();
    }

    @Override
    public String clientId() {
        return user.clientId();
    }

    @Override
    public Set<String> scopes() {
        return user.scopes();
    }

    @Override
    public List<RoleGrant> grants() {
        return user.grants();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return user.isPermitted(permission, org) && app.isPermitted(permission, org);
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        return intersection(user.scopeOf(permission), app.scopeOf(permission));
    }

    /** The subtrees in both lists: of two nested subtrees, the inner one. */
    static List<OrgPath> intersection(List<OrgPath> first, List<OrgPath> second) {
        List<OrgPath> both = new ArrayList<>();
        for (OrgPath a : first) {
            for (OrgPath b : second) {
                OrgPath inner = a.covers(b) ? b : b.covers(a) ? a : null;
                if (inner != null && !both.contains(inner)) {
                    both.add(inner);
                }
            }
        }
        return both;
    }
}
