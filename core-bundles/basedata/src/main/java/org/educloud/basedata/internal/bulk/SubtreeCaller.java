package org.educloud.basedata.internal.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/** A caller narrowed to one org's subtree: what it may do there and nowhere else (an export of one org). */
record SubtreeCaller(Caller caller, OrgPath under) implements Caller {

    @Override
    public String subject() {
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
    public List<RoleGrant> grants() {
        return caller.grants();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return under.covers(org) && caller.isPermitted(permission, org);
    }

    @Override
    public List<OrgPath> scopeOf(String permission) {
        List<OrgPath> narrowed = new ArrayList<>();
        for (OrgPath held : caller.scopeOf(permission)) {
            if (held.covers(under)) {
                narrowed.add(under);
            } else if (under.covers(held)) {
                narrowed.add(held);
            }
        }
        return narrowed.stream().distinct().toList();
    }
}
