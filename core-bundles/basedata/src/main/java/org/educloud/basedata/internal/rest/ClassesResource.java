package org.educloud.basedata.internal.rest;

import static org.educloud.basedata.internal.rest.Replies.READ;
import static org.educloud.basedata.internal.rest.Replies.WRITE;

import java.net.URI;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.ListQuery;
import org.educloud.identity.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.educloud.basedata.ClassRoster;
import org.educloud.basedata.SchoolClass;

/** {@code /api/basedata/v1/classes}: classes of schools. */
@Component(service = ClassesResource.class)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/classes")
public class ClassesResource {

    private final ClassRoster roster;

    @Activate
    public ClassesResource(@Reference(name = "roster") ClassRoster roster) {
        this.roster = roster;
    }

    @GET
    @RequiresScope(READ)
    public Response list(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("under") String under, @QueryParam("schoolId") String schoolId) {
        return Replies.answer(request, caller -> Replies.page(roster.classes(caller,
                new ListQuery(Replies.under(under), after, Replies.limit(limit)), schoolId), Representations::json, uri));
    }

    @POST
    @RequiresScope(WRITE)
    public Response create(@Context HttpServletRequest request, String body) {
        return Replies.answer(request, caller -> {
            SchoolClass created = roster.createClass(caller, Representations.schoolClass(body));
            return Response.fromResponse(Replies.row(Response.Status.CREATED, Representations.json(created), created.version()))
                    .location(URI.create("/api/basedata/v1/classes/" + created.sourcedId())).build();
        });
    }

    @GET
    @RequiresScope(READ)
    @Path("{sourcedId}")
    public Response read(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId) {
        return Replies.answer(request, caller -> roster.findClass(caller, sourcedId)
                .map(found -> Replies.row(Response.Status.OK, Representations.json(found), found.version()))
                .orElseThrow(() -> new BasedataProblem(Kind.NOT_FOUND, "", "there is no class " + sourcedId
                        + " that you may see; GET /api/basedata/v1/classes lists them")));
    }

    @PUT
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response update(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return Replies.answer(request, caller -> {
            Integer expected = Replies.expectedVersion(ifMatch);
            SchoolClass updated = roster.updateClass(caller, sourcedId, expected, Representations.schoolClass(body));
            return Replies.row(Response.Status.OK, Representations.json(updated), updated.version());
        });
    }

    @DELETE
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response delete(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return Replies.answer(request, caller -> {
            roster.deleteClass(caller, sourcedId, Replies.expectedVersion(ifMatch));
            return Response.noContent().build();
        });
    }
}
