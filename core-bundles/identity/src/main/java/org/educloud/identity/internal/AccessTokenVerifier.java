package org.educloud.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.educloud.identity.RoleGrant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Checks an access token against the contract in the identity README: an RS256 JWT of type
 * {@code at+jwt} signed by one of the provider's published keys, from this issuer, for the
 * audience {@value #AUDIENCE}, not expired (allowing {@code skew} between clocks), and still
 * standing in the token ledger. Each refusal says which check failed.
 *
 * <p>Keys are cached; a token signed with a key id the cache does not know makes it refetch
 * (at most once per {@value #REFETCH_SECONDS} s, so random key ids cannot hammer the database),
 * which is how a key rotated in on another node is picked up.
 */
final class AccessTokenVerifier {

    static final String AUDIENCE = "educloud";
    static final int REFETCH_SECONDS = 10;
    /** Even without unknown key ids, drop retired keys from the cache after this long. */
    private static final Duration KEY_CACHE = Duration.ofMinutes(5);
    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");

    private final Supplier<JWKSet> publishedKeys;
    private final String issuer;
    private final TokenRevocations ledger;
    private final Duration skew;
    private final Clock clock;
    private volatile CachedKeys keys;

    AccessTokenVerifier(Supplier<JWKSet> publishedKeys, String issuer, TokenRevocations ledger, Duration skew, Clock clock) {
        this.publishedKeys = publishedKeys;
        this.issuer = issuer;
        this.ledger = ledger;
        this.skew = skew;
        this.clock = clock;
    }

    /**
     * @throws InvalidTokenException when the token must be refused, saying why
     * @throws TokenRevocations.TokenCheckUnavailable when the database cannot say whether it was revoked
     */
    VerifiedToken verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token == null ? "" : token.strip());
        } catch (ParseException e) {
            throw new InvalidTokenException("the access token is not a signed JWT; get a new one from the token endpoint");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("the access token is signed with " + header.getAlgorithm() + "; only RS256 tokens "
                    + "from this provider are accepted");
        }
        if (!AT_JWT.equals(header.getType()) && !APPLICATION_AT_JWT.equals(header.getType())) {
            throw new InvalidTokenException("the token is not an access token (typ must be at+jwt); send the access_token, "
                    + "not the ID token");
        }
        RSAKey key = key(header.getKeyID());
        try {
            if (!jwt.verify(new RSASSAVerifier(key))) {
                throw new InvalidTokenException("the access token's signature does not verify; get a new token");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the access token's signature could not be checked; get a new token");
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("the access token's claims are not valid JSON; get a new token");
        }
        return checkClaims(claims);
    }

    private VerifiedToken checkClaims(JWTClaimsSet claims) {
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the access token was issued by " + claims.getIssuer() + ", not by this provider ("
                    + issuer + "); get a token from " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(AUDIENCE)) {
            throw new InvalidTokenException("the access token is not meant for the EduCloud APIs (aud must contain "
                    + AUDIENCE + ")");
        }
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidTokenException("the access token has no expiry (exp); get a new token");
        }
        if (!expiry.toInstant().plus(skew).isAfter(now)) {
            throw new InvalidTokenException("the access token expired at " + expiry.toInstant() + "; get a new one "
                    + "(refresh token or the token endpoint)");
        }
        if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().toInstant().minus(skew).isAfter(now)) {
            throw new InvalidTokenException("the access token is not valid before " + claims.getNotBeforeTime().toInstant());
        }
        if (claims.getIssueTime() != null && claims.getIssueTime().toInstant().minus(skew).isAfter(now)) {
            throw new InvalidTokenException("the access token is issued in the future (" + claims.getIssueTime().toInstant()
                    + "); check the clocks");
        }
        String tokenId = claims.getJWTID();
        String subject = claims.getSubject();
        String clientId = text(claims, "client_id");
        if (tokenId == null || subject == null || clientId == null) {
            throw new InvalidTokenException("the access token lacks jti, sub or client_id; get a new token");
        }
        switch (ledger.standing(tokenId)) {
            case REVOKED -> throw new InvalidTokenException("the access token was revoked; log in again or get a new token");
            case UNKNOWN -> throw new InvalidTokenException("the access token is not one this provider issued or it has been "
                    + "purged; get a new token");
            case ACTIVE -> { }
        }
        Set<String> scopes = new LinkedHashSet<>();
        String scope = text(claims, "scope");
        if (scope != null) {
            for (String one : scope.trim().split("\\s+")) {
                if (!one.isEmpty()) {
                    scopes.add(one);
                }
            }
        }
        Optional<String> username = Optional.ofNullable(text(claims, "preferred_username")).filter(name -> !subject.equals(clientId));
        return new VerifiedToken(subject, clientId, username, scopes, grants(claims), tokenId, expiry.toInstant());
    }

    private static List<RoleGrant> grants(JWTClaimsSet claims) {
        List<RoleGrant> grants = new ArrayList<>();
        try {
            List<String> roles = claims.getStringListClaim("roles");
            if (roles != null) {
                for (String role : roles) {
                    grants.add(RoleGrant.parse(role));
                }
            }
        } catch (ParseException | IllegalArgumentException e) {
            throw new InvalidTokenException("the access token's roles claim is not a list of role@/org/path; get a new token");
        }
        return grants;
    }

    private static String text(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            throw new InvalidTokenException("the access token's " + name + " claim is not a string; get a new token");
        }
    }

    private RSAKey key(String keyId) {
        if (keyId == null) {
            throw new InvalidTokenException("the access token names no signing key (kid); get a new token");
        }
        Instant now = clock.instant();
        CachedKeys cached = keys;
        if (cached == null || !cached.fetchedAt.plus(KEY_CACHE).isAfter(now)
                || (cached.set.getKeyByKeyId(keyId) == null && !cached.fetchedAt.plusSeconds(REFETCH_SECONDS).isAfter(now))) {
            cached = new CachedKeys(publishedKeys.get(), now);
            keys = cached;
        }
        JWK key = cached.set.getKeyByKeyId(keyId);
        if (!(key instanceof RSAKey rsa)) {
            throw new InvalidTokenException("the access token is signed with a key (kid " + keyId + ") this provider does not "
                    + "publish; get a new token");
        }
        return rsa;
    }

    private record CachedKeys(JWKSet set, Instant fetchedAt) {
    }
}
