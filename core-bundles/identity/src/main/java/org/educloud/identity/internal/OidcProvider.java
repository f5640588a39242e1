package org.educloud.identity.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.langtag.LangTag;
import com.nimbusds.langtag.LangTagException;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.SubjectType;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

/**
 * The OpenID provider's identity: its issuer, its endpoints and its signing keys. The metadata
 * names only the endpoints this kernel serves.
 */
@Component(service = OidcProvider.class, configurationPid = IdentityConfig.PID)
public final class OidcProvider {

    static final String JWKS_PATH = "/oauth2/jwks";
    static final String AUTHORIZE_PATH = "/oauth2/authorize";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String USERINFO_PATH = "/oauth2/userinfo";
    static final String REVOKE_PATH = "/oauth2/revoke";
    static final String INTROSPECT_PATH = "/oauth2/introspect";
    static final String LOGOUT_PATH = "/oauth2/logout";

    private final Issuer issuer;
    private final SigningKeyRing keys;

    @Activate
    public OidcProvider(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            IdentityConfig config) {
        this(issuerOf(config.issuer()), new SigningKeyRing(dataSource, KeyEncryptionKey.resolve(config.keyEncryptionKey(),
                System.getenv("EDUCLOUD_IDENTITY_KEY"), java.nio.file.Path.of(System.getProperty("karaf.data", "data"))),
                Duration.ofDays(config.keyRotationDays()),
                Duration.ofSeconds(config.accessTokenSeconds()), Clock.systemUTC()));
    }

    OidcProvider(Issuer issuer, SigningKeyRing keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    Issuer issuer() {
        return issuer;
    }

    /** The key that signs with {@code algorithm}: RS256 or ES256. */
    JWK signingKey(JWSAlgorithm algorithm) {
        return keys.current(algorithm);
    }

    /** True when one of this provider's published keys made the JWT's signature (whatever its algorithm). */
    boolean signed(SignedJWT jwt) {
        JWK key = publicKeys().getKeyByKeyId(jwt.getHeader().getKeyID());
        try {
            if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm())) {
                return jwt.verify(new RSASSAVerifier(rsa));
            }
            if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(jwt.getHeader().getAlgorithm())) {
                return jwt.verify(new ECDSAVerifier(ec));
            }
        } catch (JOSEException e) {
            return false;
        }
        return false;
    }

    JWKSet publicKeys() {
        return keys.publicKeys();
    }

    OIDCProviderMetadata metadata() {
        try {
            return describe();
        } catch (LangTagException e) {
            throw new IllegalStateException(e);
        }
    }

    private OIDCProviderMetadata describe() throws LangTagException {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(issuer, List.of(SubjectType.PUBLIC), endpoint(JWKS_PATH));
        metadata.setIDTokenJWSAlgs(SigningKeyRing.ALGORITHMS);
        metadata.setAuthorizationEndpointURI(endpoint(AUTHORIZE_PATH));
        metadata.setTokenEndpointURI(endpoint(TOKEN_PATH));
        metadata.setUserInfoEndpointURI(endpoint(USERINFO_PATH));
        metadata.setRevocationEndpointURI(endpoint(REVOKE_PATH));
        metadata.setIntrospectionEndpointURI(endpoint(INTROSPECT_PATH));
        metadata.setEndSessionEndpointURI(endpoint(LOGOUT_PATH));
        metadata.setResponseTypes(List.of(ResponseType.CODE));
        metadata.setResponseModes(List.of(ResponseMode.QUERY));
        metadata.setGrantTypes(List.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN, GrantType.CLIENT_CREDENTIALS));
        metadata.setCodeChallengeMethods(List.of(CodeChallengeMethod.S256));
        List<ClientAuthenticationMethod> methods = List.of(ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
                ClientAuthenticationMethod.CLIENT_SECRET_POST, ClientAuthenticationMethod.PRIVATE_KEY_JWT,
                ClientAuthenticationMethod.NONE);
        metadata.setTokenEndpointAuthMethods(methods);
        metadata.setTokenEndpointJWSAlgs(List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256));
        metadata.setRevocationEndpointAuthMethods(methods);
        metadata.setIntrospectionEndpointAuthMethods(methods.subList(0, 3));
        metadata.setScopes(new Scope("openid", "profile", "offline_access"));
        metadata.setClaims(List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "sid", "azp", "name",
                "preferred_username", "roles", "orgs", "org_ids"));
        metadata.setUILocales(List.of(LangTag.parse("zh-CN"), LangTag.parse("en")));
        metadata.setSupportsAuthorizationResponseIssuerParam(true);
        metadata.setSupportsFrontChannelLogout(false);
        return metadata;
    }

    URI endpoint(String path) {
        return URI.create(issuer.getValue() + path);
    }

    /** The issuer as configured, checked: an absolute http(s) URL without query, fragment or trailing slash. */
    static Issuer issuerOf(String value) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("issuer '" + value + "' in etc/" + IdentityConfig.PID + ".cfg is not a URL: "
                    + "set it to this kernel's public address, e.g. https://id.example.edu.cn", e);
        }
        boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
        if (!web || uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null || uri.getPath().endsWith("/")) {
            throw new IllegalArgumentException("issuer '" + value + "' in etc/" + IdentityConfig.PID + ".cfg must be an absolute "
                    + "http(s) URL with no query, fragment or trailing slash, e.g. https://id.example.edu.cn");
        }
        return new Issuer(uri);
    }
}
