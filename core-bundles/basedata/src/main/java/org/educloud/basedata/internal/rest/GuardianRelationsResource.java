package org.educloud.basedata.internal.rest;

import static org.educloud.basedata.internal.rest.Replies.READ;
import static org.educloud.basedata.internal.rest.Replies.WRITE;

import java.net.URI;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
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
import org.educloud.basedata.GuardianRelation;
import org.educloud.basedata.PersonRegistry;

/** {@code /api/basedata/v1/guardianRelations}: who is a student's guardian, and how related. */
@Component(service = GuardianRelationsResource.class)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/guardianRelations")
public class GuardianRelationsResource {

    private final PersonRegistry people;

    @Activate
    public GuardianRelationsResource(@Reference(name = "people") PersonRegistry people) {
        this.people = people;
    }

    @GET
    @RequiresScope(READ)
    public Response list(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("under") String under, @QueryParam("studentId") String studentId) {
        return Replies.answer(request, caller -> Replies.page(people.relations(caller,
                new ListQuery(Replies.under(under), after, Replies.limit(limit)), studentId), Representations::json, uri));
    }

    @POST
    @RequiresScope(WRITE)
    public Response create(@Context HttpServletRequest request, String body) {
        return Replies.answer(request, caller -> {
            GuardianRelation relation = people.relate(caller, Representations.relation(body));
            return Response.fromResponse(Replies.row(Response.Status.CREATED, Representations.json(relation), relation.version()))
                    .location(URI.create("/api/basedata/v1/guardianRelations/" + relation.sourcedId())).build();
        });
    }

    @GET
    @RequiresScope(READ)
    @Path("{sourcedId}")
    public Response read(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId) {
        return Replies.answer(request, caller -> people.relation(caller, sourcedId)
                .map(relation -> Replies.row(Response.Status.OK, Representations.json(relation), relation.version()))
                .orElseThrow(() -> new BasedataProblem(Kind.NOT_FOUND, "", "there is no guardian relation " + sourcedId
                        + " that you may see; GET /api/basedata/v1/guardianRelations?studentId=... lists a student's")));
    }

    @DELETE
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response delete(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return Replies.answer(request, caller -> {
            people.unrelate(caller, sourcedId, Replies.expectedVersion(ifMatch));
            return Response.noContent().build();
        });
    }
}
