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
import org.educloud.basedata.NationalId;
import org.educloud.basedata.Person;
import org.educloud.basedata.PersonRegistry;
import org.educloud.basedata.PersonRole;
import org.educloud.identity.RequiresScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /api/basedata/v1/people}: students (with status and guardians), teachers, guardians, staff.
 * ID numbers come masked; {@code ?reveal=idNumber} asks for them whole (needs basedata:idnumbers:read; audited).
 */
@Component(service = PeopleResource.class)
@JaxrsResource
@JaxrsExtensionSelect(Replies.BEARER_TOKEN_FILTER)
@Path("/api/basedata/v1/people")
public class PeopleResource {

    private final PersonRegistry people;

    @Activate
    public PeopleResource(@Reference(name = "people") PersonRegistry people) {
        this.people = people;
    }

    @GET
    @RequiresScope(READ)
    public Response list(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("after") String after,
            @QueryParam("limit") String limit, @QueryParam("role") String role, @QueryParam("under") String under,
            @QueryParam("idNumber") String idNumber, @QueryParam("reveal") String reveal) {
        return Replies.answer(request, caller -> {
            NationalId id = null;
            if (idNumber != null) {
                String problem = NationalId.problem(idNumber.strip().toUpperCase(java.util.Locale.ROOT));
                if (problem != null) {
                    throw new BasedataProblem(Kind.INVALID, "idNumber", problem);
                }
                id = NationalId.parse(idNumber);
            }
            return Replies.page(people.list(caller, new ListQuery(Replies.under(under), after, Replies.limit(limit)),
                    role == null ? null : PersonRole.of(role), id, whole(reveal)), Representations::json, uri);
        });
    }

    @POST
    @RequiresScope(WRITE)
    public Response create(@Context HttpServletRequest request, String body) {
        return Replies.answer(request, caller -> {
            Person person = people.create(caller, Representations.person(body));
            return Response.fromResponse(Replies.row(Response.Status.CREATED, Representations.json(person), person.version()))
                    .location(URI.create("/api/basedata/v1/people/" + person.sourcedId())).build();
        });
    }

    @GET
    @RequiresScope(READ)
    @Path("{sourcedId}")
    public Response read(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @QueryParam("reveal") String reveal) {
        return Replies.answer(request, caller -> people.find(caller, sourcedId, whole(reveal))
                .map(person -> Replies.row(Response.Status.OK, Representations.json(person), person.version()))
                .orElseThrow(() -> new BasedataProblem(Kind.NOT_FOUND, "", "there is no person " + sourcedId
                        + " that you may see; check the sourcedId (GET /api/basedata/v1/people lists them)")));
    }

    @PUT
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response update(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, String body) {
        return Replies.answer(request, caller -> {
            Integer expected = Replies.expectedVersion(ifMatch);
            Person person = people.update(caller, sourcedId, expected, Representations.person(body));
            return Replies.row(Response.Status.OK, Representations.json(person), person.version());
        });
    }

    @DELETE
    @RequiresScope(WRITE)
    @Path("{sourcedId}")
    public Response delete(@Context HttpServletRequest request, @PathParam("sourcedId") String sourcedId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return Replies.answer(request, caller -> {
            people.delete(caller, sourcedId, Replies.expectedVersion(ifMatch));
            return Response.noContent().build();
        });
    }

    private static boolean whole(String reveal) {
        if (reveal == null || reveal.isBlank()) {
            return false;
        }
        if (!reveal.strip().equals("idNumber")) {
            throw new BasedataProblem(Kind.INVALID, "reveal", "reveal '" + reveal + "' is not known: only reveal=idNumber is");
        }
        return true;
    }
}
