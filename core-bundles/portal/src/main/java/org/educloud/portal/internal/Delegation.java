package org.educloud.portal.internal;

import java.util.List;
import java.util.Set;

import org.educloud.identity.Caller;
import org.educloud.identity.DelegatedCaller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.identity.Account;

/**
 * How the portal calls the basic data for the signed-in user: their login's tokens carry no
 * basic-data scope (the portal asks only for {@code openid profile}), so the portal makes a
 * {@link DelegatedCaller} for them that holds only what the page needs, at the orgs they hold roles
 * at, and asks only for what is theirs.
 */
final class Delegation {

    static final String CLIENT = "educloud-portal";
    static final String ORGS_READ = "basedata:orgs:read";
    /** What "my information" reads: the person (any kind of record), their classes and their enrollments. */
    static final Set<String> OWN_RECORD = Set.of(ORGS_READ, "basedata:students:read", "basedata:teachers:read",
            "basedata:staff:read", "basedata:guardians:read", "basedata:classes:read", "basedata:enrollments:read");

    private Delegation() {
    }

    /**
     * The orgs' names for the home page: every role a person holds includes {@code basedata:orgs:read}
     * there, so this grants nothing they lack.
     */
    static Caller ownOrgs(Account account) {
        return new DelegatedCaller(account.username(), account.grants(), CLIENT, Set.of(ORGS_READ), orgs(account.grants()));
    }

    /**
     * The user's own record: the portal asks only for the person their account is linked to
     * ({@link Account#personId()}) and that person's enrollments and classes, at the orgs they hold
     * roles at (a student's school), so a student reads their own record and no one else's.
     */
    static Caller ownRecord(Account account) {
        return new DelegatedCaller(account.username(), account.grants(), CLIENT, OWN_RECORD, orgs(account.grants()));
    }

    private static List<OrgPath> orgs(List<RoleGrant> grants) {
        return grants.stream().map(RoleGrant::org).toList();
    }
}
