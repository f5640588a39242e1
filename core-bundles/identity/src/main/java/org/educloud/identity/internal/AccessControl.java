package org.educloud.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.lang.util.LifecycleUtils;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.DefaultSessionStorageEvaluator;
import org.apache.shiro.mgt.DefaultSubjectDAO;
import org.apache.shiro.subject.Subject;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The kernel's Shiro security manager, built in code (Shiro's INI loading needs the bundle as
 * context class loader) and owned by this component: nothing is set as Shiro's static default, so
 * two kernels in one JVM (tests) or a restarted bundle never share one. Each request gets a
 * Subject of its own that lives as long as the request: no sessions, no remember-me.
 */
@Component(service = AccessControl.class)
public final class AccessControl {

    /** Clocks of the provider and this node may differ this much when checking expiry. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** How long a change to idn_role_permission takes to reach every node. */
    static final Duration ROLE_FRESHNESS = Duration.ofSeconds(30);

    private final DefaultSecurityManager securityManager;
    private final RolePermissions roles;
    private final AccessTokenVerifier tokens;

    @Activate
    public AccessControl(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "provider") OidcProvider provider) {
        this(new AccessTokenVerifier(provider::publicKeys, provider.metadata().getIssuer().getValue(),
                new TokenRevocations(dataSource), CLOCK_SKEW, Clock.systemUTC()),
                new RolePermissions(dataSource, ROLE_FRESHNESS, Clock.systemUTC()));
    }

    AccessControl(AccessTokenVerifier tokens, RolePermissions roles) {
        this.roles = roles;
        this.tokens = tokens;
        OrgRealm realm = new OrgRealm(tokens, roles);
        realm.init();
        securityManager = new DefaultSecurityManager(realm);
        DefaultSessionStorageEvaluator noSessions = new DefaultSessionStorageEvaluator();
        noSessions.setSessionStorageEnabled(false);
        DefaultSubjectDAO subjects = new DefaultSubjectDAO();
        subjects.setSessionStorageEvaluator(noSessions);
        securityManager.setSubjectDAO(subjects);
    }

    /**
     * Logs an access token in as a new Subject for one request.
     *
     * @param token   the bearer token as sent
     * @param address the client's address, for the audit trail
     * @throws InvalidTokenException when the token must be refused, saying why
     * @throws TokenRevocations.TokenCheckUnavailable when the token cannot be checked now
     */
    TokenCaller authenticate(String token, String address) {
        Subject subject = new Subject.Builder(securityManager).host(address).sessionCreationEnabled(false).buildSubject();
        try {
            subject.login(new BearerToken(token, address));
        } catch (InvalidTokenException e) {
            throw e;
        } catch (AuthenticationException e) {
            // Shiro wraps what the realm threw when it is not an AuthenticationException of its own.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof TokenRevocations.TokenCheckUnavailable unavailable) {
                    throw unavailable;
                }
            }
            throw new InvalidTokenException("the access token could not be accepted; get a new token");
        }
        return new TokenCaller(subject, subject.getPrincipals().oneByType(VerifiedToken.class), address);
    }

    /**
     * The checked contents of an access token (signature, type, issuer, audience, expiry, not
     * revoked), or empty when it must be refused: for the provider's own userinfo and
     * introspection, which answer in OAuth's terms rather than through a Shiro subject.
     */
    Optional<VerifiedToken> verified(String token) {
        try {
            return Optional.of(tokens.verify(token));
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
    }

    /** The roles and what they grant. */
    RolePermissions roles() {
        return roles;
    }

    @Deactivate
    void close() {
        LifecycleUtils.destroy(securityManager);
    }
}
