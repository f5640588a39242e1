package org.educloud.identity.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The JWK set ({@code /oauth2/jwks}): the public keys tokens are verified with, retired ones included while their tokens live. */
@Component(service = KeySetResource.class)
@JaxrsResource
@Path("oauth2/jwks")
public class KeySetResource {

    private final OidcProvider provider;

    @Activate
    public KeySetResource(@Reference(name = "provider") OidcProvider provider) {
        this.provider = provider;
    }

    @GET
    @Produces({"application/jwk-set+json", MediaType.APPLICATION_JSON})
    public Response jwks() {
        return Response.ok(provider.publicKeys().toString(true)).type("application/jwk-set+json")
                .cacheControl(DiscoveryResource.FIVE_MINUTES).build();
    }
}
