package org.educloud.identity.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /api/identity/v1/roles}: the roles that can be granted, with their names and the
 * permissions they give where they are held, so an admin screen can offer them. Any valid token.
 */
@Component(service = RolesResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", "(osgi.jaxrs.name=" + BearerTokenFilter.NAME + ")"})
@Path("/api/identity/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
public class RolesResource {

    private final AccessControl access;

    @Activate
    public RolesResource(@Reference(name = "access") AccessControl access) {
        this.access = access;
    }

    /** A role as JSON. */
    public record RoleView(String role, String nameZh, String nameEn, List<String> permissions) {
    }

    @GET
    public List<RoleView> roles() {
        return access.roles().roles().stream().map(r -> new RoleView(r.name(), r.nameZh(), r.nameEn(), r.permissions())).toList();
    }
}
