package org.educloud.identity.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints access tokens the way the contract in the identity README describes them, signed with the
 * ring's current key, and records them in {@code idn_token}; a test bends one claim or header at a time.
 */
final class TestTokens {

    static final String ISSUER = "http://localhost:8181";

    private final DataSource dataSource;
    private final SigningKeyRing keys;
    private final Clock clock;

    TestTokens(DataSource dataSource, SigningKeyRing keys, Clock clock) {
        this.dataSource = dataSource;
        this.keys = keys;
        this.clock = clock;
    }

    /** A user's token: account {@code subject}, the roles given, scope {@code scope}. */
    String user(String subject, String username, String scope, List<String> roles) {
        return mint(claims -> claims.subject(subject).claim("client_id", "portal").claim("preferred_username", username).claim("scope", scope)
                .claim("roles", roles).claim("sid", "session-1"), UnaryOperator.identity(), true);
    }

    /** A token with the standard claims, changed by {@code claims} and {@code header}; recorded when {@code record}. */
    String mint(UnaryOperator<JWTClaimsSet.Builder> claims, UnaryOperator<JWSHeader.Builder> header, boolean record) {
        RSAKey key = keys.current();
        Instant now = clock.instant();
        String jti = UUID.randomUUID().toString().replace("-", "");
        JWTClaimsSet.Builder standard = new JWTClaimsSet.Builder().issuer(ISSUER).audience("educloud").subject("agency-1")
                .claim("client_id", "agency-1").claim("scope", "").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).jwtID(jti);
        JWTClaimsSet set = claims.apply(standard).build();
        SignedJWT jwt = new SignedJWT(header.apply(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID())).build(), set);
        try {
            jwt.sign(new RSASSASigner(key));
            if (record) {
                record(set.getJWTID(), false);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** Writes the ledger row of a token id, revoked or not. */
    void record(String jti, boolean revoked) throws Exception {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO idn_token (jti, kind, family_id, client_id, scope, "
                     + "issued_at, expires_at, revoked_at) VALUES (?, 'access', 'family-1', 'portal', '', ?, ?, ?)")) {
            insert.setString(1, jti);
            insert.setTimestamp(2, Timestamp.from(now));
            insert.setTimestamp(3, Timestamp.from(now.plus(Duration.ofMinutes(5))));
            insert.setTimestamp(4, revoked ? Timestamp.from(now) : null);
            insert.executeUpdate();
        }
    }

    /** Marks a token revoked, as logout or RFC 7009 revocation does. */
    void revoke(String token) throws Exception {
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE idn_token SET revoked_at = ? WHERE jti = ?")) {
            update.setTimestamp(1, Timestamp.from(clock.instant()));
            update.setString(2, jti);
            update.executeUpdate();
        }
    }
}
