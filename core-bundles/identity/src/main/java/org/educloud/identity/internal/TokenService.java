package org.educloud.identity.internal;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.educloud.identity.Account;
import org.educloud.identity.Client;
import org.educloud.identity.RoleGrant;
import org.educloud.identity.internal.AuthorizationCodes.Redeemed;
import org.educloud.identity.internal.TokenLedger.Entry;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.Scope;

/**
 * Issues, rotates, revokes and checks tokens. Access and ID tokens are RS256 JWTs; refresh
 * tokens are random handles. Every token gets a ledger row in the same transaction, so it can be
 * revoked, and a refresh token can be used once: presenting a used one revokes its whole family.
 */
@Component(service = TokenService.class, configurationPid = IdentityConfig.PID)
public final class TokenService {

    /** The audience of access tokens: the kernel's and apps' REST APIs. */
    static final String API_AUDIENCE = "educloud";
    static final String ACCESS = "access";
    static final String REFRESH = "refresh";
    /** The role a client-credentials token holds at the client's owner org. */
    static final String AGENCY_ROLE = "agency";

    /** Tokens issued in one response. */
    record Issued(SignedJWT accessToken, long expiresIn, String refreshToken, SignedJWT idToken, Scope scope) {
    }

    private final DataSource dataSource;
    private final OidcProvider provider;
    private final JdbcAccountDirectory accounts;
    private final AccessControl access;
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;
    private final AuditTrail audit;

    @Activate
    public TokenService(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "provider") OidcProvider provider, @Reference(name = "accounts") JdbcAccountDirectory accounts,
            @Reference(name = "access") AccessControl access, IdentityConfig config) {
        this(dataSource, provider, accounts, access, Duration.ofSeconds(config.accessTokenSeconds()),
                Duration.ofHours(config.refreshTokenHours()), Clock.systemUTC());
    }

    TokenService(DataSource dataSource, OidcProvider provider, JdbcAccountDirectory accounts, AccessControl access,
            Duration accessLifetime, Duration refreshLifetime, Clock clock) {
        this.dataSource = dataSource;
        this.access = access;
        this.provider = provider;
        this.accounts = accounts;
        this.accessLifetime = accessLifetime;
        this.refreshLifetime = refreshLifetime;
        this.clock = clock;
        this.audit = new AuditTrail(dataSource);
    }

    /** The tokens for a redeemed authorization code. */
    Issued forCode(Client client, Redeemed code, String address) {
        Account account = liveAccount(code.grant().accountId());
        Scope scope = Scope.parse(code.grant().scope());
        return issue(client, Optional.of(account), scope, code.grant().sessionId(), code.grant().authTime(), code.familyId(),
                code.grant().nonce(), address, "token.code");
    }

    /** New tokens for a refresh token, which is used up; a used one revokes its whole family. */
    Issued forRefresh(Client client, String refreshToken, Scope requested, String address) {
        String jti = ClientSecret.digest(refreshToken == null ? "" : refreshToken);
        Instant now = clock.instant();
        Object outcome = Transactions.inTransaction(dataSource, connection -> {
            Optional<Entry> found = TokenLedger.find(connection, jti, true).filter(e -> e.kind().equals(REFRESH));
            if (found.isEmpty() || !found.get().clientId().equals(client.clientId())) {
                return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the refresh token is not known to this client: log in again");
            }
            Entry entry = found.get();
            if (entry.usedAt() != null) {
                int revoked = TokenLedger.revokeFamily(connection, entry.familyId());
                AuditTrail.record(connection, client.clientId(), "refresh.reuse", client.clientId(), address, "refused",
                        "a rotated refresh token was presented again; revoked " + revoked + " tokens of its family");
                return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the refresh token was already used; every token of "
                        + "this login is now revoked. Log in again");
            }
            if (!entry.activeAt(now)) {
                return new OAuthFailure(OAuth2Error.INVALID_GRANT, "the refresh token has expired or was revoked: log in again");
            }
            TokenLedger.markUsed(connection, jti, now);
            return entry;
        });
        if (outcome instanceof OAuthFailure failure) {
            throw failure;
        }
        Entry entry = (Entry) outcome;
        Scope granted = Scope.parse(entry.scope());
        Scope scope = requested == null ? granted : requested;
        if (!granted.containsAll(scope)) {
            throw new OAuthFailure(OAuth2Error.INVALID_SCOPE, "a refresh may only narrow the scope; it was granted '" + granted + "'");
        }
        Account account = liveAccount(entry.accountId());
        return issue(client, Optional.of(account), scope, entry.sessionId(), entry.authTime(), entry.familyId(), null, address,
                "token.refresh");
    }

    /** An access token for a client acting for itself. */
    Issued forClient(Client client, Scope scope, String address) {
        return issue(client, Optional.empty(), scope, null, null, ClientSecret.generate().substring(0, 32), null, address,
                "token.client-credentials");
    }

    /**
     * Revokes a token of this client (RFC 7009): a refresh token takes its family with it, an
     * access token only itself. Unknown tokens and other clients' tokens are ignored.
     */
    void revoke(Client client, String token, String address) {
        Optional<String> jti = accessJti(token).or(() -> Optional.of(ClientSecret.digest(token)));
        int revoked = Transactions.inTransaction(dataSource, connection -> {
            Optional<Entry> entry = TokenLedger.find(connection, jti.get(), false)
                    .filter(e -> e.clientId().equals(client.clientId()));
            if (entry.isEmpty()) {
                return 0;
            }
            return entry.get().kind().equals(REFRESH) ? TokenLedger.revokeFamily(connection, entry.get().familyId())
                    : TokenLedger.revokeToken(connection, entry.get().jti());
        });
        audit.record(client.clientId(), "token.revoke", client.clientId(), address, revoked > 0 ? "success" : "ignored",
                revoked + " tokens revoked");
    }

    /** The ledger row of an active token (access or refresh), if the token is one. */
    Optional<Entry> active(String token) {
        Optional<VerifiedToken> accessToken = access.verified(token == null ? "" : token);
        String jti = accessToken.map(VerifiedToken::tokenId).orElseGet(() -> ClientSecret.digest(token == null ? "" : token));
        Instant now = clock.instant();
        return Transactions.inTransaction(dataSource, connection -> TokenLedger.find(connection, jti, false))
                .filter(e -> e.activeAt(now))
                .filter(e -> accessToken.isPresent() ? e.kind().equals(ACCESS) : e.kind().equals(REFRESH) && e.usedAt() == null);
    }

    Optional<Account> account(long id) {
        return accounts.byId(id);
    }

    private Issued issue(Client client, Optional<Account> account, Scope scope, String sessionId, Instant authTime,
            String familyId, String nonce, String address, String action) {
        Instant now = clock.instant();
        String subject = account.map(a -> String.valueOf(a.id())).orElse(client.clientId());
        String accessJti = ClientSecret.generate().substring(0, 32);
        JWTClaimsSet.Builder access = new JWTClaimsSet.Builder().issuer(provider.issuer().getValue()).subject(subject)
                .audience(API_AUDIENCE).claim("client_id", client.clientId()).claim("scope", scope.toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(accessLifetime))).jwtID(accessJti);
        account.ifPresent(a -> userClaims(access, a).claim("auth_time", authTime.getEpochSecond()).claim("sid", sessionId));
        if (account.isEmpty()) {
            // A client acting for itself (an agency's system) holds the agency role at its owner org: its
            // scopes say what it may call, the role and org say where.
            client.ownerOrg().ifPresent(org -> access.claim("orgs", List.of(org.value()))
                    .claim("roles", List.of(new RoleGrant(AGENCY_ROLE, org).toString())));
        }
        SignedJWT accessToken = sign(access.build(), new JOSEObjectType("at+jwt"), JWSAlgorithm.RS256);
        SignedJWT idToken = null;
        if (account.isPresent() && scope.contains("openid")) {
            JWTClaimsSet.Builder id = new JWTClaimsSet.Builder().issuer(provider.issuer().getValue()).subject(subject)
                    .audience(client.clientId()).claim("azp", client.clientId()).issueTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(accessLifetime))).claim("auth_time", authTime.getEpochSecond())
                    .claim("sid", sessionId);
            if (nonce != null) {
                id.claim("nonce", nonce);
            }
            userClaims(id, account.get()).claim("name", account.get().displayName());
            idToken = sign(id.build(), JOSEObjectType.JWT, JWSAlgorithm.parse(client.idTokenSigningAlg()));
        }
        String refresh = account.isPresent() && client.grantTypes().contains("refresh_token") ? ClientSecret.generate() : null;
        Long accountId = account.map(Account::id).orElse(null);
        Transactions.inTransaction(dataSource, connection -> {
            TokenLedger.record(connection, new Entry(accessJti, ACCESS, familyId, client.clientId(), accountId, sessionId,
                    scope.toString(), authTime, now, now.plus(accessLifetime), null, null));
            if (refresh != null) {
                TokenLedger.record(connection, new Entry(ClientSecret.digest(refresh), REFRESH, familyId, client.clientId(),
                        accountId, sessionId, scope.toString(), authTime, now, now.plus(refreshLifetime), null, null));
            }
            AuditTrail.record(connection, account.map(Account::username).orElse(client.clientId()), action, client.clientId(),
                    address, "success", "scope " + scope + (refresh != null ? ", with refresh token" : ""));
            return null;
        });
        return new Issued(accessToken, accessLifetime.toSeconds(), refresh, idToken, scope);
    }

    private static JWTClaimsSet.Builder userClaims(JWTClaimsSet.Builder claims, Account account) {
        AccountClaims about = AccountClaims.of(account);
        return claims.claim("preferred_username", account.username()).claim("roles", about.roles())
                .claim("orgs", about.orgs()).claim("org_ids", about.orgIds());
    }

    private Account liveAccount(Long id) {
        Account account = id == null ? null : accounts.byId(id).orElse(null);
        if (account == null || account.locked()) {
            throw new OAuthFailure(OAuth2Error.INVALID_GRANT, "the account is locked or gone: ask an administrator");
        }
        return account;
    }

    private SignedJWT sign(JWTClaimsSet claims, JOSEObjectType type, JWSAlgorithm algorithm) {
        JWK key = provider.signingKey(algorithm);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(type).build(), claims);
        try {
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign a token: " + e.getMessage(), e);
        }
        return jwt;
    }

    /** The jti of a JWT access token, unverified (for revocation, which only needs to find the row). */
    private static Optional<String> accessJti(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            return Optional.ofNullable(jwt.getJWTClaimsSet().getJWTID());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
