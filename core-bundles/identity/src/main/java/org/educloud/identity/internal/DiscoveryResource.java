package org.educloud.identity.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * OpenID Connect discovery ({@code /.well-known/openid-configuration}). Each endpoint class has a
 * root path of its own: CXF picks one root resource by the longest matching path before it looks
 * at methods, so a catch-all root {@code /} would lose {@code /oauth2/...} to the {@code oauth2} roots.
 */
@Component(service = DiscoveryResource.class)
@JaxrsResource
@Path(".well-known/openid-configuration")
public class DiscoveryResource {

    static final CacheControl FIVE_MINUTES = CacheControl.valueOf("public, max-age=300");
    private final OidcProvider provider;

    @Activate
    public DiscoveryResource(@Reference(name = "provider") OidcProvider provider) {
        this.provider = provider;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration() {
        return Response.ok(provider.metadata().toJSONObject().toJSONString()).cacheControl(FIVE_MINUTES).build();
    }
}
