package org.educloud.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.databind.JsonNode;

import org.educloud.identity.OrgPath;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /console/apps}: the app center's pages, through its API ({@code /api/appcenter/v1}) as
 * the signed-in person, each part for the roles it serves: school administrators browse the
 * catalog and install (consenting to the scopes an app asks for), upgrade and uninstall for their
 * school; operators review submitted versions (approve, reject with a reason) and see every
 * installation; vendors upload a version and follow their versions' review, the automatic
 * checks' refusals shown one by one.
 */
@Component(service = AppsPage.class)
@JaxrsResource
@Path("console/apps")
public class AppsPage {

    static final String API = "/api/appcenter/v1";
    private static final String CATALOG_READ = "apps:catalog:read";

    private final ConsoleGate gate;

    @Activate
    public AppsPage(@Reference(name = "gate") ConsoleGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response apps(@QueryParam("q") String q, @QueryParam("category") String category, @QueryParam("after") String after,
            @QueryParam("done") String done, @QueryParam("lang") String lang, @Context HttpServletRequest request,
            @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.APPS, visitor -> appsPage(visitor, text(q), text(category), text(after),
                gate.doneText(visitor, done), null));
    }

    @GET
    @Path("{appId}")
    @Produces(MediaType.TEXT_HTML)
    public Response app(@PathParam("appId") String appId, @QueryParam("done") String done, @QueryParam("lang") String lang,
            @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, lang, Section.APPS, visitor -> appPage(visitor, appId, gate.doneText(visitor, done), null));
    }

    /** {@code install}, {@code upgrade} (version, org, consent) or {@code uninstall} (org), as the form's {@code action}. */
    @POST
    @Path("{appId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response change(@PathParam("appId") String appId, MultivaluedMap<String, String> form, @Context HttpServletRequest request,
            @Context HttpHeaders headers) {
        return gate.serve(request, headers, null, Section.APPS, visitor -> {
            if (ConsoleGate.forged(visitor, form.getFirst("csrf"))) {
                return appPage(visitor, appId, null, ConsoleGate.error(gate.pages().text(visitor.language(), "expiredForm"), List.of()));
            }
            String action = text(form.getFirst("action"));
            String org = text(form.getFirst("org"));
            try {
                switch (action) {
                    case "install", "upgrade" -> {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("appId", appId);
                        body.put("version", text(form.getFirst("version")));
                        body.put("org", org);
                        body.put("consent", Optional.ofNullable(form.get("consent")).orElse(List.of()));
                        visitor.api().post(API + (action.equals("install") ? "/installations" : "/installations/upgrade"), body);
                    }
                    case "uninstall" -> visitor.api().delete(API + "/installations/" + ConsoleGate.encode(appId) + "?org=" + ConsoleGate.encode(org));
                    default -> throw new ApiRefusal(400, gate.pages().text(visitor.language(), "unknownAction", action), List.of());
                }
            } catch (ApiRefusal e) {
                return appPage(visitor, appId, null, ConsoleGate.error(e));
            }
            return ConsoleGate.done("/console/apps/" + ConsoleGate.encode(appId), action.endsWith("e") ? action + "d" : action + "ed");
        });
    }

    /** An operator's decision on a submitted version: {@code approve}, or {@code reject} with the reason. */
    @POST
    @Path("reviews")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response review(MultivaluedMap<String, String> form, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        return gate.serve(request, headers, null, Section.APPS, visitor -> {
            if (ConsoleGate.forged(visitor, form.getFirst("csrf"))) {
                return appsPage(visitor, "", "", "", null, ConsoleGate.error(gate.pages().text(visitor.language(), "expiredForm"), List.of()));
            }
            String decision = text(form.getFirst("decision"));
            try {
                visitor.api().post(API + "/reviews", Map.of("appId", text(form.getFirst("appId")), "version", text(form.getFirst("version")),
                        "decision", decision, "reason", text(form.getFirst("reason"))));
            } catch (ApiRefusal e) {
                return appsPage(visitor, "", "", "", null, ConsoleGate.error(e));
            }
            return ConsoleGate.done("/console/apps", decision.equals("approve") ? "approved" : "rejected");
        });
    }

    /** A vendor's upload of a version (.kar), passed to the app center's checks; their refusals come back one by one. */
    @POST
    @Path("submissions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @Context HttpServletRequest request,
            @Context HttpHeaders headers) {
        return gate.serve(request, headers, null, Section.APPS, visitor -> {
            try (UploadForm form = UploadForm.read(body, contentType, "package")) {
                if (ConsoleGate.forged(visitor, form.field("csrf"))) {
                    return appsPage(visitor, "", "", "", null, ConsoleGate.error(gate.pages().text(visitor.language(), "expiredForm"), List.of()));
                }
                if (form.file().isEmpty()) {
                    return appsPage(visitor, "", "", "", null, ConsoleGate.error(gate.pages().text(visitor.language(), "choosePackage"), List.of()));
                }
                visitor.api().postFile(API + "/submissions?category=" + ConsoleGate.encode(form.field("category")) + "&description="
                        + ConsoleGate.encode(form.field("description")), form.file().get());
                return ConsoleGate.done("/console/apps", "submitted");
            } catch (ApiRefusal e) {
                return appsPage(visitor, "", "", "", null, ConsoleGate.error(e));
            } catch (IllegalArgumentException | IOException e) {
                return appsPage(visitor, "", "", "", null, ConsoleGate.error(e.getMessage(), List.of()));
            }
        });
    }

    private Response appsPage(Visitor visitor, String q, String category, String after, String done, Map<String, Object> error) {
        RolePermissions caller = visitor.caller();
        Map<String, Object> apps = new HashMap<>();
        boolean reviewer = Section.isReviewer(caller);
        boolean vendor = caller.holdsAnywhere(Section.SUBMIT);
        apps.put("q", q);
        apps.put("category", category);
        if (caller.holdsAnywhere(CATALOG_READ) || vendor || reviewer) {
            JsonNode page = visitor.api().get(API + "/catalog?limit=" + gate.pageSize() + "&q=" + ConsoleGate.encode(q) + "&category="
                    + ConsoleGate.encode(category) + (after.isEmpty() ? "" : "&after=" + ConsoleGate.encode(after)));
            List<Map<String, Object>> items = new ArrayList<>();
            for (JsonNode app : page.path("items")) {
                items.add(app(visitor, app));
            }
            apps.put("catalog", Map.of("items", items));
            String cursor = page.path("cursor").asText(null);
            apps.put("next", cursor == null ? null : "/console/apps?after=" + ConsoleGate.encode(cursor) + "&q=" + ConsoleGate.encode(q)
                    + "&category=" + ConsoleGate.encode(category));
        }
        if (vendor) {
            apps.put("vendor", Map.of("mine", ownApps(visitor)));
        }
        if (reviewer) {
            apps.put("reviews", Map.of("items", versions(visitor, visitor.api().get(API + "/submissions"))));
        }
        if (caller.holdsAnywhere(Section.INSTALLATIONS_READ)) {
            apps.put("installs", Map.of("items", installations(visitor, visitor.api().get(API + "/installations"), null)));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("apps", apps);
        model.put("done", done);
        model.put("error", error);
        return gate.page(visitor, error == null ? 200 : 422, Section.APPS, "titleApps", model);
    }

    /** A vendor's apps, under each vendor org they submit for, with every version and its review. */
    private List<Map<String, Object>> ownApps(Visitor visitor) {
        List<Map<String, Object>> mine = new ArrayList<>();
        for (OrgPath org : visitor.caller().scopeOf(Section.SUBMIT)) {
            for (JsonNode app : visitor.api().get(API + "/catalog?limit=500&vendor=" + ConsoleGate.encode(org.value())).path("items")) {
                Map<String, Object> row = app(visitor, app);
                row.put("versions", versions(visitor, visitor.api().get(API + "/apps/" + ConsoleGate.encode(app.path("id").asText())
                        + "/versions")));
                mine.add(row);
            }
        }
        return mine;
    }

    private Response appPage(Visitor visitor, String appId, String done, Map<String, Object> error) {
        Map<String, Object> model = new HashMap<>();
        model.put("done", done);
        model.put("error", error);
        JsonNode detail;
        try {
            detail = visitor.api().get(API + "/apps/" + ConsoleGate.encode(appId));
        } catch (ApiRefusal e) {
            model.put("error", ConsoleGate.error(e));
            return gate.page(visitor, e.status(), Section.APPS, "titleApps", model);
        }
        RolePermissions caller = visitor.caller();
        Map<String, Object> app = app(visitor, detail.path("app"));
        List<Map<String, Object>> versions = versions(visitor, detail.path("versions"));
        app.put("versions", versions);
        Optional<JsonNode> latest = latestApproved(detail.path("versions"));
        List<String> installOrgs = caller.scopeOf(Section.INSTALL).stream().map(OrgPath::value).toList();
        if (latest.isPresent() && !installOrgs.isEmpty()) {
            Map<String, Object> install = new HashMap<>();
            install.put("version", latest.get().path("version").asText());
            install.put("scopes", scopes(latest.get()));
            install.put("orgs", installOrgs);
            install.put("anyOrg", installOrgs.contains(OrgPath.ROOT.value()));
            app.put("install", install);
        }
        if (caller.holdsAnywhere(Section.INSTALLATIONS_READ)) {
            app.put("installs", Map.of("items", installations(visitor, visitor.api().get(API + "/installations"), appId).stream().map(row -> {
                String org = (String) row.get("org");
                boolean mayChange = caller.isPermitted(Section.INSTALL, OrgPath.of(org));
                row.put("mayChange", mayChange);
                latest.filter(v -> mayChange && newer(v.path("version").asText(), (String) row.get("version")))
                        .ifPresent(v -> row.put("upgrade", Map.of("version", v.path("version").asText(), "scopes", scopes(v))));
                // another org's upgrade moved this one: its administrator agrees to what the version asks now
                if (mayChange && !row.containsKey("upgrade") && !((List<?>) row.get("awaitingConsent")).isEmpty()) {
                    versionNamed(detail.path("versions"), (String) row.get("version")).ifPresent(v -> row.put("consent",
                            Map.of("version", v.path("version").asText(), "scopes", scopes(v), "awaiting", row.get("awaitingConsent"))));
                }
                return row;
            }).toList()));
        }
        model.put("app", app);
        return gate.page(visitor, error == null ? 200 : 422, Section.APPS, "titleApps", model);
    }

    private static Map<String, Object> app(Visitor visitor, JsonNode app) {
        Map<String, Object> row = new HashMap<>();
        String id = app.path("id").asText();
        row.put("id", id);
        row.put("href", "/console/apps/" + ConsoleGate.encode(id));
        String zh = app.path("nameZh").asText(id);
        String en = app.path("nameEn").asText(id);
        row.put("name", visitor.language().equals("en") ? en : zh);
        row.put("otherName", visitor.language().equals("en") ? zh : en);
        row.put("vendor", app.path("vendor").asText(""));
        row.put("vendorOrg", app.path("vendorOrg").asText(""));
        row.put("category", app.path("category").asText(""));
        row.put("description", app.path("description").asText(""));
        return row;
    }

    private static List<Map<String, Object>> versions(Visitor visitor, JsonNode versions) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode version : versions) {
            Map<String, Object> row = new HashMap<>();
            row.put("appId", version.path("appId").asText());
            row.put("version", version.path("version").asText());
            row.put("state", version.path("state").asText());
            row.put("scopes", String.join(" ", scopes(version)));
            row.put("checks", version.path("checks").size());
            row.put("submittedBy", version.path("submittedBy").asText(""));
            row.put("submittedAt", shortTime(version.path("submittedAt").asText("")));
            row.put("reviewedBy", version.path("reviewedBy").asText(""));
            row.put("reason", version.path("reason").asText(""));
            row.put("key", (version.path("appId").asText() + "-" + version.path("version").asText()).replace('.', '-'));
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, Object>> installations(Visitor visitor, JsonNode installations, String appId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode installation : installations) {
            if (appId != null && !installation.path("appId").asText().equals(appId)) {
                continue;
            }
            Map<String, Object> row = new HashMap<>();
            row.put("appId", installation.path("appId").asText());
            row.put("href", "/console/apps/" + ConsoleGate.encode(installation.path("appId").asText()));
            row.put("org", installation.path("org").asText());
            row.put("version", installation.path("version").asText());
            row.put("installedBy", installation.path("installedBy").asText(""));
            row.put("installedAt", shortTime(installation.path("installedAt").asText("")));
            List<String> awaiting = new ArrayList<>();
            installation.path("awaitingConsent").forEach(scope -> awaiting.add(scope.asText()));
            row.put("awaitingConsent", awaiting);
            rows.add(row);
        }
        return rows;
    }

    private static List<String> scopes(JsonNode version) {
        List<String> scopes = new ArrayList<>();
        version.path("scopes").forEach(scope -> scopes.add(scope.asText()));
        return scopes;
    }

    /** The listed version with this number. */
    static Optional<JsonNode> versionNamed(JsonNode versions, String version) {
        for (JsonNode listed : versions) {
            if (listed.path("version").asText().equals(version)) {
                return Optional.of(listed);
            }
        }
        return Optional.empty();
    }

    /** The highest approved version, by its numbers. */
    static Optional<JsonNode> latestApproved(JsonNode versions) {
        JsonNode best = null;
        for (JsonNode version : versions) {
            if ("APPROVED".equals(version.path("state").asText()) && (best == null
                    || newer(version.path("version").asText(), best.path("version").asText()))) {
                best = version;
            }
        }
        return Optional.ofNullable(best);
    }

    /** True when {@code a} is a higher {@code major.minor.micro} than {@code b}. */
    static boolean newer(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int x = i < left.length ? number(left[i]) : 0;
            int y = i < right.length ? number(right[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return false;
    }

    private static int number(String part) {
        try {
            return Integer.parseInt(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An ISO instant in the kernel's zone, as the audit page shows times. */
    private static String shortTime(String iso) {
        try {
            return AuditPage.SHOWN.format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }
}
