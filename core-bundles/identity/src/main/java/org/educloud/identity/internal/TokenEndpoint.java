package org.educloud.identity.internal;

import java.util.Map;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.educloud.identity.Client;
import org.educloud.identity.internal.AuthorizationCodes.Redeemed;
import org.educloud.identity.internal.TokenLedger.Entry;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Subject;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;

/**
 * The token endpoint (authorization_code with PKCE, refresh_token with rotation,
 * client_credentials), token revocation (RFC 7009) and token introspection (RFC 7662).
 */
@Component(service = TokenEndpoint.class, configurationPid = IdentityConfig.PID)
@JaxrsResource
@Path("oauth2")
public class TokenEndpoint {

    private final OidcProvider provider;
    private final AuthorizationCodes codes;
    private final TokenService tokens;
    private final ClientAuthenticator clients;

    @Activate
    public TokenEndpoint(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "provider") OidcProvider provider, @Reference(name = "tokens") TokenService tokens,
            @Reference(name = "clients") JdbcClientDirectory clients, IdentityConfig config) {
        this.provider = provider;
        this.tokens = tokens;
        this.codes = new AuthorizationCodes(dataSource, java.time.Duration.ofSeconds(config.authorizationCodeSeconds()),
                java.time.Clock.systemUTC());
        this.clients = new ClientAuthenticator(clients, dataSource, Set.of(new Audience(provider.issuer()),
                new Audience(provider.endpoint(OidcProvider.TOKEN_PATH))));
    }

    @POST
    @Path("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServletRequest http) {
        HTTPRequest request = OAuthHttp.formPost(provider.endpoint(OidcProvider.TOKEN_PATH), form, authorization);
        try {
            Client client = clients.authenticate(request, Map.copyOf(form));
            TokenRequest parsed = parse(request);
            AuthorizationGrant grant = parsed.getAuthorizationGrant();
            if (!client.grantTypes().contains(grant.getType().getValue())) {
                throw new OAuthFailure(OAuth2Error.UNAUTHORIZED_CLIENT, "client " + client.clientId() + " may not use the "
                        + grant.getType() + " grant; its grants are " + client.grantTypes());
            }
            String address = http.getRemoteAddr();
            TokenService.Issued issued;
            if (grant instanceof AuthorizationCodeGrant code) {
                Redeemed redeemed = codes.redeem(code.getAuthorizationCode().getValue(), client.clientId(),
                        code.getRedirectionURI(), code.getCodeVerifier(), address);
                issued = tokens.forCode(client, redeemed, address);
            } else if (grant instanceof RefreshTokenGrant refresh) {
                issued = tokens.forRefresh(client, refresh.getRefreshToken().getValue(), parsed.getScope(), address);
            } else if (grant instanceof ClientCredentialsGrant) {
                issued = tokens.forClient(client, allowedScope(client, parsed.getScope()), address);
            } else {
                throw new OAuthFailure(OAuth2Error.UNSUPPORTED_GRANT_TYPE, "grant type " + grant.getType()
                        + " is not offered: use authorization_code, refresh_token or client_credentials");
            }
            BearerAccessToken access = new BearerAccessToken(issued.accessToken().serialize(), issued.expiresIn(), issued.scope());
            RefreshToken refresh = issued.refreshToken() == null ? null : new RefreshToken(issued.refreshToken());
            AccessTokenResponse response = issued.idToken() == null ? new AccessTokenResponse(new Tokens(access, refresh))
                    : new OIDCTokenResponse(new OIDCTokens(issued.idToken(), access, refresh));
            return OAuthHttp.toResponse(response.toHTTPResponse());
        } catch (OAuthFailure failure) {
            return OAuthHttp.error(failure.error(), authorization != null && authorization.startsWith("Basic"));
        }
    }

    @POST
    @Path("revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServletRequest http) {
        HTTPRequest request = OAuthHttp.formPost(provider.endpoint(OidcProvider.REVOKE_PATH), form, authorization);
        try {
            Client client = clients.authenticate(request, Map.copyOf(form));
            String token = OAuthHttp.first(form, "token");
            if (token == null || token.isBlank()) {
                throw new OAuthFailure(OAuth2Error.INVALID_REQUEST, "token is missing: send the token to revoke in the form field 'token'");
            }
            tokens.revoke(client, token, http.getRemoteAddr());
            return Response.ok().header("Cache-Control", "no-store").build();
        } catch (OAuthFailure failure) {
            return OAuthHttp.error(failure.error(), authorization != null && authorization.startsWith("Basic"));
        }
    }

    @POST
    @Path("introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response introspect(MultivaluedMap<String, String> form, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        HTTPRequest request = OAuthHttp.formPost(provider.endpoint(OidcProvider.INTROSPECT_PATH), form, authorization);
        try {
            Client client = clients.authenticate(request, Map.copyOf(form));
            if (client.isPublic()) {
                throw new OAuthFailure(OAuth2Error.INVALID_CLIENT, "a public client may not introspect tokens: "
                        + "only a confidential client (with a secret or key) may");
            }
            String token = OAuthHttp.first(form, "token");
            TokenIntrospectionSuccessResponse.Builder answer = tokens.active(token == null ? "" : token)
                    .map(entry -> describe(entry)).orElse(new TokenIntrospectionSuccessResponse.Builder(false));
            return OAuthHttp.toResponse(answer.build().toHTTPResponse());
        } catch (OAuthFailure failure) {
            return OAuthHttp.error(failure.error(), authorization != null && authorization.startsWith("Basic"));
        }
    }

    private TokenIntrospectionSuccessResponse.Builder describe(Entry entry) {
        TokenIntrospectionSuccessResponse.Builder builder = new TokenIntrospectionSuccessResponse.Builder(true)
                .scope(Scope.parse(entry.scope())).clientID(new ClientID(entry.clientId()))
                .issueTime(java.util.Date.from(entry.issuedAt())).expirationTime(java.util.Date.from(entry.expiresAt()))
                .issuer(provider.issuer())
                .subject(new Subject(entry.accountId() == null ? entry.clientId() : String.valueOf(entry.accountId())));
        if (entry.kind().equals(TokenService.ACCESS)) {
            builder.tokenType(AccessTokenType.BEARER).audience(java.util.List.of(new Audience(TokenService.API_AUDIENCE)));
        }
        if (entry.accountId() != null) {
            tokens.account(entry.accountId()).ifPresent(account -> builder.username(account.username()));
        }
        return builder.parameter("token_use", entry.kind());
    }

    private static TokenRequest parse(HTTPRequest request) {
        try {
            return TokenRequest.parse(request);
        } catch (ParseException e) {
            com.nimbusds.oauth2.sdk.ErrorObject error = e.getErrorObject() != null ? e.getErrorObject() : OAuth2Error.INVALID_REQUEST;
            throw new OAuthFailure(error, e.getMessage());
        }
    }

    /** The requested scopes if the client may have them all; its registered scopes when it asked for none. */
    static Scope allowedScope(Client client, Scope requested) {
        if (requested == null || requested.isEmpty()) {
            return new Scope(client.scopes().toArray(String[]::new));
        }
        for (Scope.Value value : requested) {
            if (!client.scopes().contains(value.getValue())) {
                throw new OAuthFailure(OAuth2Error.INVALID_SCOPE, "scope '" + value + "' is not granted to client "
                        + client.clientId() + "; it may ask for " + client.scopes());
            }
        }
        return requested;
    }

}
