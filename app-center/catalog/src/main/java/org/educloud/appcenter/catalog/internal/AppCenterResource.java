package org.educloud.appcenter.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.educloud.appcenter.deployment.Installation;
import org.educloud.appcenter.packages.PackageProblem;
import org.educloud.appcenter.packages.PackageRefusedException;
import org.educloud.identity.Caller;
import org.educloud.identity.OrgPath;
import org.educloud.identity.RequiresScope;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The app center API, {@code /api/appcenter/v1}: the catalog, an app with its versions and record,
 * vendors' submissions, operators' reviews and schools' installations. Every call needs the scope
 * {@value #SCOPE}; what the caller may do is checked by permission at the org it concerns:
 * {@value #SUBMIT} at the vendor's org, {@value #REVIEW} region-wide, {@value #INSTALL} and
 * {@value #INSTALLATIONS_READ} at the school, {@value #CATALOG_READ} anywhere to browse.
 */
@Component(service = AppCenterResource.class)
@JaxrsResource
// Never served without JSON and the bearer-token filter (if the filter is gone, so is this API).
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", "(osgi.jaxrs.name=educloud.bearer-token)"})
@Path("/api/appcenter/v1")
@RequiresScope(AppCenterResource.SCOPE)
@Produces(MediaType.APPLICATION_JSON)
public class AppCenterResource {

    static final String SCOPE = "appcenter";
    static final String CATALOG_READ = "apps:catalog:read";
    static final String SUBMIT = "apps:packages:submit";
    static final String REVIEW = "apps:reviews:decide";
    static final String INSTALL = "apps:installations:write";
    static final String INSTALLATIONS_READ = "apps:installations:read";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppCatalog catalog;
    private final VersionReview review;
    private final SchoolInstallations installations;

    @Activate
    public AppCenterResource(@Reference(name = "catalog") AppCatalog catalog, @Reference(name = "review") VersionReview review,
            @Reference(name = "installations") SchoolInstallations installations) {
        this.catalog = catalog;
        this.review = review;
        this.installations = installations;
    }

    /** An app in the catalog. */
    public record AppView(String id, String nameZh, String nameEn, String vendor, String vendorOrg, String category,
            String description) {
        static AppView of(AppListing app) {
            return new AppView(app.appId(), app.nameZh(), app.nameEn(), app.vendor(), app.vendorOrg(), app.category(), app.description());
        }
    }

    /** A version and its review. */
    public record VersionView(String appId, String version, String state, String sha256, long size, List<String> scopes,
            List<String> checks, String submittedBy, String submittedAt, String reviewedBy, String reviewedAt, String reason) {
        static VersionView of(AppVersion v) {
            return new VersionView(v.appId(), v.version(), v.state().name(), v.sha256(), v.size(), v.scopes(), v.checks(),
                    v.submittedBy(), v.submittedAt().toString(), v.reviewedBy(), text(v.reviewedAt()), v.reason());
        }
    }

    /** An app with the versions the caller may see. */
    public record AppDetail(AppView app, List<VersionView> versions) {
    }

    /** One page of the catalog; {@code cursor} goes in {@code after} for the next page, null on the last. */
    public record CatalogPage(List<AppView> items, String cursor) {
    }

    /** One entry of an app's record. */
    public record EventView(long id, String appId, String version, String org, String action, String actor, String address,
            String detail, String at) {
        static EventView of(AppEvent e) {
            return new EventView(e.id(), e.appId(), e.version(), e.org(), e.action().name(), e.actor(), e.address(), e.detail(),
                    e.at().toString());
        }
    }

    /** An installation of an app version at an org. */
    /**
     * An installation; {@code awaitingConsent}: the scopes its version asks for that the org's
     * administrator has not agreed to (after another org's upgrade), granted once they consent.
     */
    public record InstallationView(String appId, String org, String version, String installedBy, String installedAt,
            List<String> awaitingConsent) {
        static InstallationView of(Installation i, List<String> awaitingConsent) {
            return new InstallationView(i.appId(), i.org(), i.version(), i.installedBy(), i.installedAt().toString(), awaitingConsent);
        }
    }

    /** What {@code POST reviews} takes: {@code decision} is {@code approve} or {@code reject} (with a reason). */
    public record ReviewRequest(String appId, String version, String decision, String reason) {
    }

    /** What installing or upgrading takes: {@code consent} lists the scopes the administrator agrees to. */
    public record InstallRequest(String appId, String version, String org, List<String> consent) {
    }

    // ---- catalog ----------------------------------------------------------------------------------------------

    @GET
    @Path("catalog")
    public CatalogPage catalog(@QueryParam("q") String text, @QueryParam("category") String category,
            @QueryParam("vendor") String vendor, @QueryParam("after") String after, @QueryParam("limit") String limit,
            @Context SecurityContext security) {
        Caller caller = caller(security);
        int size = limit(limit);
        List<String> ownOrgs = caller.scopeOf(SUBMIT).stream().map(OrgPath::value).toList();
        if (caller.scopeOf(CATALOG_READ).isEmpty() && ownOrgs.isEmpty()) {
            throw forbidden("browse the catalog", CATALOG_READ);
        }
        List<AppListing> found = catalog.search(text, category, vendor, after, size + 1, isReviewer(caller), ownOrgs);
        List<AppView> items = found.stream().limit(size).map(AppView::of).toList();
        return new CatalogPage(items, found.size() > size ? items.get(items.size() - 1).id() : null);
    }

    @GET
    @Path("apps/{appId}")
    public AppDetail app(@PathParam("appId") String appId, @Context SecurityContext security) {
        Caller caller = caller(security);
        AppListing app = catalog.app(appId);
        return new AppDetail(AppView.of(app), visibleVersions(caller, app));
    }

    @GET
    @Path("apps/{appId}/versions")
    public List<VersionView> versions(@PathParam("appId") String appId, @Context SecurityContext security) {
        Caller caller = caller(security);
        return visibleVersions(caller, catalog.app(appId));
    }

    @GET
    @Path("apps/{appId}/record")
    public List<EventView> record(@PathParam("appId") String appId, @Context SecurityContext security) {
        Caller caller = caller(security);
        AppListing app = catalog.app(appId);
        if (isReviewer(caller) || isVendorOf(caller, app)) {
            return catalog.record(appId).stream().map(EventView::of).toList();
        }
        // A school administrator sees what was done at the orgs they administer.
        List<OrgPath> scope = caller.scopeOf(INSTALLATIONS_READ);
        if (scope.isEmpty()) {
            throw forbidden("read the record of " + appId, REVIEW + " (operators), " + SUBMIT + " at " + app.vendorOrg()
                    + " (its vendor) or " + INSTALLATIONS_READ);
        }
        return catalog.record(appId).stream().filter(e -> e.org() != null && scope.stream().anyMatch(s -> s.covers(OrgPath.of(e.org()))))
                .map(EventView::of).toList();
    }

    // ---- submissions and reviews ----------------------------------------------------------------------------------

    @POST
    @Path("submissions")
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM, MediaType.MULTIPART_FORM_DATA})
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("sha256") String sha256, @QueryParam("category") String category,
            @QueryParam("description") String description, @Context SecurityContext security,
            @Context HttpServletRequest request, @Context UriInfo uri) throws IOException {
        Caller caller = caller(security);
        List<OrgPath> vendorOrgs = caller.scopeOf(SUBMIT);
        if (vendorOrgs.isEmpty()) {
            throw forbidden("submit an app version", SUBMIT + " (the vendor role at the vendor's org)");
        }
        java.nio.file.Path file = UploadedPackage.write(body, contentType);
        try {
            AppVersion submitted = catalog.submit(file, Optional.ofNullable(sha256).filter(s -> !s.isBlank()), category, description,
                    existing -> vendorOrgFor(caller, vendorOrgs, existing), actor(caller, request));
            return Response.created(uri.getBaseUriBuilder().path("api/appcenter/v1/apps").path(submitted.appId()).path("versions").build())
                    .entity(VersionView.of(submitted)).build();
        } catch (PackageRefusedException e) {
            return refused(e, uri);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @GET
    @Path("submissions")
    public List<VersionView> submissions(@Context SecurityContext security) {
        Caller caller = caller(security);
        boolean reviewer = isReviewer(caller);
        if (!reviewer && caller.scopeOf(SUBMIT).isEmpty()) {
            throw forbidden("list submissions", REVIEW + " or " + SUBMIT);
        }
        return catalog.submitted().stream().filter(v -> reviewer || isVendorOf(caller, catalog.app(v.appId())))
                .map(VersionView::of).toList();
    }

    @POST
    @Path("reviews")
    @Consumes(MediaType.APPLICATION_JSON)
    public VersionView review(ReviewRequest body, @Context SecurityContext security, @Context HttpServletRequest request) {
        Caller caller = caller(security);
        if (body == null || blank(body.appId()) || blank(body.version()) || blank(body.decision())) {
            throw Refusals.invalid(null, "send {\"appId\", \"version\", \"decision\": \"approve\" or \"reject\", \"reason\"} "
                    + "(a reason is required to reject)");
        }
        if (!isReviewer(caller)) {
            throw forbidden("review app versions", REVIEW + " region-wide (operator or platform-admin at /)");
        }
        return switch (body.decision().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "approve" -> VersionView.of(review.approve(body.appId(), body.version(), body.reason(), actor(caller, request)));
            case "reject" -> VersionView.of(review.reject(body.appId(), body.version(), body.reason(), actor(caller, request)));
            default -> throw Refusals.invalid("decision", "decision '" + body.decision() + "' is not valid: give approve or reject");
        };
    }

    // ---- installations ----------------------------------------------------------------------------------------------

    @GET
    @Path("installations")
    public List<InstallationView> installations(@QueryParam("org") String org, @Context SecurityContext security) {
        Caller caller = caller(security);
        List<OrgPath> scope;
        if (blank(org)) {
            scope = caller.scopeOf(INSTALLATIONS_READ);
        } else {
            OrgPath at = orgPath(org);
            if (!caller.isPermitted(INSTALLATIONS_READ, at)) {
                throw forbidden("list the installations at " + at, INSTALLATIONS_READ + " at " + at);
            }
            scope = List.of(at);
        }
        List<Installation> found = installations.installations(scope);
        Map<Installation, List<String>> awaiting = installations.awaitingConsent(found);
        return found.stream().map(i -> InstallationView.of(i, awaiting.get(i))).toList();
    }

    @POST
    @Path("installations")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response install(InstallRequest body, @Context SecurityContext security, @Context HttpServletRequest request) {
        Caller caller = caller(security);
        OrgPath org = installRequest(body, caller, "install apps");
        Installation done = installations.install(body.appId(), body.version(), org, body.consent(), actor(caller, request));
        return Response.status(201).entity(InstallationView.of(done, List.of())).build();
    }

    @POST
    @Path("installations/upgrade")
    @Consumes(MediaType.APPLICATION_JSON)
    public InstallationView upgrade(InstallRequest body, @Context SecurityContext security, @Context HttpServletRequest request) {
        Caller caller = caller(security);
        OrgPath org = installRequest(body, caller, "upgrade apps");
        return InstallationView.of(installations.upgrade(body.appId(), body.version(), org, body.consent(), actor(caller, request)),
                List.of());
    }

    @DELETE
    @Path("installations/{appId}")
    public Response uninstall(@PathParam("appId") String appId, @QueryParam("org") String org, @Context SecurityContext security,
            @Context HttpServletRequest request) {
        Caller caller = caller(security);
        if (blank(org)) {
            throw Refusals.invalid("org", "say which org to uninstall " + appId + " for: ?org=/37/3701/370102/3701020001");
        }
        OrgPath at = orgPath(org);
        if (!caller.isPermitted(INSTALL, at)) {
            throw forbidden("uninstall apps at " + at, INSTALL + " at " + at);
        }
        installations.uninstall(appId, at, actor(caller, request));
        return Response.noContent().build();
    }

    // ---- shared ------------------------------------------------------------------------------------------------------

    private OrgPath installRequest(InstallRequest body, Caller caller, String what) {
        if (body == null || blank(body.appId()) || blank(body.version()) || blank(body.org())) {
            throw Refusals.invalid(null, "send {\"appId\", \"version\", \"org\", \"consent\": [the scopes the version asks for]}");
        }
        OrgPath org = orgPath(body.org());
        if (!caller.isPermitted(INSTALL, org)) {
            throw forbidden(what + " at " + org, INSTALL + " at " + org + " (a school administrator there)");
        }
        return org;
    }

    private List<VersionView> visibleVersions(Caller caller, AppListing app) {
        boolean all = isReviewer(caller) || isVendorOf(caller, app);
        if (!all && caller.scopeOf(CATALOG_READ).isEmpty()) {
            throw forbidden("read the catalog", CATALOG_READ);
        }
        List<VersionView> versions = catalog.versions(app.appId()).stream().filter(v -> all || v.state() == VersionState.APPROVED)
                .map(VersionView::of).toList();
        if (!all && versions.isEmpty()) {
            throw Refusals.notFound("appId", "no app " + app.appId() + " is published in the catalog yet");
        }
        return versions;
    }

    private static String vendorOrgFor(Caller caller, List<OrgPath> vendorOrgs, Optional<AppListing> existing) {
        if (existing.isEmpty()) {
            return vendorOrgs.get(0).value();
        }
        String owner = existing.get().vendorOrg();
        if (!caller.isPermitted(SUBMIT, OrgPath.of(owner))) {
            throw Refusals.forbidden(existing.get().appId() + " belongs to the vendor at " + owner + "; only that vendor submits "
                    + "its versions (choose another app id for your own app)");
        }
        return owner;
    }

    private static boolean isReviewer(Caller caller) {
        return caller.isPermitted(REVIEW, OrgPath.ROOT);
    }

    private static boolean isVendorOf(Caller caller, AppListing app) {
        return caller.isPermitted(SUBMIT, OrgPath.of(app.vendorOrg()));
    }

    /** 422 with every problem of the package listed in {@code problems}, each with where, what and how to fix it. */
    private static Response refused(PackageRefusedException e, UriInfo uri) {
        Problem problem = Problem.of(422, "package-refused", "App package refused", e.getMessage()).withField("package")
                .at(uri == null ? null : uri.getRequestUri().getRawPath());
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(problem.toJson());
            ArrayNode problems = body.putArray("problems");
            for (PackageProblem p : e.problems()) {
                problems.addObject().put("where", p.where()).put("what", p.what()).put("fix", p.fix());
            }
            return Response.status(422).type(Problem.MEDIA_TYPE).header("Cache-Control", "no-store")
                    .entity(JSON.writeValueAsString(body)).build();
        } catch (IOException io) {
            return problem.toResponse(); // the detail lists every problem too
        }
    }

    private static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new ProblemException(Problem.of(401, "token-required", "Access token required",
                "This API needs an access token: send Authorization: Bearer <token>."));
    }

    private static Actor actor(Caller caller, HttpServletRequest request) {
        String address;
        try {
            address = request == null ? null : request.getRemoteAddr();
        } catch (RuntimeException e) {
            address = null; // no servlet request behind this call
        }
        return new Actor(caller.username().orElse("client:" + caller.clientId()), address);
    }

    private static ProblemException forbidden(String what, String needed) {
        return Refusals.forbidden("You may not " + what + ": it needs " + needed + ".");
    }

    private static OrgPath orgPath(String org) {
        try {
            return OrgPath.of(org.strip());
        } catch (IllegalArgumentException e) {
            throw Refusals.invalid("org", e.getMessage());
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Refusals.invalid("limit", "limit '" + text + "' is not valid: give a whole number from 1 to 500 (default 50)");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
