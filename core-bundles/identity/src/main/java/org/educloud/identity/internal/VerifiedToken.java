package org.educloud.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.RoleGrant;

/**
 * An access token whose signature, type, issuer, audience, expiry and ledger row checked out: the
 * Shiro principal of a request.
 *
 * @param subject   the {@code sub} claim: an account id, or the client id for client credentials
 * @param clientId  the client the token was issued to
 * @param username  the person's username; empty for a client acting for itself
 * @param scopes    the scopes granted
 * @param grants    the roles held, each at an org ({@code roles} claim)
 * @param tokenId   the {@code jti}
 * @param expiresAt when it stops being valid
 */
record VerifiedToken(String subject, String clientId, Optional<String> username, Set<String> scopes, List<RoleGrant> grants,
        String tokenId, Instant expiresAt) {

    VerifiedToken {
        scopes = Set.copyOf(scopes);
        grants = List.copyOf(grants);
    }

    /** Who acted, for the audit trail: the username, or the client for client credentials. */
    String actor() {
        return username.orElse("client:" + clientId);
    }
}
