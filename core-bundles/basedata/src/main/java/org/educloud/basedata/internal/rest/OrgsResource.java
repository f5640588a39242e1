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
import org.educloud.basedata.ListQuery;
import org.educloud.basedata.Org;
import org.educloud.basedata.OrgDirectory;
import org.educloud.basedata.OrgKind;
import org.educloud.identity.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code /api/basedata/v1/orgs}: the region's orgs. */
@Component(service = OrgsResource.class)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/orgs")
public class OrgsResource {

    private final OrgDirectory orgs;

    @Activate
    public OrgsResource(@Reference(name = "orgs") OrgDirectory orgs) {
        this.orgs = orgs;
    }

    @GET
    @RequiresScope(READ)
    public Response list(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("kind") String kind, @QueryParam("under") String under) {
        return Replies.answer(request, caller -> Replies.page(orgs.list(caller,
                new ListQuery(Replies.under(under), after, Replies.limit(limit)), kind == null ? null : OrgKind.of(kind)),
                Representations::json, uri));
    }

    @POST
    @RequiresScope(WRITE)
    public Response create(@Context HttpServletRequest request, String body) {
        return Replies.answer(request, caller -> {
            Org org = orgs.create(caller, Representations.org(body));
            return Response.fromResponse(Replies.row(Response.Status.CREATED, Representations.json(org), org.version()))
                    .location(URI.create("/api/basedata/v1/orgs/" + org.sourcedId())).build();
        });
    }

    @GET
    @RequiresScope(READ)
    @Path("{sourcedId}")
    public Response read(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId) {
        return Replies.answer(request, caller -> orgs.find(caller, sourcedId)
                .map(org -> Replies.row(Response.Status.OK, Representations.json(org), org.version()))
                .orElseThrow(() -> notFound(sourcedId)));
    }

    @PUT
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response update(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return Replies.answer(request, caller -> {
            Integer expected = Replies.expectedVersion(ifMatch);
            Org org = orgs.update(caller, sourcedId, expected, Representations.org(body));
            return Replies.row(Response.Status.OK, Representations.json(org), org.version());
        });
    }

    @DELETE
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response delete(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return Replies.answer(request, caller -> {
            orgs.delete(caller, sourcedId, Replies.expectedVersion(ifMatch));
            return Response.noContent().build();
        });
    }

    static BasedataProblem notFound(String sourcedId) {
        return new BasedataProblem(BasedataProblem.Kind.NOT_FOUND, "", "there is no org " + sourcedId
                + " that you may see; check the sourcedId (GET /api/basedata/v1/orgs lists them)");
    }
}
