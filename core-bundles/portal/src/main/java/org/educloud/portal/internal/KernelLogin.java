package org.educloud.portal.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;

/**
 * The portal's side of the authorization code flow with PKCE against the kernel's provider:
 * the authorize and logout URLs the browser is sent to, and the server-side token requests
 * (client_secret_basic), with the ID token checked (signature against the provider's JWKS,
 * issuer, audience, expiry, nonce).
 */
final class KernelLogin {

    /** Tokens from the provider; {@code user} is set when an ID token came with them. */
    record Tokens(String accessToken, Instant accessExpiresAt, Optional<String> refreshToken, Optional<String> idToken,
            Optional<String> username) {
    }

    /** The provider refused (the code was used, the session ended, the client is locked...), or could not be reached. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The provider could not answer now (no answer in time, a server error, temporarily unavailable):
     * nothing was decided about the session, so it must not be ended for this.
     */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** How long the portal waits for its own provider's token endpoint and JWKS (a page waits on them). */
    static final int BACKCHANNEL_TIMEOUT_MS = 10_000;

    private final PortalClient client;
    private final IDTokenValidator validator;

    KernelLogin(PortalClient client) {
        this.client = client;
        try {
            // Nimbus waits 500 ms for the JWKS by default: too short for a busy kernel answering itself (first logins failed
            // with "Read timed out" under load), so as long as the token endpoint may take.
            this.validator = new IDTokenValidator(new Issuer(client.issuer()), new ClientID(client.clientId()), JWSAlgorithm.RS256,
                    URI.create(client.backchannel() + "/oauth2/jwks").toURL(), new DefaultResourceRetriever(BACKCHANNEL_TIMEOUT_MS,
                    BACKCHANNEL_TIMEOUT_MS));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the JWKS address under " + client.backchannel() + " is not a URL", e);
        }
    }

    /** Where to send the browser to log in. */
    URI authorizeUrl(String state, String nonce, String verifier, String language) {
        return URI.create(client.issuer() + "/oauth2/authorize?response_type=code&client_id=" + encode(client.clientId())
                + "&redirect_uri=" + encode(client.callback().toString()) + "&scope=" + encode(String.join(" ", PortalClient.SCOPES))
                + "&state=" + encode(state) + "&nonce=" + encode(nonce) + "&code_challenge=" + challenge(verifier)
                + "&code_challenge_method=S256&ui_locales=" + encode(language));
    }

    /** RP-initiated logout: ends the SSO session (and its tokens) at once, then back to the portal. */
    URI logoutUrl(Optional<String> idToken, String language) {
        return URI.create(client.issuer() + "/oauth2/logout?" + idToken.map(t -> "id_token_hint=" + encode(t) + "&").orElse("")
                + "client_id=" + encode(client.clientId()) + "&post_logout_redirect_uri=" + encode(client.home().toString())
                + "&ui_locales=" + encode(language));
    }

    /** Exchanges the code from the callback; the ID token must carry {@code nonce}. */
    Tokens redeem(String code, String verifier, String nonce) {
        Tokens tokens = request(new AuthorizationCodeGrant(new AuthorizationCode(code), client.callback(), new CodeVerifier(verifier)),
                Optional.of(nonce));
        if (tokens.username().isEmpty()) {
            throw new Refused("the provider answered the code without an ID token naming the user", null);
        }
        return tokens;
    }

    /** New tokens for a refresh token; refused once the SSO session it belongs to has ended. */
    Tokens refresh(String refreshToken) {
        return request(new RefreshTokenGrant(new RefreshToken(refreshToken)), Optional.empty());
    }

    private Tokens request(AuthorizationGrant grant, Optional<String> nonce) {
        TokenRequest request = new TokenRequest(URI.create(client.backchannel() + "/oauth2/token"),
                new ClientSecretBasic(new ClientID(client.clientId()), new Secret(client.secret())), grant);
        TokenResponse response;
        try {
            com.nimbusds.oauth2.sdk.http.HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(BACKCHANNEL_TIMEOUT_MS);
            http.setReadTimeout(BACKCHANNEL_TIMEOUT_MS);
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException | ParseException e) {
            String why = "the token endpoint " + client.backchannel() + "/oauth2/token did not answer properly: " + e.getMessage()
                    + " (is backchannelUrl in etc/org.educloud.portal.cfg reachable from the kernel?)";
            throw e instanceof IOException ? new Unavailable(why, e) : new Refused(why, e);
        }
        if (!response.indicatesSuccess()) {
            ErrorObject error = ((TokenErrorResponse) response).getErrorObject();
            if (error.getHTTPStatusCode() >= 500 || "server_error".equals(error.getCode())
                    || "temporarily_unavailable".equals(error.getCode())) {
                throw new Unavailable("the provider could not answer the token request now: " + error.getCode() + " "
                        + error.getDescription(), null);
            }
            throw new Refused("the provider refused the token request: " + error.getCode() + " " + error.getDescription(), null);
        }
        OIDCTokens tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        Optional<String> username = Optional.empty();
        JWT idToken = tokens.getIDToken();
        if (idToken != null) {
            try {
                IDTokenClaimsSet claims = validator.validate(idToken, nonce.map(Nonce::new).orElse(null));
                username = Optional.ofNullable(claims.getStringClaim("preferred_username"));
            } catch (BadJOSEException | JOSEException e) {
                throw new Refused("the ID token from the provider does not check out: " + e.getMessage(), e);
            }
        }
        long lifetime = tokens.getAccessToken().getLifetime() > 0 ? tokens.getAccessToken().getLifetime() : 300;
        return new Tokens(tokens.getAccessToken().getValue(), Instant.now().plusSeconds(lifetime),
                Optional.ofNullable(tokens.getRefreshToken()).map(RefreshToken::getValue),
                Optional.ofNullable(tokens.getIDTokenString()), username);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
