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

/** OpenID Connect discovery ({@code /.well-known/openid-configuration}) and the JWKS the tokens are verified with. */
@Component(service = DiscoveryResource.class)
@JaxrsResource
@Path("/")
public class DiscoveryResource {

    private static final CacheControl FIVE_MINUTES = CacheControl.valueOf("public, max-age=300");
    private final OidcProvider provider;

    @Activate
    public DiscoveryResource(@Reference(name = "provider") OidcProvider provider) {
        this.provider = provider;
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response configuration() {
        return Response.ok(provider.metadata().toJSONObject().toJSONString()).cacheControl(FIVE_MINUTES).build();
    }

    @GET
    @Path("oauth2/jwks")
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    public Response jwks() {
        return Response.ok(provider.publicKeys().toString(true)).type("application/jwk-set+json")
                .cacheControl(FIVE_MINUTES).build();
    }
}
