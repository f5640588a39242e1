package org.educloud.platform.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.educloud.platform.health.HealthStatus;
import org.educloud.platform.rest.PublicEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/platform/v1/health}: the platform health report as JSON. Answers 200 while the
 * platform can serve (UP or DEGRADED) and 503 when it cannot (DOWN), so a load balancer can use it
 * as a readiness probe; the body says why either way. Public: a probe has no token, and the
 * report names only bundles and checks, never people or orgs.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JSONRequired
@PublicEndpoint
@Path("/api/platform/v1/health")
public class HealthResource {

    private static final CacheControl NO_STORE = CacheControl.valueOf("no-store");
    private final PlatformHealth health;

    @Activate
    public HealthResource(@Reference(name = "health") PlatformHealth health) {
        this.health = health;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthSnapshot snapshot = health.snapshot();
        int status = snapshot.status() == HealthStatus.DOWN ? 503 : 200;
        return Response.status(status).cacheControl(NO_STORE).entity(snapshot).build();
    }
}
