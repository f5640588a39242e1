package org.educloud.identity.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.educloud.identity.AccountProblem;
import org.educloud.identity.ClientAuthMethod;
import org.educloud.identity.NewClient;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

class ClientValidationTest {

    @Test
    void aWellFormedWebAppIsAccepted() {
        assertDoesNotThrow(() -> JdbcClientDirectory.validate(web("homework", ClientAuthMethod.CLIENT_SECRET_BASIC,
                "https://homework.example.cn/callback", Set.of("authorization_code", "refresh_token"))));
    }

    @Test
    void implicitAndPasswordGrantsAreRefusedWithTheAlternative() {
        AccountProblem implicit = assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("legacy",
                ClientAuthMethod.CLIENT_SECRET_BASIC, "https://x.example.cn/cb", Set.of("implicit"))));
        assertEquals("grantTypes", implicit.field());
        assertTrue(implicit.getMessage().contains("authorization_code with PKCE"), implicit.getMessage());
        assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("legacy", ClientAuthMethod.CLIENT_SECRET_BASIC,
                "https://x.example.cn/cb", Set.of("password"))));
    }

    @Test
    void redirectUrisMustBeHttpsExceptOnThisMachine() {
        assertDoesNotThrow(() -> JdbcClientDirectory.validate(web("dev", ClientAuthMethod.NONE, "http://127.0.0.1:8080/cb",
                Set.of("authorization_code"))));
        AccountProblem plainHttp = assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("dev",
                ClientAuthMethod.NONE, "http://school.example.cn/cb", Set.of("authorization_code"))));
        assertEquals("redirectUris", plainHttp.field());
        assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("dev", ClientAuthMethod.NONE,
                "https://school.example.cn/cb#frag", Set.of("authorization_code"))));
    }

    @Test
    void aPublicClientCannotUseClientCredentials() {
        AccountProblem problem = assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("spa",
                ClientAuthMethod.NONE, "https://spa.example.cn/cb", Set.of("authorization_code", "client_credentials"))));
        assertTrue(problem.getMessage().contains("public client"), problem.getMessage());
    }

    @Test
    void privateKeyJwtNeedsPublicKeysOnly() throws Exception {
        NewClient noKeys = new NewClient("agency", "教育局", "Bureau", ClientAuthMethod.PRIVATE_KEY_JWT, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.empty(), Optional.empty());
        assertEquals("jwks", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(noKeys)).field());

        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        NewClient privateKey = new NewClient("agency", "教育局", "Bureau", ClientAuthMethod.PRIVATE_KEY_JWT, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.empty(),
                Optional.of("{\"keys\":[" + key.toJSONString() + "]}"));
        AccountProblem leaked = assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(privateKey));
        assertTrue(leaked.getMessage().contains("public keys only"), leaked.getMessage());

        NewClient publicKey = new NewClient("agency", "教育局", "Bureau", ClientAuthMethod.PRIVATE_KEY_JWT, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("basedata.read"), false, Optional.empty(),
                Optional.of("{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}"));
        assertDoesNotThrow(() -> JdbcClientDirectory.validate(publicKey));
    }

    @Test
    void badIdsAndScopesAreNamed() {
        assertEquals("clientId", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(web("No Spaces",
                ClientAuthMethod.NONE, "https://a.example.cn/cb", Set.of("authorization_code")))).field());
        NewClient badScope = new NewClient("scoped", "应用", "App", ClientAuthMethod.CLIENT_SECRET_BASIC, List.of(), List.of(),
                Set.of("client_credentials"), Set.of("has\"quote"), false, Optional.empty(), Optional.empty());
        assertEquals("scopes", assertThrows(AccountProblem.class, () -> JdbcClientDirectory.validate(badScope)).field());
    }

    private static NewClient web(String id, ClientAuthMethod method, String redirect, Set<String> grants) {
        return new NewClient(id, "应用", "App", method, List.of(URI.create(redirect)), List.of(), grants, Set.of("openid", "profile"),
                false, Optional.empty(), Optional.empty());
    }
}
