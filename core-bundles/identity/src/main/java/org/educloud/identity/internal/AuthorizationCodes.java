package org.educloud.identity.internal;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.pkce.CodeChallenge;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;

/**
 * Authorization codes: single use, short-lived, bound to the client, the redirect URI and the
 * PKCE challenge. A code presented twice is an attack (or a leak): the second use is refused and
 * every token the first use issued is revoked (RFC 6749 §4.1.2, OAuth 2.0 Security BCP).
 */
final class AuthorizationCodes {

    /** What a code was issued for. */
    record Issued(String clientId, long accountId, String sessionId, URI redirectUri, String scope, String nonce,
            String codeChallenge, Instant authTime) {
    }

    /** A redeemed code: the grant, and the family its tokens join. */
    record Redeemed(Issued grant, String familyId) {
    }

    private final DataSource dataSource;
    private final Duration lifetime;
    private final Clock clock;
    private final AuditTrail audit;

    AuthorizationCodes(DataSource dataSource, Duration lifetime, Clock clock) {
        this.dataSource = dataSource;
        this.lifetime = lifetime;
        this.clock = clock;
        this.audit = new AuditTrail(dataSource);
    }

    /** Issues a code for a completed authorization; returns the value for the redirect. */
    String issue(Issued grant) {
        String code = ClientSecret.generate();
        Instant now = clock.instant();
        Transactions.inTransaction(dataSource, connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_auth_code (code_hash, client_id, account_id, "
                    + "session_id, redirect_uri, scope, nonce, code_challenge, auth_time, expires_at, family_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, ClientSecret.digest(code));
                insert.setString(2, grant.clientId());
                insert.setLong(3, grant.accountId());
                insert.setString(4, grant.sessionId());
                insert.setString(5, grant.redirectUri().toString());
                insert.setString(6, grant.scope());
                insert.setString(7, grant.nonce());
                insert.setString(8, grant.codeChallenge());
                insert.setTimestamp(9, Timestamp.from(grant.authTime()));
                insert.setTimestamp(10, Timestamp.from(now.plus(lifetime)));
                insert.setString(11, ClientSecret.generate().substring(0, 32));
                insert.executeUpdate();
            }
            return null;
        });
        return code;
    }

    /**
     * Redeems a code once. Every failure is {@code invalid_grant} with a reason; a replay also
     * revokes the tokens the first redemption issued.
     */
    Redeemed redeem(String code, String clientId, URI redirectUri, CodeVerifier verifier, String address) {
        String hash = ClientSecret.digest(code == null ? "" : code);
        Object outcome = Transactions.inTransaction(dataSource, connection -> {
            Issued grant;
            Instant expires;
            Instant used;
            String family;
            try (PreparedStatement query = connection.prepareStatement("SELECT client_id, account_id, session_id, redirect_uri, "
                    + "scope, nonce, code_challenge, auth_time, expires_at, used_at, family_id FROM idn_auth_code "
                    + "WHERE code_hash = ? FOR UPDATE")) {
                query.setString(1, hash);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the authorization code is not known: start a new authorization");
                    }
                    grant = new Issued(row.getString(1), row.getLong(2), row.getString(3), URI.create(row.getString(4)),
                            row.getString(5), row.getString(6), row.getString(7), row.getTimestamp(8).toInstant());
                    expires = row.getTimestamp(9).toInstant();
                    Timestamp usedAt = row.getTimestamp(10);
                    used = usedAt == null ? null : usedAt.toInstant();
                    family = row.getString(11);
                }
            }
            if (used != null) {
                int revoked = TokenLedger.revokeFamily(connection, family);
                AuditTrail.record(connection, grant.clientId(), "code.replay", grant.clientId(), address, "refused",
                        "code used twice; revoked " + revoked + " tokens it issued");
                return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the authorization code was already used; the tokens it "
                        + "issued are revoked. Start a new authorization");
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE idn_auth_code SET used_at = ? WHERE code_hash = ?")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setString(2, hash);
                update.executeUpdate();
            }
            OAuthFailure refusal = check(grant, expires, clientId, redirectUri, verifier);
            return refusal == null ? new Redeemed(grant, family) : refusal;
        });
        if (outcome instanceof OAuthFailure failure) {
            audit.record(clientId == null ? "?" : clientId, "token.code", clientId, address, "refused", failure.getMessage());
            throw failure;
        }
        return (Redeemed) outcome;
    }

    private OAuthFailure check(Issued grant, Instant expires, String clientId, URI redirectUri, CodeVerifier verifier) {
        if (!expires.isAfter(clock.instant())) {
            return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the authorization code has expired (codes live "
                    + lifetime.toSeconds() + " s): start a new authorization");
        }
        if (!grant.clientId().equals(clientId)) {
            return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the authorization code was issued to another client");
        }
        if (redirectUri == null || !grant.redirectUri().toString().equals(redirectUri.toString())) {
            return new OAuthFailure(OAuth2Error.INVALID_GRANT, "redirect_uri must be exactly the one sent to the authorization endpoint");
        }
        if (grant.codeChallenge() == null) {
            return verifier == null ? null : new OAuthFailure(OAuth2Error.INVALID_GRANT,
                    "code_verifier sent, but the authorization request had no code_challenge");
        }
        if (verifier == null) {
            return new OAuthFailure(OAuth2Error.INVALID_GRANT, "code_verifier is missing: send the PKCE verifier whose S256 "
                    + "challenge went to the authorization endpoint");
        }
        String computed = CodeChallenge.compute(CodeChallengeMethod.S256, verifier).getValue();
        return computed.equals(grant.codeChallenge()) ? null
                : new OAuthFailure(OAuth2Error.INVALID_GRANT, "code_verifier does not match the code_challenge");
    }
}
