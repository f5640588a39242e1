package org.educloud.portal.internal;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.PersonRegistry;
import org.educloud.identity.Account;
import org.educloud.identity.AccountDirectory;
import org.educloud.identity.ClientDirectory;
import org.educloud.persistence.SchemaMigrations;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.Decision;
import org.educloud.workflow.Messages;
import org.educloud.workflow.RecordCorrectionWorkflow;
import org.educloud.workflow.WorkflowCase;
import org.educloud.workflow.WorkflowDefinition;
import org.educloud.workflow.WorkflowProblem;
import org.educloud.workflow.Workflows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's pages at {@code /portal/}: the home page behind a portal session, the OpenID
 * Connect callback that starts one, "my information" with its correction requests, a case page to
 * act on a to-do, and logout, which ends the portal session and then the SSO session at the
 * provider (RP-initiated logout).
 */
@Component(service = PortalResource.class, configurationPid = {PortalConfig.IDENTITY_PID, PortalConfig.PID})
@JaxrsResource
@Path("portal")
public class PortalResource {

    static final String SESSION_COOKIE = "EDUCLOUD_PORTAL";
    static final String LOGIN_COOKIE = "EDUCLOUD_PORTAL_LOGIN";
    static final String LANG_COOKIE = "EDUCLOUD_PORTAL_LANG";
    private static final Logger LOG = LoggerFactory.getLogger(PortalResource.class);

    private final PortalClient client;
    private final KernelLogin login;
    private final PortalSessions sessions;
    private final AccountDirectory accounts;
    private final Workflows workflows;
    private final PortalPages pages = new PortalPages();
    private final HomePage home;
    private final MyInformation myInformation;
    private final boolean secure;

    @Activate
    public PortalResource(@Reference(name = "client") PortalClient client,
            @Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource,
            @Reference(name = "accounts") AccountDirectory accounts, @Reference(name = "apps") AppInstallations apps,
            @Reference(name = "orgs") OrgDirectory orgs, @Reference(name = "people") PersonRegistry people,
            @Reference(name = "roster") ClassRoster roster, @Reference(name = "clients") ClientDirectory clients,
            @Reference(name = "workflows") Workflows workflows, @Reference(name = "messages") Messages messages, PortalConfig config) {
        this.client = client;
        this.login = new KernelLogin(client);
        this.sessions = new PortalSessions(dataSource, Duration.ofMinutes(Math.max(1, config.sessionMinutes())),
                Duration.ofMinutes(Math.max(1, config.loginMinutes())), Clock.systemUTC());
        this.accounts = accounts;
        this.workflows = workflows;
        this.home = new HomePage(apps, clients, client.issuer().toString(), orgs, workflows, messages, pages, config.todosShown(),
                config.messagesShown());
        this.myInformation = new MyInformation(people, roster, orgs, workflows, pages);
        this.secure = client.issuer().getScheme().equals("https");
        try {
            sessions.purgeExpired();
        } catch (IllegalStateException e) {
            LOG.warn("Could not forget expired portal sessions now: {}", e.getMessage());
        }
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response home(@CookieParam(SESSION_COOKIE) String cookie, @CookieParam(LANG_COOKIE) String langCookie,
            @QueryParam("lang") String lang, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        long started = System.nanoTime();
        String language = language(lang, langCookie, headers);
        Optional<SignedIn> signedIn = signedIn(cookie, http);
        if (signedIn.isEmpty()) {
            return withLanguage(startLogin(language), lang, language);
        }
        Map<String, Object> model = home.model(signedIn.get().account(), signedIn.get().actor(), language);
        Response page = page(200, language, "titleHome", signedIn.get().session().csrf(), model);
        // The time the portal took (session, account, tiles, to-dos, messages, rendering), for browsers' tools and the benchmark.
        page = Response.fromResponse(page).header("Server-Timing", String.format(java.util.Locale.ROOT, "portal;dur=%.2f",
                (System.nanoTime() - started) / 1e6)).build();
        return withLanguage(page, lang, language);
    }

    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state, @QueryParam("error") String error,
            @QueryParam("error_description") String description, @CookieParam(LOGIN_COOKIE) String loginCookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers) {
        String language = language(null, langCookie, headers);
        Optional<PortalSessions.PendingLogin> pending = sessions.pendingLogin(loginCookie);
        if (pending.isEmpty()) {
            // Expired, used, or a callback this browser did not ask for (login CSRF): start afresh.
            return startLogin(language);
        }
        sessions.end(pending.get().id());
        if (error != null || code == null || state == null || !same(state, pending.get().state())) {
            String why = error != null ? error + (description == null ? "" : " (" + description + ")")
                    : "the answer from the login page did not match the login this browser started";
            return problem(language, why);
        }
        try {
            KernelLogin.Tokens tokens = login.redeem(code, pending.get().codeVerifier(), pending.get().nonce());
            PortalSessions.Started<PortalSessions.Session> started = sessions.completeLogin(pending.get(), tokens);
            return Response.seeOther(client.home()).header("Set-Cookie", cookie(SESSION_COOKIE, started.cookieValue(),
                    sessions.lifetime().toSeconds())).header("Set-Cookie", cookie(LOGIN_COOKIE, "", 0)).build();
        } catch (KernelLogin.Refused | KernelLogin.Unavailable e) {
            LOG.warn("A portal login failed: {}", e.getMessage());
            return problem(language, e.getMessage());
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(MultivaluedMap<String, String> form, @CookieParam(SESSION_COOKIE) String cookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers) {
        String language = language(null, langCookie, headers);
        Optional<PortalSessions.Session> session = sessions.session(cookie);
        if (session.isPresent() && !same(form.getFirst("csrf"), session.get().csrf())) {
            // Not from the portal's own page: no one else's page may log the user out.
            return Response.seeOther(client.home()).build();
        }
        session.ifPresent(s -> sessions.end(s.id()));
        return Response.seeOther(login.logoutUrl(session.flatMap(PortalSessions.Session::idToken), language))
                .header("Set-Cookie", cookie(SESSION_COOKIE, "", 0)).build();
    }

    @GET
    @Path("me")
    @Produces(MediaType.TEXT_HTML)
    public Response me(@CookieParam(SESSION_COOKIE) String cookie, @CookieParam(LANG_COOKIE) String langCookie,
            @Context HttpHeaders headers, @Context HttpServletRequest http) {
        String language = language(null, langCookie, headers);
        Optional<SignedIn> signedIn = signedIn(cookie, http);
        if (signedIn.isEmpty()) {
            return startLogin(language);
        }
        return page(200, language, "titleMe", signedIn.get().session().csrf(),
                myInformation.model(signedIn.get().account(), language, null, Map.of(), ""));
    }

    /** A correction request: the fields given a new value, and the reason; it starts a record-correction case. */
    @POST
    @Path("me/corrections")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response requestCorrection(MultivaluedMap<String, String> form, @CookieParam(SESSION_COOKIE) String cookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        String language = language(null, langCookie, headers);
        Optional<SignedIn> signedIn = signedIn(cookie, http);
        if (signedIn.isEmpty()) {
            return startLogin(language);
        }
        Map<String, String> entered = new HashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("field.") && !values.isEmpty()) {
                entered.put(name.substring("field.".length()), values.get(0));
            }
        });
        String reason = Optional.ofNullable(form.getFirst("reason")).orElse("");
        String error;
        if (!same(form.getFirst("csrf"), signedIn.get().session().csrf())) {
            error = pages.text(language, "expiredForm");
        } else {
            try {
                myInformation.request(signedIn.get().account(), signedIn.get().actor(), entered, reason);
                return Response.seeOther(URI.create(client.issuer() + "/portal/me")).build();
            } catch (WorkflowProblem e) {
                error = e.getMessage();
            }
        }
        return page(400, language, "titleMe", signedIn.get().session().csrf(),
                myInformation.model(signedIn.get().account(), language, error, entered, reason));
    }

    @GET
    @Path("cases/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response workflowCase(@PathParam("id") long caseId, @CookieParam(SESSION_COOKIE) String cookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        String language = language(null, langCookie, headers);
        Optional<SignedIn> signedIn = signedIn(cookie, http);
        if (signedIn.isEmpty()) {
            return startLogin(language);
        }
        return casePage(caseId, signedIn.get(), language, null);
    }

    @POST
    @Path("cases/{id}/actions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response act(@PathParam("id") long caseId, MultivaluedMap<String, String> form, @CookieParam(SESSION_COOKIE) String cookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers, @Context HttpServletRequest http) {
        String language = language(null, langCookie, headers);
        Optional<SignedIn> signedIn = signedIn(cookie, http);
        if (signedIn.isEmpty()) {
            return startLogin(language);
        }
        if (!same(form.getFirst("csrf"), signedIn.get().session().csrf())) {
            return casePage(caseId, signedIn.get(), language, pages.text(language, "expiredForm"));
        }
        try {
            Optional<Integer> version = Optional.ofNullable(form.getFirst("version")).filter(v -> v.matches("\\d{1,9}"))
                    .map(Integer::valueOf);
            workflows.act(caseId, new Decision(Action.parse(Optional.ofNullable(form.getFirst("action")).orElse("")),
                    form.getFirst("comment"), version, Optional.empty()), signedIn.get().actor());
        } catch (WorkflowProblem e) {
            return casePage(caseId, signedIn.get(), language, e.getMessage());
        }
        return Response.seeOther(client.home()).build();
    }

    /** A user with a live portal session, their account as it is now, and them as an actor on workflows and messages. */
    private record SignedIn(PortalSessions.Session session, Account account, Actor actor) {
    }

    /**
     * The session behind the cookie, with fresh tokens: an expired access token is refreshed, and
     * a refusal (the SSO session ended elsewhere, the account was locked) ends the portal session
     * too, so logging out anywhere logs out here within one access-token lifetime.
     */
    private Optional<SignedIn> signedIn(String cookie, HttpServletRequest http) {
        Optional<PortalSessions.Session> found = sessions.session(cookie);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PortalSessions.Session session = found.get();
        if (session.accessExpiresAt().isBefore(Instant.now())) {
            if (session.refreshToken().isEmpty()) {
                sessions.end(session.id());
                return Optional.empty();
            }
            try {
                session = sessions.refreshed(session, login.refresh(session.refreshToken().get()));
            } catch (KernelLogin.Refused e) {
                LOG.debug("Portal session of {} ended: {}", session.username(), e.getMessage());
                sessions.end(session.id());
                return Optional.empty();
            } catch (KernelLogin.Unavailable e) {
                // Nothing was decided: serve this page (the account is checked below, in-process) and refresh on the next one.
                LOG.warn("Could not refresh the portal session of {} now: {}", session.username(), e.getMessage());
            }
        }
        Optional<Account> account = accounts.find(session.username()).filter(a -> !a.locked());
        if (account.isEmpty()) {
            sessions.end(session.id());
            return Optional.empty();
        }
        Actor actor = new Actor(account.get().username(), account.get().grants(), Optional.ofNullable(http.getRemoteAddr()));
        return Optional.of(new SignedIn(session, account.get(), actor));
    }

    private Response startLogin(String language) {
        PortalSessions.Started<PortalSessions.PendingLogin> started = sessions.startLogin();
        PortalSessions.PendingLogin pending = started.row();
        return Response.seeOther(login.authorizeUrl(pending.state(), pending.nonce(), pending.codeVerifier(), language))
                .header("Set-Cookie", cookie(LOGIN_COOKIE, started.cookieValue(), sessions.loginLifetime().toSeconds()))
                .header("Cache-Control", "no-store").build();
    }

    private Response casePage(long caseId, SignedIn signedIn, String language, String error) {
        Optional<WorkflowCase> found = workflows.find(caseId);
        boolean mayAct = found.flatMap(WorkflowCase::pending).map(step -> step.isFor(signedIn.actor())).orElse(false);
        boolean mayRead = mayAct || found.map(c -> c.applicant().equals(signedIn.account().username())).orElse(false);
        if (!mayRead) {
            // Cases are not the portal's to show to anyone else (the workflow API has the rules for reviewers of other steps).
            return page(404, language, "titleError", signedIn.session().csrf(), Map.of("problem", "case " + caseId
                    + " is not one of your to-dos or applications"));
        }
        WorkflowCase workflowCase = found.get();
        Optional<WorkflowDefinition> definition = workflows.definition(workflowCase.definitionId());
        Map<String, Object> model = new HashMap<>();
        model.put("caseId", caseId);
        model.put("workflow", definition.map(d -> language.equals("en") ? d.nameEn() : d.nameZh()).orElse(workflowCase.definitionId()));
        model.put("subject", workflowCase.subjectName());
        model.put("applicant", workflowCase.applicant());
        model.put("reason", workflowCase.reason());
        model.put("status", workflowCase.status().name());
        model.put("statusText", pages.text(language, "status." + workflowCase.status().name()));
        if (workflowCase.definitionId().equals(RecordCorrectionWorkflow.ID)) {
            model.put("corrections", myInformation.corrections(workflowCase, language));
        }
        model.put("version", workflowCase.version());
        model.put("error", error);
        workflowCase.pending().ifPresent(step -> model.put("step", step.isCorrection() ? pages.text(language, "correction")
                : language.equals("en") ? step.nameEn() : step.nameZh()));
        List<Map<String, Object>> actions = new ArrayList<>();
        if (mayAct && workflowCase.status() != CaseStatus.COMPLETED && workflowCase.status() != CaseStatus.REJECTED) {
            List<String> offered = workflowCase.pending().get().isCorrection() ? List.of("resubmit") : List.of("approve", "return", "reject");
            for (String action : offered) {
                actions.add(Map.of("value", action, "label", pages.text(language, action), "secondary", !action.equals(offered.get(0))));
            }
        }
        model.put("actions", actions);
        return page(200, language, "titleCase", signedIn.session().csrf(), Map.of("case", model));
    }

    private Response problem(String language, String why) {
        return page(400, language, "titleError", null, Map.of("problem", pages.text(language, "loginFailed", why)));
    }

    private Response page(int status, String language, String title, String csrf, Map<String, Object> model) {
        return Response.status(status).type("text/html; charset=utf-8")
                .entity(pages.render(language, title, client.issuer().toString(), csrf, model))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                        + "form-action 'self' " + client.issuer() + "; frame-ancestors 'none'")
                .build();
    }

    /** Remembers an explicit language choice for the portal's next pages. */
    private Response withLanguage(Response response, String explicit, String language) {
        if (explicit == null || explicit.isBlank()) {
            return response;
        }
        return Response.fromResponse(response).header("Set-Cookie", cookie(LANG_COOKIE, language, 365L * 24 * 3600)).build();
    }

    private static String language(String explicit, String cookie, HttpHeaders headers) {
        return PortalPages.language(explicit != null && !explicit.isBlank() ? explicit : cookie,
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /**
     * A cookie for the portal's paths only, out of scripts' reach, not sent on cross-site
     * subrequests. Expires rather than Max-Age, as the identity bundle's cookies (some clients
     * take Max-Age for RFC 2965 and quote the value back).
     */
    private String cookie(String name, String value, long maxAgeSeconds) {
        String expires = "; Expires=" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                .plusSeconds(maxAgeSeconds == 0 ? -86400 : maxAgeSeconds));
        return name + "=" + value + "; Path=/portal; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "") + expires;
    }

    private static boolean same(String given, String expected) {
        return given != null && expected != null
                && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
