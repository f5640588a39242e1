package org.educloud.identity.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.educloud.identity.RoleGrant;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/identity/v1/me}: who the access token says the caller is (subject, username,
 * client, scopes, roles). Any valid token may ask; it answers what an app needs to adapt its
 * screens, and what a developer needs to see why a call was refused.
 */
@Component(service = CallerResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", "(osgi.jaxrs.name=" + BearerTokenFilter.NAME + ")"})
@Path("/api/identity/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class CallerResource {

    /** The caller as JSON; {@code username} is {@code null} for a client acting for itself. */
    public record CallerView(String subject, String username, String clientId, List<String> scopes, List<String> grants) {
    }

    @GET
    public CallerView me(@Context SecurityContext security) {
        TokenCaller caller = AccountsResource.caller(security);
        return new CallerView(caller.subject(), caller.username().orElse(null), caller.clientId(),
                caller.scopes().stream().sorted().toList(), caller.grants().stream().map(RoleGrant::toString).toList());
    }
}
