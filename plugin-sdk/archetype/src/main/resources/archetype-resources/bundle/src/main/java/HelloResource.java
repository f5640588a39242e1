package ${package};

import java.sql.SQLException;

import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.NotAuthorizedException;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import org.educloud.sdk.app.AppDescriptor;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /apps/${appId}/api/hello}: greets the current user and counts their calls in the app's
 * own table. The kernel answers 401 before this runs when the token is missing or invalid, and 403
 * when the app is not installed for the caller's school.
 */
@Component(service = HelloResource.class)
@JaxrsResource
// JSON, and never without the kernel's bearer-token check.
@JaxrsExtensionSelect({"(osgi.jaxrs.media.type=application/json)", AppDescriptor.TOKEN_CHECK})
@JaxrsApplicationSelect("(educloud.app=${appId})") // the app's own JAX-RS application, based at /apps/${appId}/api
@Path("/hello")
@Produces(MediaType.APPLICATION_JSON)
public class HelloResource {

    private final Visits visits;
    private final String version = AppVersion.current();

    @Activate
    public HelloResource(@Reference(name = "dataSource", target = AppDescriptor.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.visits = new Visits(dataSource);
    }

    @GET
    public Greeting hello(@Context SecurityContext security, @QueryParam("lang") String lang) throws SQLException {
        CurrentUser user = CurrentUser.of(security).orElseThrow(() -> new NotAuthorizedException("Bearer realm=\"educloud\""));
        return Greeting.of(user, lang, version, visits.count(user.id()));
    }
}
