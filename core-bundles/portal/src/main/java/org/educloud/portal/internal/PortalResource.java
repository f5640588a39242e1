package org.educloud.portal.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
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
import org.educloud.identity.ClientDirectory;
import org.educloud.workflow.Action;
import org.educloud.workflow.Actor;
import org.educloud.workflow.CaseStatus;
import org.educloud.workflow.Decision;
import org.educloud.workflow.AppTodos;
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
 * Connect callback that starts one, a case page to act on a to-do, and logout, which ends the
 * portal session and then the SSO session at the provider (RP-initiated logout).
 */
@Component(service = PortalResource.class, configurationPid = {PortalConfig.IDENTITY_PID, PortalConfig.PID})
@JaxrsResource
@Path("portal")
public class PortalResource {

    static final String SESSION_COOKIE = PortalSignIn.SESSION_COOKIE;
    static final String LOGIN_COOKIE = "EDUCLOUD_PORTAL_LOGIN";
    /** Where to go after a login another page asked for ({@code /portal/login?return=}). */
    static final String RETURN_COOKIE = "EDUCLOUD_PORTAL_RETURN";
    static final String LANG_COOKIE = "EDUCLOUD_PORTAL_LANG";
    private static final Logger LOG = LoggerFactory.getLogger(PortalResource.class);

    private final PortalClient client;
    private final PortalSignIn signIn;
    private final KernelLogin login;
    private final PortalSessions sessions;
    private final Workflows workflows;
    private final PortalPages pages = new PortalPages();
    private final HomePage home;
    private final MyInformation myInformation;

    @Activate
    public PortalResource(@Reference(name = "client") PortalClient client, @Reference(name = "signIn") PortalSignIn signIn,
            @Reference(name = "apps") AppInstallations apps,
            @Reference(name = "orgs") OrgDirectory orgs, @Reference(name = "people") PersonRegistry people,
            @Reference(name = "roster") ClassRoster roster, @Reference(name = "clients") ClientDirectory clients,
            @Reference(name = "workflows") Workflows workflows, @Reference(name = "messages") Messages messages,
            @Reference(name = "appTodos") AppTodos appTodos, PortalConfig config) {
        this.client = client;
        this.signIn = signIn;
        this.login = signIn.login();
        this.sessions = signIn.sessions();
        this.workflows = workflows;
        this.home = new HomePage(apps, clients, client.issuer().toString(), orgs, workflows, messages, appTodos, pages, config.todosShown(),
                config.messagesShown());
        this.myInformation = new MyInformation(people, roster, orgs, workflows, pages);
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
            @CookieParam(RETURN_COOKIE) String returnCookie, @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers) {
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
            URI next = signIn.returnPath(returnCookie).map(path -> URI.create(client.issuer() + path)).orElse(client.home());
            Response.ResponseBuilder response = Response.seeOther(next).header("Set-Cookie", cookie(LOGIN_COOKIE, "", 0))
                    .header("Set-Cookie", cookie(RETURN_COOKIE, "", 0));
            signIn.sessionCookies(started.cookieValue(), sessions.lifetime().toSeconds()).forEach(c -> response.header("Set-Cookie", c));
            return response.build();
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
        Response.ResponseBuilder response = Response.seeOther(login.logoutUrl(session.flatMap(PortalSessions.Session::idToken), language));
        signIn.sessionCookies("", 0).forEach(c -> response.header("Set-Cookie", c));
        return response.build();
    }

    /**
     * Login for another page under the portal's session paths (the console): back to
     * {@code return} at once when signed in, else through the provider's login and then back.
     */
    @GET
    @Path("login")
    public Response loginFor(@QueryParam("return") String returnTo, @CookieParam(SESSION_COOKIE) String cookie,
            @CookieParam(LANG_COOKIE) String langCookie, @Context HttpHeaders headers) {
        Optional<String> path = signIn.returnPath(returnTo);
        if (signIn.live(cookie).isPresent()) {
            return Response.seeOther(path.map(p -> URI.create(client.issuer() + p)).orElse(client.home())).build();
        }
        Response started = startLogin(language(null, langCookie, headers));
        return path.map(p -> Response.fromResponse(started).header("Set-Cookie", cookie(RETURN_COOKIE, p,
                sessions.loginLifetime().toSeconds())).build()).orElse(started);
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

    /** The user behind the cookie (see {@link PortalSignIn#live}) as an actor on workflows and messages. */
    private Optional<SignedIn> signedIn(String cookie, HttpServletRequest http) {
        return signIn.live(cookie).map(live -> new SignedIn(live.session(), live.account(), new Actor(live.account().username(),
                live.account().grants(), Optional.ofNullable(http.getRemoteAddr()))));
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

    /** A cookie for the portal's paths only (see {@link PortalSignIn#cookie}). */
    private String cookie(String name, String value, long maxAgeSeconds) {
        return signIn.cookie(name, value, "/portal", maxAgeSeconds);
    }

    private static boolean same(String given, String expected) {
        return PortalSignIn.same(given, expected);
    }
}
