package org.educloud.identity.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.shiro.subject.Subject;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;

/**
 * The caller of one request, from its verified access token; permission checks go to the request's
 * Shiro subject (and so to the {@link OrgRealm}). Also the JAX-RS {@link Principal}, named by the
 * username (or {@code client:<id>} for a client acting for itself).
 */
final class TokenCaller implements Caller, Principal {

    private final Subject subject;
    private final VerifiedToken token;
    private final String address;

    TokenCaller(Subject subject, VerifiedToken token, String address) {
        this.subject = subject;
        this.token = token;
        this.address = address;
    }

    @Override
    public String subject() {
        return token.subject();
    }

    @Override
    public Optional<String> username() {
        return token.username();
    }

    @Override
    public String clientId() {
        return token.clientId();
    }

    @Override
    public Set<String> scopes() {
        return token.scopes();
    }

    @Override
    public List<RoleGrant> grants() {
        return token.grants();
    }

    @Override
    public boolean isPermitted(String permission, OrgPath org) {
        return subject.isPermitted(new OrgPermission(permission, org));
    }

    /**
     * The orgs among those the caller holds roles at where {@code permission} holds, without any
     * that another one covers: a permission that holds at an org holds there through a role held
     * at that org or an ancestor, and the ancestor's org is then in the list.
     */
    @Override
    public List<OrgPath> scopeOf(String permission) {
        List<OrgPath> held = new ArrayList<>();
        for (RoleGrant grant : token.grants()) {
            if (!held.contains(grant.org()) && isPermitted(permission, grant.org())) {
                held.add(grant.org());
            }
        }
        return held.stream().filter(org -> held.stream().noneMatch(other -> !other.equals(org) && other.covers(org)))
                .sorted((a, b) -> a.value().compareTo(b.value())).toList();
    }

    /** The request's Shiro subject, bound to the request thread while the request runs. */
    Subject shiroSubject() {
        return subject;
    }

    /** Who acted, for the audit trail. */
    String actor() {
        return token.actor();
    }

    /** The client address the request came from. */
    String address() {
        return address;
    }

    @Override
    public String getName() {
        return token.actor();
    }

    @Override
    public String toString() {
        return "caller " + token.actor() + " via " + token.clientId();
    }
}
