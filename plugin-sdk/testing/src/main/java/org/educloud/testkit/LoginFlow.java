package org.educloud.testkit;

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
 * Call it inside the kernel under test (a Pax Exam test method), where the directories are services.
 */
public final class LoginFlow {

    private static final String CALLBACK = "http://localhost:9/callback";
    /** The password {@link #firstLogin} sets. */
    public static final String NEW_PASSWORD = "a much better password 2026";

    private LoginFlow() {
    }

    /** A first-party client allowed {@code scopes}; returns its id and secret. */
    public static String[] portal(ClientDirectory clients, Set<String> scopes) {
        String id = "portal-" + UUID.randomUUID();
        String secret = clients.register(new NewClient(id, "门户", "Portal", ClientAuthMethod.CLIENT_SECRET_BASIC,
                List.of(URI.create(CALLBACK)), List.of(), Set.of("authorization_code"), scopes, true, Optional.empty(),
                Optional.empty()), "itest").secret().orElseThrow();
        return new String[] {id, secret};
    }

    /** Logs a new account in for the first time (it must set a new password) and returns its access token. */
    public static String firstLogin(String[] portal, String username, String password, String scope) throws Exception {
        return login(portal, username, password, NEW_PASSWORD, scope);
    }

    /**
     * Logs an account in and returns its access token: with {@code password}, and when the kernel asks for
     * a new one (the first login), sets {@code newPassword}.
     */
    public static String login(String[] portal, String username, String password, String newPassword, String scope) throws Exception {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        Browser browser = new Browser();
        HttpResponse<String> login = browser.get(KernelAddress.ISSUER + "/oauth2/authorize?response_type=code&scope="
                + Browser.encode(scope) + "&client_id=" + portal[0] + "&redirect_uri=" + Browser.encode(CALLBACK)
                + "&state=s&code_challenge=" + challenge + "&code_challenge_method=S256");
        HttpResponse<String> done = browser.submit(login, "login", Map.of("username", username, "password", password));
        if (done.statusCode() == 200 && done.body().contains("id=\"change-password\"")) {
            done = browser.submit(done, "change-password", Map.of("new_password", newPassword, "confirm_password", newPassword));
        }
        String code = Browser.redirectParameters(done).get("code");
        String basic = "Basic " + Base64.getEncoder().encodeToString((portal[0] + ":" + portal[1]).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> tokens = browser.post(KernelAddress.ISSUER + "/oauth2/token", Map.of("grant_type", "authorization_code",
                "code", code, "redirect_uri", CALLBACK, "code_verifier", verifier), basic);
        return issued(tokens);
    }

    /** A client-credentials token of a client owned by {@code owner} (an agency), with {@code scope}. */
    public static String clientCredentials(ClientDirectory clients, org.educloud.identity.OrgPath owner, String scope) throws Exception {
        String id = "agency-" + UUID.randomUUID();
        String secret = clients.register(new NewClient(id, "教育局", "Education bureau", ClientAuthMethod.CLIENT_SECRET_POST,
                List.of(), List.of(), Set.of("client_credentials"), Set.of(scope.split(" ")), false, Optional.of(owner),
                Optional.empty()), "itest").secret().orElseThrow();
        HttpResponse<String> issued = new Browser().post(KernelAddress.ISSUER + "/oauth2/token", Map.of("client_id", id,
                "client_secret", secret, "grant_type", "client_credentials", "scope", scope), null);
        return issued(issued);
    }

    private static String issued(HttpResponse<String> tokens) throws java.io.IOException {
        if (tokens.statusCode() != 200) {
            throw new AssertionError("the token endpoint answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return KernelHttp.json(tokens).path("access_token").asText();
    }
}
