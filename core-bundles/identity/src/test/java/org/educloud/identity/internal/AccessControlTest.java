package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;

/** The Shiro realm and the token checks against a real MariaDB with the seeded roles. */
class AccessControlTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private DataSource dataSource;
    private SigningKeyRing keys;
    private TestTokens tokens;
    private AccessControl access;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = IdentityDatabase.fresh("access_realm");
        keys = new SigningKeyRing(dataSource, new KeyEncryptionKey(new byte[32]), Duration.ofDays(90), Duration.ofSeconds(300), clock);
        tokens = new TestTokens(dataSource, keys, clock);
        access = accessControl(Duration.ofSeconds(30));
    }

    private AccessControl accessControl(Duration roleFreshness) {
        return new AccessControl(new AccessTokenVerifier(keys::publicKeys, TestTokens.ISSUER, new TokenRevocations(dataSource),
                Duration.ofSeconds(30), clock), new RolePermissions(dataSource, roleFreshness, clock));
    }

    @Test
    void aSchoolAdminMayManageAccountsInTheSchoolAndNowhereElse() {
        TokenCaller caller = access.authenticate(tokens.user("42", "wang.admin", "openid identity.accounts",
                List.of("school-admin@" + SCHOOL)), "10.0.0.1");

        assertEquals("42", caller.subject());
        assertEquals(Optional.of("wang.admin"), caller.username());
        assertEquals(Set.of("openid", "identity.accounts"), caller.scopes());
        assertEquals(List.of(RoleGrant.parse("school-admin@" + SCHOOL)), caller.grants());
        assertTrue(caller.isPermitted("identity:accounts:lock", OrgPath.of(SCHOOL)));
        assertTrue(caller.isPermitted("basedata:students:read", OrgPath.of(SCHOOL + "/grade-7")));
        assertFalse(caller.isPermitted("identity:accounts:lock", OrgPath.of("/37/3701/370102")), "not the district above");
        assertFalse(caller.isPermitted("identity:accounts:lock", OrgPath.of("/37/3701/370102/3701020002")), "not the school next door");
        assertFalse(caller.isPermitted("apps:packages:submit", OrgPath.of(SCHOOL)), "not what the role does not give");
        assertEquals(List.of(OrgPath.of(SCHOOL)), caller.scopeOf("identity:accounts:read"));
        assertEquals(List.of(), caller.scopeOf("apps:packages:submit"));
    }

    @Test
    void anOperatorMayDoAnythingAnywhereAndScopeOfSaysTheWholeRegion() {
        TokenCaller caller = access.authenticate(tokens.user("1", "operator", "", List.of("operator@/", "teacher@" + SCHOOL)), null);
        assertTrue(caller.isPermitted("apps:packages:review", OrgPath.of(SCHOOL)));
        assertEquals(List.of(OrgPath.ROOT), caller.scopeOf("identity:accounts:grant"), "the school is inside the root");
    }

    @Test
    void rolesHeldAtSeveralOrgsAddUp() {
        TokenCaller caller = access.authenticate(tokens.user("7", "li.teacher", "", List.of("teacher@/37/3701/370102/3701020001",
                "teacher@/37/3701/370103/3701030009", "student@/37/3701/370103/3701030009")), null);
        assertEquals(List.of(OrgPath.of("/37/3701/370102/3701020001"), OrgPath.of("/37/3701/370103/3701030009")),
                caller.scopeOf("basedata:students:read"));
        assertFalse(caller.isPermitted("basedata:students:read", OrgPath.of("/37/3701/370102/3701020002")));
    }

    @Test
    void aClientActingForItselfHasNoUsernameAndNoRoles() {
        TokenCaller caller = access.authenticate(tokens.mint(c -> c.claim("scope", "basedata.read"), h -> h, true), null);
        assertEquals("agency-1", caller.clientId());
        assertEquals(Optional.empty(), caller.username());
        assertFalse(caller.isPermitted("basedata:orgs:read", OrgPath.ROOT));
    }

    @Test
    void aChangedRoleTakesEffectOnceTheCacheIsStale() throws Exception {
        String token = tokens.user("9", "zhao.guardian", "", List.of("guardian@" + SCHOOL));
        assertFalse(access.authenticate(token, null).isPermitted("basedata:students:read", OrgPath.of(SCHOOL)));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO idn_role_permission (role, permission) VALUES ('guardian', 'basedata:students:read')");
        }
        assertFalse(access.authenticate(token, null).isPermitted("basedata:students:read", OrgPath.of(SCHOOL)), "cached");
        clock.advance(Duration.ofSeconds(31));
        assertTrue(access.authenticate(token, null).isPermitted("basedata:students:read", OrgPath.of(SCHOOL)));
    }

    @Test
    void tokensThatBreakTheContractAreRefusedSayingWhy() throws Exception {
        assertRefused("not a signed JWT", "a.b");
        assertRefused("typ must be at+jwt", tokens.mint(c -> c, h -> h.type(JOSEObjectType.JWT), true));
        assertRefused("not by this provider", tokens.mint(c -> c.issuer("https://evil.example"), h -> h, true));
        assertRefused("aud must contain educloud", tokens.mint(c -> c.audience("other-api"), h -> h, true));
        assertRefused("expired", tokens.mint(c -> c.expirationTime(Date.from(clock.instant().minusSeconds(31))), h -> h, true));
        assertRefused("not one this provider issued", tokens.mint(c -> c, h -> h, false));
        assertRefused("does not publish", tokens.mint(c -> c, h -> h.keyID("20260101-unknown"), true));

        String revoked = tokens.mint(c -> c, h -> h, true);
        access.authenticate(revoked, null);
        tokens.revoke(revoked);
        assertRefused("revoked", revoked);

        String tampered = tokens.mint(c -> c, h -> h, true);
        String[] parts = tampered.split("\\.");
        String other = tokens.user("1", "operator", "", List.of("operator@/")).split("\\.")[1];
        assertRefused("signature does not verify", parts[0] + "." + other + "." + parts[2]);
    }

    @Test
    void aTokenAFewSecondsPastExpiryStillPassesWithinTheClockSkew() {
        String token = tokens.mint(c -> c.expirationTime(Date.from(clock.instant().minusSeconds(10))), h -> h, true);
        assertEquals("agency-1", access.authenticate(token, null).clientId());
    }

    @Test
    void aKeyRotatedInAfterTheKeysWereCachedIsFetchedOnItsFirstToken() {
        access.authenticate(tokens.mint(c -> c, h -> h, true), null);
        keys.rotateNow();
        clock.advance(Duration.ofSeconds(AccessTokenVerifier.REFETCH_SECONDS + 1));
        String signedWithNewKey = tokens.mint(c -> c.expirationTime(Date.from(clock.instant().plusSeconds(300))), h -> h, true);
        assertEquals("agency-1", access.authenticate(signedWithNewKey, null).clientId());
    }

    private void assertRefused(String why, String token) {
        InvalidTokenException refused = assertThrows(InvalidTokenException.class, () -> access.authenticate(token, null));
        assertTrue(refused.getMessage().contains(why), "expected '" + why + "' in: " + refused.getMessage());
    }
}
