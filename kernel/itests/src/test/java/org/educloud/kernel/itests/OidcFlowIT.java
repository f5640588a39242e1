package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;

import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewAccount;
import org.educloud.identity.NewClient;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RoleGrant;
import org.educloud.testkit.Browser;
import org.educloud.testkit.KernelAddress;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.ops4j.pax.exam.util.Filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The OpenID provider end to end over real HTTP: the login form, the forced password change,
 * consent, the code with PKCE, tokens, userinfo, refresh rotation and reuse detection, code
 * replay, revocation, introspection, client credentials and logout.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class OidcFlowIT {

    private static final String ISSUER = KernelAddress.ISSUER;
    private static final String CALLBACK = "http://localhost:9/callback";
    private static final String GOODBYE = "http://localhost:9/goodbye";
    private static final String PASSWORD = "first login password";
    private static final String NEW_PASSWORD = "a much better password 2026";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

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
    public void aUserLogsInChangesPasswordConsentsAndTheAppGetsWorkingTokens() throws Exception {
        String username = newUser();
        Registered app = confidentialApp(false);
        Browser browser = new Browser();
        Pkce pkce = new Pkce();

        HttpResponse<String> login = browser.get(authorizeUrl(app.id, pkce, "state-1", "nonce-1"));
        assertEquals(200, login.statusCode());
        assertTrue("the login page is in Chinese by default", login.body().contains("登录"));
        HttpResponse<String> wrong = browser.submit(login, "login", Map.of("username", username, "password", "wrong password!!"));
        assertTrue(wrong.body(), wrong.body().contains("用户名或密码错误"));

        HttpResponse<String> change = browser.submit(wrong, "login", Map.of("username", username, "password", PASSWORD));
        assertTrue("first login asks for a new password: " + change.body(), change.body().contains("id=\"change-password\""));
        HttpResponse<String> weak = browser.submit(change, "change-password", Map.of("new_password", "short", "confirm_password", "short"));
        assertTrue(weak.body(), weak.body().contains("12"));
        HttpResponse<String> consent = browser.submit(weak, "change-password",
                Map.of("new_password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD));
        assertTrue("a third-party app needs consent: " + consent.body(), consent.body().contains("id=\"consent\""));
        Map<String, String> redirect = Browser.redirectParameters(browser.submit(consent, "consent", Map.of("decision", "allow")));

        assertTrue(redirect.get("_location"), redirect.get("_location").startsWith(CALLBACK + "?"));
        assertEquals("state-1", redirect.get("state"));
        assertEquals("RFC 9207: the issuer is in the response", ISSUER, redirect.get("iss"));
        JsonNode tokens = exchange(browser, app, redirect.get("code"), pkce.verifier);
        assertNotNull(tokens.toString(), tokens.get("access_token"));
        JsonNode idToken = payload(tokens.get("id_token").asText());
        assertEquals("nonce-1", idToken.get("nonce").asText());
        assertEquals(app.id, idToken.get("aud").asText());
        assertEquals(ISSUER, idToken.get("iss").asText());
        assertTrue(idToken.toString(), idToken.get("roles").toString().contains("teacher@/37/3701/370102/3701020001"));
        assertTrue(idToken.toString(), idToken.get("org_ids").toString().contains("3701020001"));

        HttpResponse<String> userinfo = browser.getWithToken(ISSUER + "/oauth2/userinfo", tokens.get("access_token").asText());
        assertEquals(userinfo.body(), 200, userinfo.statusCode());
        assertEquals(username, JSON.readTree(userinfo.body()).get("preferred_username").asText());

        // A second login to the same app: SSO session, consent remembered, no page at all.
        Pkce again = new Pkce();
        Map<String, String> silent = Browser.redirectParameters(browser.get(authorizeUrl(app.id, again, "state-2", "n2") + "&prompt=none"));
        assertNotNull("single sign-on gives a code without a page: " + silent, silent.get("code"));

        // Refresh: rotated; presenting the old refresh token revokes the whole family.
        JsonNode refreshed = tokenRequest(browser, app, Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()));
        assertNotNull(refreshed.toString(), refreshed.get("refresh_token"));
        assertFalse(refreshed.get("refresh_token").asText().equals(tokens.get("refresh_token").asText()));
        assertTrue(introspect(browser, app, refreshed.get("access_token").asText()).get("active").asBoolean());
        JsonNode reuse = tokenRequest(browser, app, Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.get("refresh_token").asText()));
        assertEquals(reuse.toString(), "invalid_grant", reuse.get("error").asText());
        assertFalse("reuse revoked the new tokens too", introspect(browser, app, refreshed.get("access_token").asText())
                .get("active").asBoolean());
        assertEquals(401, browser.getWithToken(ISSUER + "/oauth2/userinfo", refreshed.get("access_token").asText()).statusCode());
    }

    @Test
    public void aReplayedCodeIsRefusedAndRevokesTheTokensItIssued() throws Exception {
        String username = newUser();
        Registered app = confidentialApp(true);
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        String code = logIn(browser, app, pkce, username);
        JsonNode tokens = exchange(browser, app, code, pkce.verifier);
        assertTrue(introspect(browser, app, tokens.get("access_token").asText()).get("active").asBoolean());

        JsonNode replay = tokenRequest(browser, app, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "code_verifier", pkce.verifier));
        assertEquals("invalid_grant", replay.get("error").asText());
        assertFalse(introspect(browser, app, tokens.get("access_token").asText()).get("active").asBoolean());
        JsonNode refresh = tokenRequest(browser, app, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.get("refresh_token").asText()));
        assertEquals("invalid_grant", refresh.get("error").asText());
    }

    @Test
    public void aWrongVerifierOrRedirectUriGetsNoTokens() throws Exception {
        String username = newUser();
        Registered app = confidentialApp(true);
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        String code = logIn(browser, app, pkce, username);
        JsonNode wrong = tokenRequest(browser, app, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "code_verifier", new Pkce().verifier));
        assertEquals("invalid_grant", wrong.get("error").asText());
        assertTrue(wrong.toString(), wrong.get("error_description").asText().contains("code_verifier"));
    }

    @Test
    public void publicClientsMustUsePkceS256AndRedirectUrisMatchExactly() throws Exception {
        String id = "spa-" + SEQUENCE.incrementAndGet();
        clients.register(new NewClient(id, "单页应用", "Single-page app", ClientAuthMethod.NONE, List.of(URI.create(CALLBACK)),
                List.of(), Set.of("authorization_code", "refresh_token"), Set.of("openid", "profile"), true, Optional.empty(),
                Optional.empty()), "itest");
        Browser browser = new Browser();
        String base = ISSUER + "/oauth2/authorize?response_type=code&scope=openid&state=s&client_id=" + id;

        Map<String, String> noPkce = Browser.redirectParameters(browser.get(base + "&redirect_uri=" + Browser.encode(CALLBACK)));
        assertEquals("invalid_request", noPkce.get("error"));
        assertEquals("s", noPkce.get("state"));
        Map<String, String> plain = Browser.redirectParameters(browser.get(base + "&redirect_uri=" + Browser.encode(CALLBACK)
                + "&code_challenge=" + new Pkce().verifier + "&code_challenge_method=plain"));
        assertEquals("invalid_request", plain.get("error"));
        assertTrue(plain.get("error_description"), plain.get("error_description").contains("S256"));

        HttpResponse<String> otherUri = browser.get(base + "&redirect_uri=" + Browser.encode(CALLBACK + "/other")
                + "&code_challenge=" + new Pkce().challenge + "&code_challenge_method=S256");
        assertEquals("a redirect URI that does not match exactly is never redirected to", 400, otherUri.statusCode());
        assertTrue(otherUri.headers().firstValue("Location").isEmpty());
        HttpResponse<String> implicit = browser.get(base.replace("response_type=code", "response_type=token")
                + "&redirect_uri=" + Browser.encode(CALLBACK));
        assertEquals("unsupported_response_type", Browser.redirectParameters(implicit).get("error"));

        // The first-party public client: login, no consent, and the code needs the verifier but no secret.
        String username = newUser();
        Pkce pkce = new Pkce();
        HttpResponse<String> login = browser.get(base + "&redirect_uri=" + Browser.encode(CALLBACK)
                + "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256&lang=en");
        assertTrue("English on request", login.body().contains("Log in"));
        HttpResponse<String> change = browser.submit(login, "login", Map.of("username", username, "password", PASSWORD));
        Map<String, String> redirect = Browser.redirectParameters(browser.submit(change, "change-password",
                Map.of("new_password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD)));
        HttpResponse<String> token = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", redirect.get("code"), "redirect_uri", CALLBACK, "client_id", id, "code_verifier", pkce.verifier), null);
        assertEquals(token.body(), 200, token.statusCode());
    }

    @Test
    public void anAgencyGetsClientCredentialsTokensThatCanBeRevoked() throws Exception {
        String id = "agency-" + SEQUENCE.incrementAndGet();
        ClientDirectory.Registration agency = clients.register(new NewClient(id, "市教育局", "City bureau",
                ClientAuthMethod.CLIENT_SECRET_POST, List.of(), List.of(), Set.of("client_credentials"),
                Set.of("basedata.read", "oneroster.roster.readonly"), false, Optional.of(OrgPath.of("/37/3701")), Optional.empty()),
                "itest");
        Registered registered = new Registered(id, agency.secret().orElseThrow(), false);
        Browser browser = new Browser();
        HttpResponse<String> token = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", id, "client_secret", registered.secret, "scope", "basedata.read"), null);
        assertEquals(token.body(), 200, token.statusCode());
        JsonNode access = JSON.readTree(token.body());
        assertEquals("basedata.read", access.get("scope").asText());
        JsonNode claims = payload(access.get("access_token").asText());
        assertEquals(id, claims.get("sub").asText());
        assertEquals("educloud", claims.get("aud").asText());
        assertEquals("the agency role at its owner org says where it may read", "[\"agency@/37/3701\"]", claims.get("roles").toString());

        HttpResponse<String> tooMuch = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", id, "client_secret", registered.secret, "scope", "identity.admin"), null);
        assertEquals(400, tooMuch.statusCode());
        HttpResponse<String> badSecret = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_id", id, "client_secret", "not the secret"), null);
        assertEquals(401, badSecret.statusCode());
        HttpResponse<String> password = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "password",
                "client_id", id, "client_secret", registered.secret, "username", "x", "password", "y"), null);
        assertEquals("the password grant is not offered: " + password.body(), 400, password.statusCode());

        String basic = "Basic " + Base64.getEncoder().encodeToString((id + ":" + registered.secret).getBytes(StandardCharsets.UTF_8));
        assertEquals("a client must use the method it registered", 401, browser.post(ISSUER + "/oauth2/introspect",
                Map.of("token", access.get("access_token").asText()), basic).statusCode());
        Map<String, String> own = Map.of("client_id", id, "client_secret", registered.secret, "token", access.get("access_token").asText());
        assertTrue(JSON.readTree(browser.post(ISSUER + "/oauth2/introspect", own, null).body()).get("active").asBoolean());
        assertEquals(200, browser.post(ISSUER + "/oauth2/revoke", own, null).statusCode());
        assertFalse(JSON.readTree(browser.post(ISSUER + "/oauth2/introspect", own, null).body()).get("active").asBoolean());
    }

    @Test
    public void aClientThatAsksForEs256GetsEs256IdTokensVerifiableFromTheKeySet() throws Exception {
        String id = "ec-app-" + SEQUENCE.incrementAndGet();
        ClientDirectory.Registration registration = clients.register(new NewClient(id, "椭圆曲线应用", "EC app",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create(CALLBACK)), List.of(), Set.of("authorization_code"),
                Set.of("openid", "profile"), true, Optional.empty(), Optional.empty(), "ES256"), "itest");
        Registered app = new Registered(id, registration.secret().orElseThrow(), true);
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        JsonNode tokens = exchange(browser, app, logIn(browser, app, pkce, newUser()), pkce.verifier);

        SignedJWT idToken = SignedJWT.parse(tokens.get("id_token").asText());
        assertEquals(JWSAlgorithm.ES256, idToken.getHeader().getAlgorithm());
        JWKSet published = JWKSet.parse(browser.get(ISSUER + "/oauth2/jwks").body());
        ECKey key = (ECKey) published.getKeyByKeyId(idToken.getHeader().getKeyID());
        assertTrue("the ID token verifies with the published EC key", idToken.verify(new ECDSAVerifier(key)));
        assertEquals("access tokens stay RS256", "RS256", SignedJWT.parse(tokens.get("access_token").asText()).getHeader()
                .getAlgorithm().getName());
    }

    @Test
    public void aClientAuthenticatesWithASignedJwtOnlyOnce() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("agency-key-1").generate();
        String id = "keyed-" + SEQUENCE.incrementAndGet();
        clients.register(new NewClient(id, "省教育厅", "Provincial bureau", ClientAuthMethod.PRIVATE_KEY_JWT, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.of(OrgPath.of("/37")),
                Optional.of(new JWKSet(key.toPublicJWK()).toString())), "itest");
        String assertion = clientAssertion(id, key);
        Browser browser = new Browser();
        Map<String, String> form = Map.of("grant_type", "client_credentials", "client_assertion_type",
                "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion);

        HttpResponse<String> token = browser.post(ISSUER + "/oauth2/token", form, null);
        assertEquals(token.body(), 200, token.statusCode());
        HttpResponse<String> replay = browser.post(ISSUER + "/oauth2/token", form, null);
        assertEquals("an assertion is accepted once: " + replay.body(), 401, replay.statusCode());
        HttpResponse<String> otherKey = browser.post(ISSUER + "/oauth2/token", Map.of("grant_type", "client_credentials",
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", clientAssertion(id, new RSAKeyGenerator(2048).keyID("agency-key-1").generate())), null);
        assertEquals("an assertion signed with another key is refused", 401, otherKey.statusCode());
    }

    @Test
    public void logoutEndsTheSsoSessionAndRevokesItsTokens() throws Exception {
        String username = newUser();
        Registered app = confidentialApp(true);
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        JsonNode tokens = exchange(browser, app, logIn(browser, app, pkce, username), pkce.verifier);

        HttpResponse<String> logout = browser.get(ISSUER + "/oauth2/logout?id_token_hint=" + tokens.get("id_token").asText()
                + "&post_logout_redirect_uri=" + Browser.encode(GOODBYE) + "&state=bye");
        assertEquals(GOODBYE + "?state=bye", logout.headers().firstValue("Location").orElse(logout.body()));

        Map<String, String> afterwards = Browser.redirectParameters(browser.get(authorizeUrl(app.id, new Pkce(), "s", "n") + "&prompt=none"));
        assertEquals("login_required", afterwards.get("error"));
        assertFalse(introspect(browser, app, tokens.get("access_token").asText()).get("active").asBoolean());
        assertEquals("invalid_grant", tokenRequest(browser, app, Map.of("grant_type", "refresh_token", "refresh_token",
                tokens.get("refresh_token").asText())).get("error").asText());

        HttpResponse<String> unknownTarget = browser.get(ISSUER + "/oauth2/logout?client_id=" + app.id
                + "&post_logout_redirect_uri=" + Browser.encode("https://evil.example/"));
        assertEquals(400, unknownTarget.statusCode());
        HttpResponse<String> withoutHint = browser.get(ISSUER + "/oauth2/logout");
        assertTrue("without an id_token_hint the user confirms first", withoutHint.body().contains("id=\"logout\""));
    }

    @Test
    public void anAdministratorManagesClientsOverTheRestApiAndATeacherMayNot() throws Exception {
        String id = "console-" + SEQUENCE.incrementAndGet();
        ClientDirectory.Registration console = clients.register(new NewClient(id, "管理控制台", "Admin console",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create(CALLBACK)), List.of(), Set.of("authorization_code"),
                Set.of("openid", "profile", "identity.clients"), true, Optional.empty(), Optional.empty()), "itest");
        Registered app = new Registered(id, console.secret().orElseThrow(), true);
        String admin = "flow.admin" + SEQUENCE.incrementAndGet();
        accounts.create(new NewAccount(admin, "平台管理员", PASSWORD, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(RoleGrant.parse("platform-admin@/"))), "itest");
        String adminToken = apiToken(app, admin);
        String teacherToken = apiToken(app, newUser());
        Browser browser = new Browser();
        String api = ISSUER + "/api/identity/v1/clients";

        String agency = "rest-agency-" + SEQUENCE.incrementAndGet();
        HttpResponse<String> created = browser.postJson(api, "{\"clientId\":\"" + agency + "\",\"nameZh\":\"市教育局\","
                + "\"nameEn\":\"City bureau\",\"authMethod\":\"client_secret_basic\",\"grantTypes\":[\"client_credentials\"],"
                + "\"scopes\":[\"basedata.read\"],\"ownerOrg\":\"/37/3701\"}", adminToken);
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue("the secret is shown once, at registration", JSON.readTree(created.body()).get("clientSecret").asText().length() >= 43);
        HttpResponse<String> listed = browser.getWithToken(api + "?limit=500", adminToken);
        assertTrue(listed.body(), listed.body().contains(agency));
        assertTrue("no secret or hash is ever listed", !listed.body().contains("clientSecret") && !listed.body().contains("hash"));
        HttpResponse<String> locked = browser.postJson(api + "/" + agency + "/lock", "", adminToken);
        assertTrue(locked.body(), JSON.readTree(locked.body()).get("locked").asBoolean());

        HttpResponse<String> implicit = browser.postJson(api, "{\"clientId\":\"bad-" + agency + "\",\"nameZh\":\"旧\","
                + "\"nameEn\":\"Old\",\"grantTypes\":[\"implicit\"],\"redirectUris\":[\"https://old.example.cn/cb\"]}", adminToken);
        assertEquals(implicit.body(), 400, implicit.statusCode());
        assertTrue(implicit.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals("grantTypes", JSON.readTree(implicit.body()).get("field").asText());

        HttpResponse<String> teacher = browser.getWithToken(api + "/" + agency, teacherToken);
        assertEquals("a teacher holds no identity:clients permission: " + teacher.body(), 403, teacher.statusCode());
        assertEquals(401, browser.getWithToken(api, "not-a-token").statusCode());
    }

    @Test
    public void discoveryAdvertisesEveryEndpoint() throws Exception {
        JsonNode discovery = JSON.readTree(new Browser().get(ISSUER + "/.well-known/openid-configuration").body());
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "revocation_endpoint",
                "introspection_endpoint", "end_session_endpoint", "jwks_uri")) {
            assertTrue(endpoint + " in " + discovery, discovery.get(endpoint).asText().startsWith(ISSUER + "/oauth2/"));
        }
        assertEquals("[\"S256\"]", discovery.get("code_challenge_methods_supported").toString());
        assertTrue(discovery.get("authorization_response_iss_parameter_supported").asBoolean());
    }

    // ---- helpers ----

    private String newUser() {
        String username = "flow.user" + SEQUENCE.incrementAndGet();
        accounts.create(new NewAccount(username, "测试用户", PASSWORD, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(RoleGrant.parse("teacher@/37/3701/370102/3701020001"))), "itest");
        return username;
    }

    private Registered confidentialApp(boolean firstParty) {
        String id = "app-" + SEQUENCE.incrementAndGet();
        ClientDirectory.Registration registration = clients.register(new NewClient(id, "作业应用", "Homework app",
                ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(URI.create(CALLBACK)), List.of(URI.create(GOODBYE)),
                Set.of("authorization_code", "refresh_token"), Set.of("openid", "profile"), firstParty, Optional.empty(),
                Optional.empty()), "itest");
        return new Registered(id, registration.secret().orElseThrow(), firstParty);
    }

    /** Logs in through the form, changing the first password; returns the code (first-party apps only: no consent). */
    private String logIn(Browser browser, Registered app, Pkce pkce, String username) throws Exception {
        HttpResponse<String> login = browser.get(authorizeUrl(app.id, pkce, "s", "n"));
        HttpResponse<String> change = browser.submit(login, "login", Map.of("username", username, "password", PASSWORD));
        HttpResponse<String> done = browser.submit(change, "change-password",
                Map.of("new_password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD));
        return Browser.redirectParameters(done).get("code");
    }

    /** An access token of {@code username} for a first-party app allowed the scope identity.clients. */
    private String apiToken(Registered app, String username) throws Exception {
        Browser browser = new Browser();
        Pkce pkce = new Pkce();
        HttpResponse<String> login = browser.get(authorizeUrl(app.id, pkce, "s", "n", "openid identity.clients"));
        HttpResponse<String> change = browser.submit(login, "login", Map.of("username", username, "password", PASSWORD));
        String code = Browser.redirectParameters(browser.submit(change, "change-password",
                Map.of("new_password", NEW_PASSWORD, "confirm_password", NEW_PASSWORD))).get("code");
        return exchange(browser, app, code, pkce.verifier).get("access_token").asText();
    }

    private static String authorizeUrl(String clientId, Pkce pkce, String state, String nonce) {
        return authorizeUrl(clientId, pkce, state, nonce, "openid profile");
    }

    private static String authorizeUrl(String clientId, Pkce pkce, String state, String nonce, String scope) {
        return ISSUER + "/oauth2/authorize?response_type=code&scope=" + Browser.encode(scope) + "&client_id=" + clientId
                + "&redirect_uri=" + Browser.encode(CALLBACK) + "&state=" + state + "&nonce=" + nonce
                + "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256";
    }

    private JsonNode exchange(Browser browser, Registered app, String code, String verifier) throws Exception {
        JsonNode tokens = tokenRequest(browser, app, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", CALLBACK, "code_verifier", verifier));
        assertNotNull("tokens: " + tokens, tokens.get("access_token"));
        return tokens;
    }

    private JsonNode tokenRequest(Browser browser, Registered app, Map<String, String> form) throws Exception {
        return JSON.readTree(browser.post(ISSUER + "/oauth2/token", form, app.basic()).body());
    }

    private JsonNode introspect(Browser browser, Registered app, String token) throws Exception {
        return JSON.readTree(browser.post(ISSUER + "/oauth2/introspect", Map.of("token", token), app.basic()).body());
    }

    private static String clientAssertion(String clientId, RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(ISSUER + "/oauth2/token")
                .jwtID(UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JsonNode payload(String jwt) throws Exception {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    private record Registered(String id, String secret, boolean firstParty) {
        String basic() {
            return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A PKCE verifier and its S256 challenge. */
    private static final class Pkce {
        final String verifier;
        final String challenge;

        Pkce() throws Exception {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
