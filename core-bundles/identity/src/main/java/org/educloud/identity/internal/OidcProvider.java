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

    private final Issuer issuer;
    private final SigningKeyRing keys;

    @Activate
    public OidcProvider(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            IdentityConfig config) {
        this(issuerOf(config.issuer()), new SigningKeyRing(dataSource, Duration.ofDays(config.keyRotationDays()),
                Duration.ofSeconds(config.accessTokenSeconds()), Clock.systemUTC()));
    }

    OidcProvider(Issuer issuer, SigningKeyRing keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    JWKSet publicKeys() {
        return keys.publicKeys();
    }

    OIDCProviderMetadata metadata() {
        OIDCProviderMetadata metadata = new OIDCProviderMetadata(issuer, List.of(SubjectType.PUBLIC), endpoint(JWKS_PATH));
        metadata.setIDTokenJWSAlgs(List.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));
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
