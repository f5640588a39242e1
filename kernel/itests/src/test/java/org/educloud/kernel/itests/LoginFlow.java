package org.educloud.kernel.itests;

import static org.junit.Assert.assertEquals;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.ClientDirectory;
import org.educloud.identity.NewClient;

/**
 * Real access tokens from the kernel's own OpenID provider: a user's through the authorization code
 * flow (login form, first-login password change, PKCE), a client's through client credentials.
 */
final class LoginFlow {

    private static final String CALLBACK = "http://localhost:9/callback";

    private LoginFlow() {
    }

    /** A first-party client allowed {@code scopes}; returns its id and secret. */
    static String[] portal(ClientDirectory clients, Set<String> scopes) {
        String id = "portal-" + UUID.randomUUID();
        String secret = clients.register(new NewClient(id, "门户", "Portal", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of(URI.create(CALLBACK)), List.of(), Set.of("authorization_code"), scopes, true, Optional.empty(),
                Optional.empty()), "itest").secret().orElseThrow();
        return new String[] {id, secret};
    }

    /** Logs a new account in for the first time (it must set a new password) and returns its access token. */
    static String firstLogin(String[] portal, String username, String password, String scope) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(KernelUnderTest.ISSUER + "/oauth2/authorize?response_type=code&scope="
                + Browser.encode(scope) + "&client_id=" + portal[0] + "&redirect_uri=" + Browser.encode(CALLBACK)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> change = browser.submit(login, "login", Map.of("username", username, "password", password));
        HttpResponse<String> done = browser.submit(change, "change-password",
                Map.of("new_password", "a much better password 2026", "confirm_password", "a much better password 2026"));
        String code = Browser.redirectParameters(done).get("code");
        String basic = "Basic " + Base64.getEncoder().encodeToString((portal[0] + ":" + portal[1]).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokens = browser.post(KernelUnderTest.ISSUER + "/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "code_verifier", verifier), basic);
        assertEquals(tokens.body(), 200, tokens.statusCode());
        return KernelHttp.json(tokens).path("access_token").asText();
    }

    /** A client-credentials token of a client owned by {@code owner} (an agency), with {@code scope}. */
    static String clientCredentials(ClientDirectory clients, org.educloud.identity.OrgPath owner, String scope) throws Exception {
        String id = "agency-" + UUID.randomUUID();
        String secret = clients.register(new NewClient(id, "教育局", "Education bureau", ClientAuthMethod.CLIENT_SECRET_POST,
                List.of(), List.of(), Set.of("client_credentials"), Set.of(scope.split(" ")), false, Optional.of(owner),
                Optional.empty()), "itest").secret().orElseThrow();
        HttpResponse<String> issued = new Browser().post(KernelUnderTest.ISSUER + "/oauth2/token", Map.of("client_id", id,
                "client_secret", secret, "grant_type", "client_credentials", "scope", scope), null);
        assertEquals(issued.body(), 200, issued.statusCode());
        return KernelHttp.json(issued).path("access_token").asText();
    }
}
