package org.educloud.appcenter.catalog.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.Response;

import org.educloud.appcenter.deployment.AppInstallations;
import org.educloud.appcenter.deployment.PackageImage;
import org.educloud.platform.rest.PublicEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The icons and screenshots of approved app versions, {@code /api/appcenter/v1/images/{appId}/{version}/icon}
 * and {@code .../screenshots/{n}} (from 0), and {@code /api/appcenter/v1/images/{appId}/icon} (the latest approved version's), for catalog pages' {@code <img>} tags: public, since an
 * approved app's pictures are what the catalog shows everyone, and cached for a day (a version's
 * package never changes).
 */
@Component(service = AppImagesResource.class)
@JaxrsResource
@PublicEndpoint
@Path("/api/appcenter/v1/images")
public class AppImagesResource {

    private final AppCatalog catalog;
    private final AppInstallations apps;

    @Activate
    public AppImagesResource(@Reference(name = "catalog") AppCatalog catalog, @Reference(name = "apps") AppInstallations apps) {
        this.catalog = catalog;
        this.apps = apps;
    }

    /** The icon of the app's latest approved version (versions are submitted in ascending order). */
    @GET
    @Path("{appId}/icon")
    public Response latestIcon(@PathParam("appId") String appId) {
        java.util.List<AppVersion> approved = catalog.versions(appId).stream().filter(v -> v.state() == VersionState.APPROVED).toList();
        if (approved.isEmpty()) {
            throw Refusals.notFound("appId", appId + " has no approved version; its pictures are shown once one is");
        }
        return image(appId, approved.get(approved.size() - 1).version(), -1, "an icon");
    }

    @GET
    @Path("{appId}/{version}/icon")
    public Response icon(@PathParam("appId") String appId, @PathParam("version") String version) {
        return image(appId, version, -1, "an icon");
    }

    @GET
    @Path("{appId}/{version}/screenshots/{n}")
    public Response screenshot(@PathParam("appId") String appId, @PathParam("version") String version, @PathParam("n") int n) {
        return image(appId, version, Math.max(0, n), "screenshot " + n);
    }

    private Response image(String appId, String version, int screenshot, String what) {
        if (catalog.version(appId, version).state() != VersionState.APPROVED) {
            throw Refusals.notFound("version", appId + " " + version + " is not approved; its pictures are shown once it is");
        }
        PackageImage image = apps.image(appId, version, screenshot)
                .orElseThrow(() -> Refusals.notFound("image", appId + " " + version + " has no " + what));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(86_400);
        return Response.ok(image.content(), image.contentType()).cacheControl(cache)
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
