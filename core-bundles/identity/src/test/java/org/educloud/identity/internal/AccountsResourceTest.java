package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.AccountProblem;
import org.educloud.identity.NewAccount;
import org.educloud.identity.RoleGrant;
import org.educloud.identity.internal.AccountsResource.AccountPage;
import org.educloud.identity.internal.AccountsResource.AccountView;
import org.educloud.identity.internal.AccountsResource.GrantRequest;
import org.educloud.identity.internal.AccountsResource.NewAccountRequest;
import org.educloud.platform.rest.ProblemException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The accounts admin API's org-scoped decisions, called as the JAX-RS runtime would, on MariaDB. */
class AccountsResourceTest {

    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String OTHER_SCHOOL = "/37/3701/370102/3701020002";
    private static final String PASSWORD = "correct horse battery";
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private DataSource dataSource;
    private TestTokens tokens;
    private AccessControl access;
    private JdbcAccountDirectory accounts;
    private AccountsResource resource;

    @BeforeEach
    void freshDatabase() throws Exception {
        dataSource = IdentityDatabase.fresh("access_accounts_api");
        SigningKeyRing keys = new SigningKeyRing(dataSource, new KeyEncryptionKey(new byte[32]), Duration.ofDays(90), Duration.ofSeconds(300), clock);
        tokens = new TestTokens(dataSource, keys, clock);
        access = new AccessControl(new AccessTokenVerifier(keys::publicKeys, TestTokens.ISSUER, new TokenRevocations(dataSource),
                Duration.ofSeconds(30), clock), new RolePermissions(dataSource, Duration.ofSeconds(30), clock));
        accounts = new JdbcAccountDirectory(dataSource, new PasswordHash(1024, 1, 1, new SecureRandom()));
        resource = new AccountsResource(accounts, access);
        for (String name : List.of("a.teacher", "b.student", "c.teacher", "d.student")) {
            accounts.create(NewAccount.of(name, name, PASSWORD, List.of(RoleGrant.parse(
                    (name.endsWith("teacher") ? "teacher@" : "student@") + SCHOOL))), "test");
        }
        accounts.create(NewAccount.of("x.elsewhere", "x", PASSWORD, List.of(RoleGrant.parse("teacher@" + OTHER_SCHOOL))), "test");
        accounts.create(NewAccount.of("y.both", "y", PASSWORD, List.of(RoleGrant.parse("teacher@" + SCHOOL),
                RoleGrant.parse("teacher@" + OTHER_SCHOOL))), "test");
        accounts.create(NewAccount.of("z.nobody", "z", PASSWORD, List.of()), "test");
    }

    @Test
    void aSchoolAdminListsOnlyAccountsWhollyInsideTheSchoolPageByPage() {
        SecurityContext admin = as("school-admin@" + SCHOOL);
        AccountPage first = (AccountPage) resource.list(null, "2", null, admin, uri("/api/identity/v1/accounts?limit=2")).getEntity();
        assertEquals(List.of("a.teacher", "b.student"), first.items().stream().map(AccountView::username).toList());
        assertEquals("b.student", first.cursor());
        assertEquals("/api/identity/v1/accounts?limit=2&after=b.student", first.next());

        AccountPage second = (AccountPage) resource.list(first.cursor(), "2", null, admin, uri(first.next())).getEntity();
        assertEquals(List.of("c.teacher", "d.student"), second.items().stream().map(AccountView::username).toList(),
                "x.elsewhere (another school), y.both (partly elsewhere) and z.nobody (no role) are not theirs");
        assertNull(second.cursor());

        AccountPage all = (AccountPage) resource.list(null, null, null, as("operator@/"), uri("/api/identity/v1/accounts")).getEntity();
        assertEquals(7, all.items().size());
    }

    @Test
    void badPagingInputNamesTheField() {
        ProblemException bad = assertThrows(ProblemException.class,
                () -> resource.list(null, "5000", null, as("operator@/"), uri("/api/identity/v1/accounts")));
        assertEquals(400, bad.problem().status());
        assertEquals("limit", bad.problem().field());
    }

    @Test
    void aSchoolAdminLocksInsideTheSchoolAndIsRefusedOutsideItAndItIsAudited() throws Exception {
        SecurityContext admin = as("school-admin@" + SCHOOL);
        assertTrue(resource.lock("a.teacher", admin).locked());
        assertEquals(403, assertThrows(ProblemException.class, () -> resource.lock("x.elsewhere", admin)).getResponse().getStatus());
        assertEquals(403, assertThrows(ProblemException.class, () -> resource.lock("y.both", admin)).getResponse().getStatus());
        ProblemException noRoles = assertThrows(ProblemException.class, () -> resource.get("z.nobody", admin));
        assertTrue(noRoles.problem().detail().contains("region-wide"), noRoles.problem().detail());
        assertEquals("api:wang.admin via portal|10.0.0.7", audit("account.lock", "a.teacher"));
        assertEquals(AccountProblem.Kind.NOT_FOUND,
                assertThrows(AccountProblem.class, () -> resource.lock("no.such", admin)).kind());
    }

    @Test
    void noOneGrantsMoreThanTheyHold() throws Exception {
        SecurityContext admin = as("school-admin@" + SCHOOL);
        assertEquals(List.of("teacher@" + SCHOOL, "school-admin@" + SCHOOL + "/dept-1"),
                resource.grant("a.teacher", new GrantRequest("school-admin@" + SCHOOL + "/dept-1"), admin).grants());
        ProblemException vendor = assertThrows(ProblemException.class,
                () -> resource.grant("a.teacher", new GrantRequest("vendor@" + SCHOOL), admin));
        assertEquals(403, vendor.problem().status());
        assertTrue(vendor.problem().detail().contains("apps:packages:*"), vendor.problem().detail());
        assertEquals(403, assertThrows(ProblemException.class,
                () -> resource.grant("a.teacher", new GrantRequest("operator@" + SCHOOL), admin)).problem().status(),
                "an operator role at the school would give everything there");
        assertEquals(403, assertThrows(ProblemException.class,
                () -> resource.grant("a.teacher", new GrantRequest("teacher@" + OTHER_SCHOOL), admin)).problem().status());
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> resource.grant("a.teacher", new GrantRequest("wizard@" + SCHOOL), admin));
        assertEquals("grant", unknown.problem().field());
        assertEquals("grant", assertThrows(ProblemException.class,
                () -> resource.grant("a.teacher", new GrantRequest("teacher"), admin)).problem().field());

        assertEquals(List.of("teacher@" + SCHOOL), resource.revoke("a.teacher", "school-admin@" + SCHOOL + "/dept-1", admin).grants());
        assertEquals("api:wang.admin via portal|10.0.0.7", audit("account.revoke", "a.teacher"));
    }

    @Test
    void createChecksEveryGrantAndReportsBadInputByField() {
        SecurityContext admin = as("school-admin@" + SCHOOL);
        Response created = resource.create(new NewAccountRequest("e.teacher", "新老师", PASSWORD, null, "T-0001", null,
                List.of("teacher@" + SCHOOL)), admin, uri("/api/identity/v1/accounts"));
        assertEquals(201, created.getStatus());
        assertEquals("/api/identity/v1/accounts/e.teacher", created.getLocation().getPath());
        assertTrue(((AccountView) created.getEntity()).mustChangePassword());

        assertEquals("grants[1]", assertThrows(ProblemException.class, () -> resource.create(new NewAccountRequest("f", "f", PASSWORD,
                null, null, null, List.of("teacher@" + SCHOOL, "teacher@school")), admin, uri("/api/identity/v1/accounts")))
                .problem().field());
        assertEquals(403, assertThrows(ProblemException.class, () -> resource.create(new NewAccountRequest("g.teacher", "g", PASSWORD,
                null, null, null, List.of()), admin, uri("/api/identity/v1/accounts"))).problem().status(),
                "an account without roles is the whole region's");
        AccountProblem weak = assertThrows(AccountProblem.class, () -> resource.create(new NewAccountRequest("h.teacher", "h", "short",
                null, null, null, List.of("teacher@" + SCHOOL)), admin, uri("/api/identity/v1/accounts")));
        assertEquals("initialPassword", weak.field());
        assertEquals(400, AccountProblemMapper.problemOf(weak).status());
    }

    private SecurityContext as(String... roles) {
        TokenCaller caller = access.authenticate(tokens.user("42", "wang.admin", "identity.accounts", List.of(roles)), "10.0.0.7");
        return new CallerSecurityContext(caller, false);
    }

    private static UriInfo uri(String pathAndQuery) {
        URI request = URI.create("http://localhost:8181" + pathAndQuery);
        return Fakes.of(UriInfo.class, Map.of("getRequestUriBuilder", a -> UriBuilder.fromUri(request),
                "getAbsolutePathBuilder", a -> UriBuilder.fromUri(request).replaceQuery(null)));
    }

    private String audit(String action, String target) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT actor, address FROM idn_audit_event WHERE action = '" + action
                     + "' AND target = '" + target + "' ORDER BY id DESC LIMIT 1")) {
            return row.next() ? row.getString(1) + "|" + row.getString(2) : "none";
        }
    }
}
