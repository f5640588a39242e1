package org.educloud.console.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.educloud.portal.PortalSession;
import org.educloud.portal.SignedInUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every console page goes through: the portal's sign-in (a browser without a portal session
 * is sent to log in and brought back), the person's permissions, the section's rule (others get a
 * 403 page saying what the section needs), the language, and the page's frame with the sections
 * the person may use.
 */
@Component(service = ConsoleGate.class, configurationPid = ConsoleConfig.PID)
public class ConsoleGate {

    static final String LANG_COOKIE = "EDUCLOUD_CONSOLE_LANG";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleGate.class);

    /** A page's work once the visitor may see the section. */
    @FunctionalInterface
    interface Work {
        Response serve(Visitor visitor);
    }

    private final PortalSession portal;
    private final ConsolePages pages = new ConsolePages();
    private final RoleCatalog roles = new RoleCatalog(Clock.systemUTC());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int pageSize;

    @Activate
    public ConsoleGate(@Reference(name = "portal") PortalSession portal, ConsoleConfig config) {
        this.portal = portal;
        this.pageSize = Math.max(1, Math.min(200, config.pageSize()));
    }

    int pageSize() {
        return pageSize;
    }

    ConsolePages pages() {
        return pages;
    }

    /** Serves a page of {@code section} to the signed-in person, or sends them to log in, or refuses them. */
    Response serve(HttpServletRequest request, HttpHeaders headers, String lang, Section section, Work work) {
        String language = ConsolePages.language(lang != null && !lang.isBlank() ? lang : cookie(request, LANG_COOKIE),
                headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        Optional<SignedInUser> user = portal.signedIn(request);
        if (user.isEmpty()) {
            String back = request.getRequestURI() + (request.getQueryString() == null || !"GET".equals(request.getMethod()) ? ""
                    : "?" + request.getQueryString());
            return Response.seeOther(portal.loginUrl(back)).header("Cache-Control", "no-store").build();
        }
        Visitor visitor;
        Response response;
        try {
            KernelApi api = new KernelApi(http, user.get());
            Map<String, RoleCatalog.Role> known = roles.roles(api);
            RolePermissions caller = new RolePermissions(user.get().account(), "educloud-portal", permissionsOf(known));
            visitor = new Visitor(user.get(), caller, language, api, known, request.getRequestURI());
            if (!section.allows(caller)) {
                response = page(visitor, 403, Section.HOME, "titleRefused", Map.of("refused", Map.of("why",
                        pages.text(language, section == Section.HOME ? "refusedConsole" : "refusedSection",
                                pages.text(language, "nav." + section.name().toLowerCase()))), "portalUrl", portal.homeUrl()));
            } else {
                response = work.serve(visitor);
            }
        } catch (ApiRefusal e) {
            LOG.warn("A console page could not be served to {}: {}", user.get().account().username(), e.getMessage());
            return Response.status(e.status() >= 500 ? 503 : e.status()).type("text/plain; charset=utf-8")
                    .entity(pages.text(language, "apiDown", e.getMessage())).header("Cache-Control", "no-store").build();
        }
        if (lang != null && !lang.isBlank()) {
            response = Response.fromResponse(response).header("Set-Cookie", LANG_COOKIE + "=" + language + "; Path=/console; HttpOnly; "
                    + "SameSite=Lax; Expires=" + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)
                            .plusDays(365))).build();
        }
        return response;
    }

    /**
     * A page of the console: the frame (header, the sections the visitor may use, language switch,
     * logout) around {@code model}, whose keys name the section partials to show.
     */
    Response page(Visitor visitor, int status, Section current, String titleKey, Map<String, Object> model) {
        String language = visitor.language();
        Map<String, Object> context = new HashMap<>(model);
        context.put("t", pages.texts(language));
        context.put("title", pages.text(language, titleKey));
        context.put("lang", language);
        context.put("me", visitor.user().account().displayName());
        context.put("myRoles", String.join("、", visitor.user().account().grants().stream()
                .map(g -> visitor.roleName(g.role()) + "@" + g.org()).toList()));
        context.put("csrf", visitor.user().formToken());
        context.put("logoutUrl", portal.logoutUrl());
        context.put("portalUrl", portal.homeUrl());
        List<Map<String, Object>> nav = new ArrayList<>();
        for (Section section : Section.values()) {
            if (section.allows(visitor.caller())) {
                nav.add(Map.of("href", "/console/" + section.path(), "label", pages.text(language, "nav." + section.name().toLowerCase()),
                        "id", "nav-" + section.name().toLowerCase(), "current", section == current));
            }
        }
        context.put("nav", nav);
        List<Map<String, String>> others = new ArrayList<>();
        for (String other : ConsolePages.LANGUAGES) {
            if (!other.equals(language)) {
                others.add(Map.of("code", other, "label", other.equals("en") ? "English" : "中文", "href", visitor.path() + "?lang=" + other));
            }
        }
        context.put("otherLangs", others);
        return Response.status(status).type("text/html; charset=utf-8").entity(pages.render(context))
                .header("Cache-Control", "no-store")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                        + "form-action 'self'; frame-ancestors 'none'")
                .build();
    }

    /** After a change: back to a page (Post/Redirect/Get), with what was done for the page to say. */
    static Response done(String path, String what) {
        return Response.seeOther(URI.create(path + (path.contains("?") ? "&" : "?") + "done=" + encode(what))).build();
    }

    /** The error box: the message and, for a refused app package, each of its problems. */
    static Map<String, Object> error(String message, List<ApiRefusal.PackageProblem> problems) {
        return Map.of("message", message, "problems", problems);
    }

    static Map<String, Object> error(ApiRefusal refusal) {
        return error(refusal.getMessage(), refusal.problems());
    }

    /** What the redirect after a change says was done ({@code done.<what>} in the texts); null when nothing known. */
    String doneText(Visitor visitor, String what) {
        if (what == null || !what.matches("[a-zA-Z]{1,30}")) {
            return null;
        }
        String text = pages.text(visitor.language(), "done." + what);
        return text.equals("done." + what) ? null : text;
    }

    /** A form that did not come from this session's page: refused without doing anything. */
    static boolean forged(Visitor visitor, String csrf) {
        return !visitor.user().isFormToken(csrf);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, List<org.apache.shiro.authz.permission.WildcardPermission>> permissionsOf(Map<String, RoleCatalog.Role> roles) {
        Map<String, List<org.apache.shiro.authz.permission.WildcardPermission>> permissions = new HashMap<>();
        roles.forEach((id, role) -> permissions.put(id, role.permissions()));
        return permissions;
    }

    private static String cookie(HttpServletRequest request, String name) {
        if (request.getCookies() == null) {
            return null;
        }
        for (javax.servlet.http.Cookie cookie : request.getCookies()) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
