package org.educloud.identity.internal;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import javax.ws.rs.Consumes;
import javax.ws.rs.CookieParam;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.Client;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): ends the SSO session, revokes
 * every token issued in it, and returns to the client's registered post-logout URI. Without a
 * valid {@code id_token_hint} the user confirms first, so no third-party page can log them out.
 */
@Component(service = LogoutEndpoint.class, configurationPid = IdentityConfig.PID)
@JaxrsResource
@Path("oauth2/logout")
public class LogoutEndpoint {

    private final OidcProvider provider;
    private final JdbcClientDirectory clients;
    private final SsoSessions sessions;
    private final AuditTrail audit;
    private final LoginPages pages = new LoginPages();

    @Activate
    public LogoutEndpoint(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "provider") OidcProvider provider, @Reference(name = "clients") JdbcClientDirectory clients,
            IdentityConfig config) {
        this.provider = provider;
        this.clients = clients;
        this.sessions = new SsoSessions(dataSource, Duration.ofMinutes(config.ssoSessionMinutes()), Clock.systemUTC());
        this.audit = new AuditTrail(dataSource);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response get(@Context UriInfo uri, @Context HttpHeaders headers, @CookieParam(AuthorizationEndpoint.SSO_COOKIE) String sso,
            @CookieParam(AuthorizationEndpoint.CSRF_COOKIE) String csrf, @Context HttpServletRequest http) {
        return logout(uri.getQueryParameters(), headers, sso, csrf, false, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response post(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @CookieParam(AuthorizationEndpoint.SSO_COOKIE) String sso, @CookieParam(AuthorizationEndpoint.CSRF_COOKIE) String csrf,
            @Context HttpServletRequest http) {
        String field = OAuthHttp.first(form, "csrf");
        boolean confirmed = "yes".equals(OAuthHttp.first(form, "confirm")) && field != null && field.equals(csrf);
        return logout(form, headers, sso, csrf, confirmed, http);
    }

    private Response logout(Map<String, List<String>> params, HttpHeaders headers, String sso, String csrf, boolean confirmed,
            HttpServletRequest http) {
        String language = LoginPages.language(first(params, "ui_locales") != null ? first(params, "ui_locales") : first(params, "lang"),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Optional<JWTClaimsSet> hint = idTokenHint(first(params, "id_token_hint"));
        if (first(params, "id_token_hint") != null && hint.isEmpty()) {
            return message(400, language, "titleError", "id_token_hint is not an ID token issued here");
        }
        String clientId = hint.map(c -> c.getAudience().isEmpty() ? null : c.getAudience().get(0)).orElse(first(params, "client_id"));
        if (hint.isPresent() && first(params, "client_id") != null && !first(params, "client_id").equals(clientId)) {
            return message(400, language, "titleError", "client_id does not match the audience of id_token_hint");
        }
        Optional<Client> client = Optional.ofNullable(clientId).flatMap(clients::find);
        String target = first(params, "post_logout_redirect_uri");
        if (target != null && (client.isEmpty() || client.get().postLogoutRedirectUris().stream()
                .noneMatch(u -> u.toString().equals(target)))) {
            return message(400, language, "titleError", "post_logout_redirect_uri '" + target
                    + "' is not registered for the client (it must match exactly)");
        }
        if (hint.isEmpty() && !confirmed) {
            return confirmPage(params, language, csrf);
        }
        Optional<SsoSessions.Session> session = sessions.find(sso);
        String sid = hint.map(c -> (String) c.getClaim("sid")).orElse(null);
        String ended = session.map(SsoSessions.Session::id).orElse(sid);
        if (ended != null) {
            int revoked = sessions.end(ended);
            audit.record(clientId == null ? "browser" : clientId, "logout", ended.substring(0, 12), http.getRemoteAddr(),
                    "success", "session ended, " + revoked + " tokens revoked");
        }
        String clear = SsoSessions.cookie(AuthorizationEndpoint.SSO_COOKIE, "", 0, provider.issuer().getValue().startsWith("https:"));
        if (target != null) {
            UriBuilder back = UriBuilder.fromUri(URI.create(target));
            if (first(params, "state") != null) {
                back.queryParam("state", first(params, "state"));
            }
            return Response.seeOther(back.build()).header("Set-Cookie", clear).build();
        }
        return Response.fromResponse(message(200, language, "titleLogout", pages.text(language, "loggedOut")))
                .header("Set-Cookie", clear).build();
    }

    private Response confirmPage(Map<String, List<String>> params, String language, String csrf) {
        String token = csrf != null && csrf.length() >= 43 ? csrf : ClientSecret.generate();
        Map<String, Object> model = new HashMap<>();
        model.put("confirmLogout", true);
        model.put("base", provider.issuer().getValue());
        List<Map<String, String>> hidden = new java.util.ArrayList<>();
        for (String name : List.of("client_id", "post_logout_redirect_uri", "state")) {
            if (first(params, name) != null) {
                hidden.add(Map.of("name", name, "value", first(params, name)));
            }
        }
        hidden.add(Map.of("name", "csrf", "value", token));
        hidden.add(Map.of("name", "lang", "value", language));
        model.put("hidden", hidden);
        return Response.fromResponse(pages.render(200, language, "titleLogout", model, null))
                .header("Set-Cookie", SsoSessions.cookie(AuthorizationEndpoint.CSRF_COOKIE, token, -1,
                        provider.issuer().getValue().startsWith("https:"))).build();
    }

    private Response message(int status, String language, String title, String text) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", text);
        return pages.render(status, language, title, model, null);
    }

    /** The claims of an ID token this provider signed; expired ones are fine, logging out is what they are for. */
    private Optional<JWTClaimsSet> idTokenHint(String token) {
        if (token == null) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!provider.signed(jwt) || !provider.issuer().getValue().equals(jwt.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
            return Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
