package org.educloud.identity.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.Account;
import org.educloud.identity.AccountProblem;
import org.educloud.identity.internal.AuthorizationRequest.Refused;
import org.educloud.identity.internal.AuthorizationRequest.Unusable;
import org.educloud.identity.internal.Authenticator.Blocked;
import org.educloud.identity.internal.Authenticator.Outcome;
import org.educloud.identity.internal.Authenticator.Success;
import org.educloud.identity.internal.SsoSessions.Session;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ResponseMode;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.nimbusds.openid.connect.sdk.OIDCError;

/**
 * The authorization endpoint and the sign-in pages behind it: login (with the SSO session
 * cookie), the forced password change at first login, and consent for third-party clients. It
 * answers with a single-use code at the client's exact redirect URI, with {@code state} and
 * {@code iss}.
 */
@Component(service = AuthorizationEndpoint.class, configurationPid = IdentityConfig.PID)
@JaxrsResource
@Path("oauth2")
public class AuthorizationEndpoint {

    static final String SSO_COOKIE = "EDUCLOUD_SSO";
    static final String CSRF_COOKIE = "EDUCLOUD_CSRF";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final OidcProvider provider;
    private final JdbcClientDirectory clients;
    private final JdbcAccountDirectory accounts;
    private final Authenticator authenticator;
    private final SsoSessions sessions;
    private final AuthorizationCodes codes;
    private final Consents consents;
    private final LoginPages pages = new LoginPages();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public AuthorizationEndpoint(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "provider") OidcProvider provider, @Reference(name = "clients") JdbcClientDirectory clients,
            @Reference(name = "accounts") JdbcAccountDirectory accounts,
            @Reference(name = "authenticator") Authenticator authenticator, IdentityConfig config) {
        this.provider = provider;
        this.clients = clients;
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.sessions = new SsoSessions(dataSource, Duration.ofMinutes(config.ssoSessionMinutes()), clock);
        this.codes = new AuthorizationCodes(dataSource, Duration.ofSeconds(Math.min(600, config.authorizationCodeSeconds())), clock);
        this.consents = new Consents(dataSource);
    }

    @GET
    @Path("authorize")
    @Produces(MediaType.TEXT_HTML)
    public Response authorize(@Context UriInfo uri, @Context HttpHeaders headers, @CookieParam(SSO_COOKIE) String sso,
            @CookieParam(CSRF_COOKIE) String csrf) {
        return authorize(uri.getQueryParameters(), headers, sso, csrf);
    }

    @POST
    @Path("authorize")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response authorizeByPost(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @CookieParam(SSO_COOKIE) String sso, @CookieParam(CSRF_COOKIE) String csrf) {
        return authorize(form, headers, sso, csrf);
    }

    private Response authorize(Map<String, List<String>> params, HttpHeaders headers, String sso, String csrf) {
        String language = language(params, headers);
        AuthorizationRequest ask;
        try {
            ask = AuthorizationRequest.check(params, clients::find, provider.issuer());
        } catch (Unusable e) {
            return problemPage(language, e.getMessage());
        } catch (Refused e) {
            return Response.seeOther(e.location()).build();
        }
        Optional<Session> session = sessions.find(sso);
        boolean tooOld = session.isPresent() && ask.maxAge() != null
                && session.get().authTime().plusSeconds(ask.maxAge()).isBefore(clock.instant());
        if (session.isEmpty() || ask.prompt().contains("login") || ask.prompt().contains("select_account") || tooOld) {
            if (ask.prompt().contains("none")) {
                return Response.seeOther(ask.refuse(OIDCError.LOGIN_REQUIRED, "the user is not logged in", provider.issuer())
                        .location()).build();
            }
            return loginPage(ask, language, csrf, null, "");
        }
        return proceed(ask, session.get(), language, csrf, null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response login(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @CookieParam(CSRF_COOKIE) String csrf, @Context HttpServletRequest http) {
        String language = language(form, headers);
        AuthorizationRequest ask;
        try {
            ask = resume(form);
        } catch (Unusable e) {
            return problemPage(language, e.getMessage());
        } catch (Refused e) {
            return Response.seeOther(e.location()).build();
        }
        String username = Optional.ofNullable(OAuthHttp.first(form, "username")).orElse("");
        if (!sameCsrf(form, csrf)) {
            return loginPage(ask, language, null, pages.text(language, "expiredForm"), username);
        }
        Outcome outcome = authenticator.authenticate(username, OAuthHttp.first(form, "password"), http.getRemoteAddr());
        if (outcome instanceof Success success) {
            SsoSessions.Started started = sessions.start(success.account().id(), http.getRemoteAddr());
            Response next = proceed(ask, started.session(), language, csrf, null);
            return Response.fromResponse(next).header("Set-Cookie", cookie(SSO_COOKIE, started.cookieValue(),
                    sessions.lifetime().toSeconds())).build();
        }
        String error = outcome instanceof Blocked blocked ? pages.text(language, "blocked", TIME.format(blocked.retryAfter()))
                : pages.text(language, "wrongLogin");
        return loginPage(ask, language, csrf, error, username);
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response changePassword(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @CookieParam(SSO_COOKIE) String sso, @CookieParam(CSRF_COOKIE) String csrf, @Context HttpServletRequest http) {
        SignedInStep step = signedInStep(form, headers, sso, csrf);
        if (step.instead() != null) {
            return step.instead();
        }
        String language = step.language();
        AuthorizationRequest ask = step.ask();
        Session session = step.session();
        Account account = step.account();
        String chosen = Optional.ofNullable(OAuthHttp.first(form, "new_password")).orElse("");
        if (!chosen.equals(OAuthHttp.first(form, "confirm_password"))) {
            return passwordPage(ask, language, csrf, pages.text(language, "passwordsDiffer"));
        }
        try {
            accounts.changeOwnPassword(account, chosen, http.getRemoteAddr());
        } catch (AccountProblem e) {
            return passwordPage(ask, language, csrf, e.getMessage());
        }
        return proceed(ask, session, language, csrf, null);
    }

    @POST
    @Path("consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response consent(MultivaluedMap<String, String> form, @Context HttpHeaders headers,
            @CookieParam(SSO_COOKIE) String sso, @CookieParam(CSRF_COOKIE) String csrf, @Context HttpServletRequest http) {
        SignedInStep step = signedInStep(form, headers, sso, csrf);
        if (step.instead() != null) {
            return step.instead();
        }
        String language = step.language();
        AuthorizationRequest ask = step.ask();
        Session session = step.session();
        Account account = step.account();
        if (!"allow".equals(OAuthHttp.first(form, "decision"))) {
            return Response.seeOther(ask.refuse(OAuth2Error.ACCESS_DENIED, "the user denied access", provider.issuer())
                    .location()).build();
        }
        consents.grant(account.id(), account.username(), ask.client().clientId(), ask.scope(), http.getRemoteAddr());
        return proceed(ask, session, language, csrf, null);
    }

    /** A form step after login: its request and signed-in user, or the page to show instead. */
    private record SignedInStep(String language, AuthorizationRequest ask, Session session, Account account, Response instead) {
    }

    private SignedInStep signedInStep(MultivaluedMap<String, String> form, HttpHeaders headers, String sso, String csrf) {
        String language = language(form, headers);
        AuthorizationRequest ask;
        try {
            ask = resume(form);
        } catch (Unusable e) {
            return new SignedInStep(language, null, null, null, problemPage(language, e.getMessage()));
        } catch (Refused e) {
            return new SignedInStep(language, null, null, null, Response.seeOther(e.location()).build());
        }
        Optional<Session> session = sessions.find(sso);
        Optional<Account> account = session.flatMap(s -> accounts.byId(s.accountId()));
        if (account.isEmpty() || !sameCsrf(form, csrf)) {
            return new SignedInStep(language, ask, null, null, loginPage(ask, language, null, pages.text(language, "expiredForm"), ""));
        }
        return new SignedInStep(language, ask, session.get(), account.get(), null);
    }

    /** With a live session: the password change, consent or the code, whichever is due. */
    private Response proceed(AuthorizationRequest ask, Session session, String language, String csrf, String error) {
        Optional<Account> account = accounts.byId(session.accountId()).filter(a -> !a.locked());
        if (account.isEmpty()) {
            sessions.end(session.id());
            return loginPage(ask, language, csrf, null, "");
        }
        boolean silent = ask.prompt().contains("none");
        if (account.get().mustChangePassword()) {
            return silent ? redirect(ask.refuse(OIDCError.INTERACTION_REQUIRED, "the user must change their password",
                    provider.issuer())) : passwordPage(ask, language, csrf, error);
        }
        boolean consentDue = !ask.client().firstParty()
                && (ask.prompt().contains("consent") || !consents.covers(account.get().id(), ask.client().clientId(), ask.scope()));
        if (consentDue) {
            return silent ? redirect(ask.refuse(OIDCError.CONSENT_REQUIRED, "the user has not allowed this client",
                    provider.issuer())) : consentPage(ask, language, csrf);
        }
        String code = codes.issue(new AuthorizationCodes.Issued(ask.client().clientId(), account.get().id(), session.id(),
                ask.redirectUri(), ask.scope().toString(), ask.nonce(), ask.codeChallenge(), session.authTime()));
        URI location = new AuthorizationSuccessResponse(ask.redirectUri(), new AuthorizationCode(code), null,
                ask.state() == null ? null : new State(ask.state()), provider.issuer(), ResponseMode.QUERY).toURI();
        return Response.seeOther(location).build();
    }

    private AuthorizationRequest resume(MultivaluedMap<String, String> form) {
        String serialized = Optional.ofNullable(OAuthHttp.first(form, "authz")).orElse("");
        return AuthorizationRequest.check(URLUtils.parseParameters(serialized), clients::find, provider.issuer());
    }

    private Response loginPage(AuthorizationRequest ask, String language, String csrf, String error, String username) {
        Map<String, Object> model = new HashMap<>();
        model.put("login", true);
        model.put("username", username);
        return page(ask, language, csrf, "titleLogin", model, error);
    }

    private Response passwordPage(AuthorizationRequest ask, String language, String csrf, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("password", true);
        return page(ask, language, csrf, "titlePassword", model, error);
    }

    private Response consentPage(AuthorizationRequest ask, String language, String csrf) {
        Map<String, Object> model = new HashMap<>();
        model.put("consent", true);
        List<String> scopes = new ArrayList<>();
        ask.scope().forEach(value -> scopes.add(pages.scope(language, value.getValue())));
        model.put("scopes", scopes);
        return page(ask, language, csrf, "titleConsent", model, null);
    }

    private Response page(AuthorizationRequest ask, String language, String csrf, String title, Map<String, Object> model,
            String error) {
        String token = csrf != null && csrf.length() >= 43 ? csrf : ClientSecret.generate();
        model.put("error", error);
        model.put("base", provider.issuer().getValue());
        model.put("clientName", language.equals("en") ? ask.client().nameEn() : ask.client().nameZh());
        model.put("hidden", List.of(Map.of("name", "authz", "value", ask.serialized()), Map.of("name", "csrf", "value", token),
                Map.of("name", "lang", "value", language)));
        Response page = pages.render(200, language, title, model,
                provider.endpoint(OidcProvider.AUTHORIZE_PATH) + "?" + ask.serialized());
        return Response.fromResponse(page).header("Set-Cookie", cookie(CSRF_COOKIE, token, -1)).build();
    }

    private Response problemPage(String language, String message) {
        Map<String, Object> model = new HashMap<>();
        model.put("message", message);
        return pages.render(400, language, "titleError", model, null);
    }

    private static Response redirect(Refused refused) {
        return Response.seeOther(refused.location()).build();
    }

    private static boolean sameCsrf(MultivaluedMap<String, String> form, String cookie) {
        String field = OAuthHttp.first(form, "csrf");
        return field != null && cookie != null && field.length() >= 43
                && java.security.MessageDigest.isEqual(field.getBytes(), cookie.getBytes());
    }

    private static String language(Map<String, List<String>> params, HttpHeaders headers) {
        List<String> lang = params.get("lang") != null ? params.get("lang") : params.get("ui_locales");
        return LoginPages.language(lang == null || lang.isEmpty() ? null : lang.get(0),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    private String cookie(String name, String value, long maxAgeSeconds) {
        return SsoSessions.cookie(name, value, maxAgeSeconds, provider.issuer().getValue().startsWith("https:"));
    }

}
