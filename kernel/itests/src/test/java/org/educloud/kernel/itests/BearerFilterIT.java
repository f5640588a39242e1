package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.Browser;
import org.educloud.testkit.KernelAddress;
import org.educloud.testkit.KernelHttp;
import org.educloud.testkit.LoginFlow;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The kernel's one bearer-token filter on the booted distribution: protected APIs refuse requests
 * without a valid token with RFC 6750 challenges and RFC 9457 problem bodies; the health probe and
 * the OpenID Connect endpoints stay open; real tokens from the kernel's own token endpoint (client
 * credentials, and a school administrator's login through the authorization code flow) get in, as
 * far as their scopes and their roles' orgs allow.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BearerFilterIT {

    private static final String ME = "/api/identity/v1/me";
    private static final String ACCOUNTS = "/api/identity/v1/accounts";
    private static final String SCHOOL = "/37/3701/370102/3701020001";
    private static final String PASSWORD = "first login password";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Inject
    @Filter(timeout = 120_000)
    private AccountDirectory accounts;

    @Inject
    @Filter(timeout = 120_000)
    private ClientDirectory clients;

    @Configuration
    public Option[] config() {
        return KernelUnderTest.options();
    }

    @Test
    public void withoutATokenAProtectedApiAnswers401WithAChallengeAndAProblem() throws Exception {
        HttpResponse<String> response = KernelHttp.getUntil(ME, r -> r.statusCode() != 404 && r.statusCode() != 503, Duration.ofSeconds(90));
        assertEquals(response.body(), 401, response.statusCode());
        assertEquals("Bearer realm=\"educloud\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertProblem(response, 401, ME);
        assertTrue(response.body(), KernelHttp.json(response).path("detail").asText().contains("Authorization: Bearer"));
    }

    @Test
    public void aGarbageTokenIsRefusedAsInvalid() throws Exception {
        KernelHttp.getUntil(ME, r -> r.statusCode() == 401, Duration.ofSeconds(90));
        HttpResponse<String> response = KernelHttp.get(ME, "Bearer not-a-jwt");
        assertEquals(response.body(), 401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge, challenge.startsWith("Bearer realm=\"educloud\", error=\"invalid_token\", error_description=\""));
        assertProblem(response, 401, ME);

        HttpResponse<String> forged = KernelHttp.get("/api/identity/v1/accounts",
                // HS256 with a guessable secret: the classic algorithm-confusion forgery
                "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCIsImtpZCI6IngifQ.eyJzdWIiOiIxIiwiYXVkIjoiZWR1Y2xvdWQifQ."
                + "MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDA");
        assertEquals(forged.body(), 401, forged.statusCode());
        assertTrue(forged.body(), KernelHttp.json(forged).path("detail").asText().contains("RS256"));
    }

    @Test
    public void theHealthProbeAndTheOidcEndpointsNeedNoToken() throws Exception {
        assertEquals(200, KernelHttp.getUntil("/api/platform/v1/health", r -> r.statusCode() == 200, Duration.ofSeconds(90)).statusCode());
        assertEquals(200, KernelHttp.getUntil("/.well-known/openid-configuration", r -> r.statusCode() == 200,
                Duration.ofSeconds(90)).statusCode());
    }

    @Test
    public void anUnknownApiPathIsA404Problem() throws Exception {
        KernelHttp.getUntil(ME, r -> r.statusCode() == 401, Duration.ofSeconds(90));
        HttpResponse<String> response = KernelHttp.get("/api/identity/v1/no-such-thing", null);
        assertEquals(response.body(), 404, response.statusCode());
        assertProblem(response, 404, "/api/identity/v1/no-such-thing");
    }

    @Test
    public void aClientCredentialsTokenGetsInUntilItIsRevokedButOnlyWithTheScopesItHas() throws Exception {
        String id = "bearer-agency-" + SEQUENCE.incrementAndGet();
        String secret = cityClient(id);
        Browser browser = new Browser();
        Map<String, String> credentials = Map.of("client_id", id, "client_secret", secret);
        HttpResponse<String> issued = browser.post(KernelAddress.ISSUER + "/oauth2/token", with(credentials,
                "grant_type", "client_credentials", "scope", "basedata.read"), null);
        assertEquals(issued.body(), 200, issued.statusCode());
        String token = KernelHttp.json(issued).path("access_token").asText();

        HttpResponse<String> me = KernelHttp.get(ME, "Bearer " + token);
        assertEquals(me.body(), 200, me.statusCode());
        JsonNode caller = KernelHttp.json(me);
        assertEquals(id, caller.path("clientId").asText());
        assertTrue("a client acting for itself has no username: " + caller, caller.path("username").isNull());
        assertEquals("[\"basedata.read\"]", caller.path("scopes").toString());

        HttpResponse<String> noScope = KernelHttp.get(ACCOUNTS, "Bearer " + token);
        assertEquals(noScope.body(), 403, noScope.statusCode());
        String challenge = noScope.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge, challenge.contains("error=\"insufficient_scope\"") && challenge.contains("scope=\"identity.accounts\""));
        assertProblem(noScope, 403, ACCOUNTS);

        assertEquals(200, browser.post(KernelAddress.ISSUER + "/oauth2/revoke", with(credentials, "token", token), null).statusCode());
        HttpResponse<String> revoked = KernelHttp.get(ME, "Bearer " + token);
        assertEquals(revoked.body(), 401, revoked.statusCode());
        assertTrue(revoked.body(), KernelHttp.json(revoked).path("detail").asText().contains("revoked"));
    }

    /** An app's client when a later version asks for other scopes: a scope taken away stops working at once. */
    @Test
    public void aClientsScopesChangeAndTheTokensOfAScopeTakenAwayStopWorking() throws Exception {
        String id = "bearer-app-" + SEQUENCE.incrementAndGet();
        String secret = cityClient(id);
        Browser browser = new Browser();
        Map<String, String> credentials = Map.of("client_id", id, "client_secret", secret, "grant_type", "client_credentials");
        HttpResponse<String> refused = browser.post(KernelAddress.ISSUER + "/oauth2/token", with(credentials, "scope", "profile"), null);
        assertEquals(refused.body(), 400, refused.statusCode());

        clients.changeScopes(id, Set.of("basedata.read", "profile"), "itest");
        HttpResponse<String> wider = browser.post(KernelAddress.ISSUER + "/oauth2/token", with(credentials, "scope", "basedata.read profile"),
                null);
        assertEquals(wider.body(), 200, wider.statusCode());
        String token = KernelHttp.json(wider).path("access_token").asText();
        assertEquals(200, KernelHttp.get(ME, "Bearer " + token).statusCode());
        assertEquals(Set.of("basedata.read", "profile"), clients.find(id).orElseThrow().scopes());

        clients.changeScopes(id, Set.of("basedata.read"), "itest");
        HttpResponse<String> revoked = KernelHttp.get(ME, "Bearer " + token);
        assertEquals("a token holding a scope taken away is revoked: " + revoked.body(), 401, revoked.statusCode());
        HttpResponse<String> narrower = browser.post(KernelAddress.ISSUER + "/oauth2/token", with(credentials, "scope", "basedata.read profile"),
                null);
        assertEquals(narrower.body(), 400, narrower.statusCode());
        assertTrue(narrower.body(), narrower.body().contains("invalid_scope"));
        try {
            clients.changeScopes(id, Set.of("bad scope"), "itest");
            fail("a scope with a space was accepted");
        } catch (AccountProblem e) {
            assertEquals("scopes", e.field());
        }
    }

    @Test
    public void aSchoolAdministratorManagesTheSchoolsAccountsAndNoOthers() throws Exception {
        int n = SEQUENCE.incrementAndGet();
        String admin = "bearer.admin" + n;
        String teacher = "bearer.teacher" + n;
        String elsewhere = "bearer.elsewhere" + n;
        accounts.create(NewAccount.of(admin, "王校长", PASSWORD, List.of(RoleGrant.parse("school-admin@" + SCHOOL))), "itest");
        accounts.create(NewAccount.of(teacher, "李老师", PASSWORD, List.of(RoleGrant.parse("teacher@" + SCHOOL))), "itest");
        accounts.create(NewAccount.of(elsewhere, "赵老师", PASSWORD, List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020002"))),
                "itest");
        String bearer = "Bearer " + logIn(admin);

        HttpResponse<String> list = KernelHttp.get(ACCOUNTS + "?prefix=bearer.&limit=1", bearer);
        assertEquals(list.body(), 200, list.statusCode());
        JsonNode page = KernelHttp.json(list);
        assertEquals(list.body(), admin, page.path("items").path(0).path("username").asText());
        assertTrue(list.body(), list.headers().firstValue("Link").orElse("").contains("rel=\"next\""));
        JsonNode next = KernelHttp.json(KernelHttp.get(page.path("next").asText(), bearer));
        assertEquals(next.toString(), teacher, next.path("items").path(0).path("username").asText());
        assertTrue("the teacher of another school is not listed: " + next, next.path("next").isNull());

        HttpResponse<String> locked = KernelHttp.send("POST", ACCOUNTS + "/" + teacher + "/lock", bearer, null);
        assertEquals(locked.body(), 200, locked.statusCode());
        assertTrue(locked.body(), KernelHttp.json(locked).path("locked").asBoolean());
        assertTrue(accounts.find(teacher).orElseThrow().locked());

        HttpResponse<String> refused = KernelHttp.send("POST", ACCOUNTS + "/" + elsewhere + "/lock", bearer, null);
        assertEquals(refused.body(), 403, refused.statusCode());
        assertProblem(refused, 403, ACCOUNTS + "/" + elsewhere + "/lock");
        assertTrue(refused.body(), KernelHttp.json(refused).path("detail").asText().contains("identity:accounts:lock"));

        HttpResponse<String> badGrant = KernelHttp.send("POST", ACCOUNTS, bearer, "{\"username\": \"bearer.new" + n
                + "\", \"displayName\": \"新\", \"initialPassword\": \"" + PASSWORD + "\", \"grants\": [\"teacher@school\"]}");
        assertEquals(badGrant.body(), 400, badGrant.statusCode());
        assertEquals(badGrant.body(), "grants[0]", KernelHttp.json(badGrant).path("field").asText());

        HttpResponse<String> badJson = KernelHttp.send("POST", ACCOUNTS, bearer, "{\"username\": [1]}");
        assertEquals(badJson.body(), 400, badJson.statusCode());
        assertProblem(badJson, 400, ACCOUNTS);

        HttpResponse<String> created = KernelHttp.send("POST", ACCOUNTS, bearer, "{\"username\": \"bearer.new" + n
                + "\", \"displayName\": \"新老师\", \"initialPassword\": \"" + PASSWORD + "\", \"grants\": [\"teacher@" + SCHOOL + "\"]}");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith(ACCOUNTS + "/bearer.new" + n));
        HttpResponse<String> taken = KernelHttp.send("POST", ACCOUNTS, bearer, "{\"username\": \"bearer.new" + n
                + "\", \"displayName\": \"新老师\", \"initialPassword\": \"" + PASSWORD + "\", \"grants\": [\"teacher@" + SCHOOL + "\"]}");
        assertEquals(taken.body(), 409, taken.statusCode());
        assertEquals(taken.body(), "username", KernelHttp.json(taken).path("field").asText());
    }

    /** Logs the user in through the kernel's login form (first login: a new password) and returns an access token. */
    /** Registers a client-credentials client of the city bureau with scope basedata.read; returns its secret. */
    private String cityClient(String id) {
        return clients.register(new NewClient(id, "市教育局", "City bureau", ClientAuthMethod.CLIENT_SECRET_POST, List.of(),
                List.of(), Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.of(OrgPath.of("/37/3701")),
                Optional.empty()), "itest").secret().orElseThrow();
    }

    private String logIn(String username) throws Exception {
        return LoginFlow.firstLogin(LoginFlow.portal(clients, Set.of("openid", "identity.accounts")), username, PASSWORD,
                "openid identity.accounts");
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> all = new LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            all.put(pairs[i], pairs[i + 1]);
        }
        return all;
    }

    private static void assertProblem(HttpResponse<String> response, int status, String path) throws Exception {
        assertEquals(response.body(), "application/problem+json", response.headers().firstValue("Content-Type").orElse("")
                .replaceAll(";.*", ""));
        JsonNode problem = KernelHttp.json(response);
        assertEquals(response.body(), status, problem.path("status").asInt());
        assertTrue(response.body(), problem.path("type").asText().length() > 0);
        assertTrue(response.body(), problem.path("title").asText().length() > 0);
        assertTrue(response.body(), problem.path("detail").asText().length() > 20);
        assertEquals(response.body(), path, problem.path("instance").asText());
    }
}
