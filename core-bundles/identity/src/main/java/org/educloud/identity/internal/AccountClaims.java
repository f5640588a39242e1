package org.educloud.identity.internal;

import java.util.List;

import org.educloud.identity.Account;
import org.educloud.identity.RoleGrant;

/**
 * What tokens and userinfo say about an account's roles: each grant as {@code role@/org/path},
 * the orgs they are held at, and those orgs' own ids (a school's 10-digit code).
 */
record AccountClaims(List<String> roles, List<String> orgs, List<String> orgIds) {

    static AccountClaims of(Account account) {
        List<RoleGrant> grants = account.grants();
        return new AccountClaims(grants.stream().map(RoleGrant::toString).toList(),
                grants.stream().map(g -> g.org().value()).distinct().toList(),
                grants.stream().map(g -> g.org().orgId()).filter(id -> !id.isEmpty()).distinct().toList());
    }
}
