package org.educloud.basedata.internal;

import java.util.List;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;

/** The permission checks of basic data: {@code basedata:<noun>:read|write} at a row's org path or above. */
final class Access {

    static final String ID_NUMBERS = "basedata:idnumbers:read";

    private Access() {
    }

    static String read(String noun) {
        return "basedata:" + noun + ":read";
    }

    static String write(String noun) {
        return "basedata:" + noun + ":write";
    }

    /** Who the caller is, for the change feed and the audit trail. */
    static String actor(Caller caller) {
        return caller.username().orElse("client:" + caller.clientId());
    }

    /** Refuses unless the caller holds {@code permission} at {@code path} or above. */
    static void require(Caller caller, String permission, String path) {
        if (!caller.isPermitted(permission, OrgPath.of(path))) {
            throw new BasedataProblem(Kind.FORBIDDEN, "", "this needs the permission " + permission + " at " + path
                    + " or an org above it, which your roles do not grant; ask an administrator of that org for such a role");
        }
    }

    /** Where the caller may read with {@code permission}; refuses when that is nowhere. */
    static List<OrgPath> readable(Caller caller, String permission) {
        List<OrgPath> scope = caller.scopeOf(permission);
        if (scope.isEmpty()) {
            throw new BasedataProblem(Kind.FORBIDDEN, "", "this needs the permission " + permission
                    + " at some org, which your roles do not grant; ask an administrator for such a role");
        }
        return scope;
    }
}
