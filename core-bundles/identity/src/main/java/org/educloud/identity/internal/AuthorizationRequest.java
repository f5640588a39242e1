package org.educloud.identity.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.educloud.identity.Client;

import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.util.URLUtils;

/**
 * An authorization request, checked. Until the client and its redirect URI are known good,
 * a problem is shown to the user ({@link Unusable}); after that it goes back to the client as an
 * error redirect ({@link Refused}), as RFC 6749 §4.1.2.1 asks.
 */
record AuthorizationRequest(Client client, URI redirectUri, String state, Scope scope, String nonce, String codeChallenge,
        Set<String> prompt, Long maxAge, String serialized) {

    /** A request that cannot be trusted to redirect: the user sees why. */
    static final class Unusable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** A request refused with an error sent back to the client's redirect URI. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient URI location;

        Refused(URI location, String message) {
            super(message);
            this.location = location;
        }

        URI location() {
            return location;
        }
    }

    private static final Set<String> PROMPTS = Set.of("none", "login", "consent", "select_account");

    /** Checks the parameters against the registered client. */
    static AuthorizationRequest check(Map<String, List<String>> parameters, ClientLookup clients, Issuer issuer) {
        Map<String, List<String>> params = new LinkedHashMap<>(parameters);
        params.remove("lang");
        String clientId = one(params, "client_id");
        if (clientId == null) {
            throw new Unusable("client_id is missing: the application that sent you here is misconfigured");
        }
        Client client = clients.find(clientId).orElseThrow(() -> new Unusable("the application '" + clientId
                + "' is not registered with EduCloud"));
        if (client.locked()) {
            throw new Unusable("the application '" + clientId + "' is locked by the platform operator");
        }
        String redirect = one(params, "redirect_uri");
        if (redirect == null) {
            throw new Unusable("redirect_uri is missing: the application must say where to return");
        }
        URI redirectUri = client.redirectUris().stream().filter(u -> u.toString().equals(redirect)).findFirst()
                .orElseThrow(() -> new Unusable("redirect_uri '" + redirect + "' is not registered for '" + clientId
                        + "' (it must match exactly)"));
        String state = one(params, "state");
        Refusals refuse = new Refusals(redirectUri, state, issuer);
        if (params.containsKey("request") || params.containsKey("request_uri")) {
            throw refuse.with(OAuth2Error.REQUEST_NOT_SUPPORTED, "request objects are not supported: send plain parameters");
        }
        if (!"code".equals(one(params, "response_type"))) {
            throw refuse.with(OAuth2Error.UNSUPPORTED_RESPONSE_TYPE, "response_type must be 'code' (the implicit and "
                    + "hybrid flows are not offered)");
        }
        String mode = one(params, "response_mode");
        if (mode != null && !mode.equals("query")) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "response_mode must be query");
        }
        if (!client.grantTypes().contains("authorization_code")) {
            throw refuse.with(OAuth2Error.UNAUTHORIZED_CLIENT, "this client may not use the authorization_code grant");
        }
        Scope scope = Scope.parse(one(params, "scope"));
        if (scope == null || scope.isEmpty()) {
            throw refuse.with(OAuth2Error.INVALID_SCOPE, "scope is missing: ask for at least 'openid'");
        }
        for (Scope.Value value : scope) {
            if (!client.scopes().contains(value.getValue())) {
                throw refuse.with(OAuth2Error.INVALID_SCOPE, "scope '" + value + "' is not granted to this client");
            }
        }
        String challenge = one(params, "code_challenge");
        String method = one(params, "code_challenge_method");
        if (challenge != null && !"S256".equals(method)) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge_method must be S256 (plain is refused)");
        }
        if (challenge == null && (method != null || client.isPublic())) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "PKCE is required: send code_challenge with code_challenge_method=S256");
        }
        if (challenge != null && !challenge.matches("[A-Za-z0-9_-]{43}")) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "code_challenge must be the base64url SHA-256 of the verifier (43 characters)");
        }
        Set<String> prompt = Set.copyOf(Arrays.asList(one(params, "prompt") == null ? new String[0] : one(params, "prompt").split(" ")));
        if (!PROMPTS.containsAll(prompt) || (prompt.contains("none") && prompt.size() > 1)) {
            throw refuse.with(OAuth2Error.INVALID_REQUEST, "prompt must be none, or any of login, consent, select_account");
        }
        Long maxAge = null;
        if (one(params, "max_age") != null) {
            try {
                maxAge = Long.parseLong(one(params, "max_age"));
            } catch (NumberFormatException e) {
                throw refuse.with(OAuth2Error.INVALID_REQUEST, "max_age must be a number of seconds");
            }
        }
        return new AuthorizationRequest(client, redirectUri, state, scope, one(params, "nonce"), challenge, prompt, maxAge,
                URLUtils.serializeParameters(params));
    }

    /** An error for the client, at its redirect URI, with its state and our issuer (RFC 9207). */
    Refused refuse(ErrorObject error, String description, Issuer issuer) {
        return new Refusals(redirectUri, state, issuer).with(error, description);
    }

    /** Finds clients by id. */
    interface ClientLookup {
        java.util.Optional<Client> find(String clientId);
    }

    private record Refusals(URI redirectUri, String state, Issuer issuer) {
        Refused with(ErrorObject error, String description) {
            URI location = new AuthorizationErrorResponse(redirectUri, error.setDescription(description),
                    state == null ? null : new State(state), issuer, ResponseMode.QUERY).toURI();
            return new Refused(location, description);
        }
    }

    private static String one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty() || values.get(0).isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new Unusable("the parameter " + name + " appears more than once");
        }
        return values.get(0);
    }
}
