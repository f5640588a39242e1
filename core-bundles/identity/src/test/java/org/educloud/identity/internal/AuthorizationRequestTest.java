package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.Client;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.internal.AuthorizationRequest.Refused;
import org.educloud.identity.internal.AuthorizationRequest.Unusable;
import org.junit.jupiter.api.Test;

import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.util.URLUtils;

class AuthorizationRequestTest {

    private static final Issuer ISSUER = new Issuer("https://id.example.edu.cn");
    private static final String CALLBACK = "https://app.example.cn/cb";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    private static final Client SPA = new Client("spa", "应用", "App", ClientAuthMethod.NONE, List.of(URI.create(CALLBACK)), List.of(),
            Set.of("authorization_code"), Set.of("openid", "profile"), true, Optional.empty(), Optional.empty(), false);

    @Test
    void aGoodRequestIsKeptWithEverythingTheFlowNeeds() {
        AuthorizationRequest ask = check(params("code_challenge", CHALLENGE, "code_challenge_method", "S256", "nonce", "n-1"));
        assertEquals(CHALLENGE, ask.codeChallenge());
        assertEquals("n-1", ask.nonce());
        assertEquals("xyz", ask.state());
        assertTrue(ask.scope().contains("openid"));
        assertEquals(ask.serialized(), URLUtils.serializeParameters(URLUtils.parseParameters(ask.serialized())));
    }

    @Test
    void anUnknownClientOrRedirectUriIsShownToTheUserNeverRedirected() {
        Map<String, List<String>> unknownClient = params("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        unknownClient.put("client_id", List.of("nobody"));
        assertThrows(Unusable.class, () -> check(unknownClient));
        Map<String, List<String>> otherUri = params("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        otherUri.put("redirect_uri", List.of(CALLBACK + "/"));
        Unusable problem = assertThrows(Unusable.class, () -> check(otherUri));
        assertTrue(problem.getMessage().contains("match exactly"), problem.getMessage());
    }

    @Test
    void aPublicClientWithoutPkceOrWithPlainIsRefusedAtItsRedirectUri() {
        Refused missing = assertThrows(Refused.class, () -> check(params()));
        assertTrue(missing.location().toString().startsWith(CALLBACK + "?"), missing.location().toString());
        assertTrue(missing.location().toString().contains("error=invalid_request"), missing.location().toString());
        assertTrue(missing.location().toString().contains("state=xyz"));
        assertTrue(missing.location().toString().contains("iss=https"), "RFC 9207 iss on errors too");
        Refused plain = assertThrows(Refused.class, () -> check(params("code_challenge", CHALLENGE, "code_challenge_method", "plain")));
        assertTrue(plain.getMessage().contains("S256"), plain.getMessage());
    }

    @Test
    void implicitFlowsAndForeignScopesAreRefused() {
        Map<String, List<String>> implicit = params("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        implicit.put("response_type", List.of("id_token token"));
        assertTrue(assertThrows(Refused.class, () -> check(implicit)).location().toString().contains("unsupported_response_type"));
        Map<String, List<String>> scope = params("code_challenge", CHALLENGE, "code_challenge_method", "S256");
        scope.put("scope", List.of("openid basedata.write"));
        assertTrue(assertThrows(Refused.class, () -> check(scope)).location().toString().contains("invalid_scope"));
    }

    private static AuthorizationRequest check(Map<String, List<String>> params) {
        return AuthorizationRequest.check(params, id -> id.equals("spa") ? Optional.of(SPA) : Optional.empty(), ISSUER);
    }

    private static Map<String, List<String>> params(String... extra) {
        Map<String, List<String>> params = new HashMap<>();
        params.put("response_type", List.of("code"));
        params.put("client_id", List.of("spa"));
        params.put("redirect_uri", List.of(CALLBACK));
        params.put("scope", List.of("openid profile"));
        params.put("state", List.of("xyz"));
        for (int i = 0; i < extra.length; i += 2) {
            params.put(extra[i], List.of(extra[i + 1]));
        }
        return params;
    }
}
