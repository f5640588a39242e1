package org.educloud.basedata.internal.oneroster;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.servlet.http.HttpServletRequest;
import javax.sql.DataSource;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.educloud.basedata.BasedataProblem;
import org.educloud.identity.Caller;
import org.educloud.identity.RequiresScope;
import org.educloud.persistence.SchemaMigrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtensionSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OneRoster 1.2 rostering, read only: {@code GET /ims/oneroster/rostering/v1p2/{collection}} with
 * limit/offset (X-Total-Count, Link), filter, sort/orderBy and fields, and
 * {@code GET .../{collection}/{sourcedId}}. Tokens need roster-core.readonly or roster.readonly
 * (demographics: roster-demographics.readonly or roster.readonly); rows are those the caller's roles
 * may read, so an agency's client-credentials token reads its owner org's subtree.
 */
@Component(service = OneRosterResource.class)
@JaxrsResource
@JaxrsExtensionSelect({"(osgi.jaxrs.name=educloud.bearer-token)", "(osgi.jaxrs.name=" + OneRosterErrors.NAME + ")"})
@Path(OneRosterResource.ROOT)
@Produces(MediaType.APPLICATION_JSON)
public class OneRosterResource {

    static final String ROOT = "/ims/oneroster/rostering/v1p2";
    static final String CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";
    static final String ALL = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster.readonly";
    static final String DEMOGRAPHICS = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-demographics.readonly";
    static final int DEFAULT_LIMIT = 100;
    /** The largest page served; a larger limit is cut to it (X-Total-Count and Link still tell the whole). */
    static final int MAX_LIMIT = 1000;

    private final RosterReader reader;
    private final RosterCatalog catalog = new RosterCatalog();
    private final ObjectMapper mapper = new ObjectMapper();

    @Activate
    public OneRosterResource(@Reference(name = "dataSource", target = SchemaMigrations.DATA_SOURCE_FILTER) DataSource dataSource) {
        this.reader = new RosterReader(dataSource);
    }

    /** Outside OSGi (tests). */
    OneRosterResource(RosterReader reader) {
        this.reader = reader;
    }

    @GET
    @Path("{collection}")
    @RequiresScope(anyOf = {CORE, ALL})
    public Response list(@Context HttpServletRequest request, @Context UriInfo uri, @PathParam("collection") String collection,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset, @QueryParam("filter") String filter,
            @QueryParam("sort") String sort, @QueryParam("orderBy") String orderBy, @QueryParam("fields") String fields) {
        return core(collection, c -> listing(request, uri, c, limit, offset, filter, sort, orderBy, fields));
    }

    @GET
    @Path("{collection}/{sourcedId}")
    @RequiresScope(anyOf = {CORE, ALL})
    public Response read(@Context HttpServletRequest request, @Context UriInfo uri, @PathParam("collection") String collection,
            @PathParam("sourcedId") String sourcedId, @QueryParam("fields") String fields) {
        return core(collection, c -> single(request, uri, c, sourcedId, fields));
    }

    @GET
    @Path("demographics")
    @RequiresScope(anyOf = {DEMOGRAPHICS, ALL})
    public Response demographics(@Context HttpServletRequest request, @Context UriInfo uri, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset, @QueryParam("filter") String filter, @QueryParam("sort") String sort,
            @QueryParam("orderBy") String orderBy, @QueryParam("fields") String fields) {
        return listing(request, uri, catalog.collection("demographics").orElseThrow(), limit, offset, filter, sort, orderBy, fields);
    }

    @GET
    @Path("demographics/{sourcedId}")
    @RequiresScope(anyOf = {DEMOGRAPHICS, ALL})
    public Response demographic(@Context HttpServletRequest request, @Context UriInfo uri, @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") String fields) {
        return single(request, uri, catalog.collection("demographics").orElseThrow(), sourcedId, fields);
    }

    private Response core(String name, Function<RosterCollection, Response> work) {
        return catalog.collection(name).filter(c -> !c.plural().equals("demographics")).map(work)
                .orElseGet(() -> ImsxStatus.unknownObject("there is no collection '" + name + "' in OneRoster rostering; use one of "
                        + catalog.names()).response(mapper));
    }

    Response listing(HttpServletRequest request, UriInfo uri, RosterCollection collection, String limitText, String offsetText,
            String filterText, String sort, String orderBy, String fieldsText) {
        return answer(request, caller -> {
            int limit = (int) Math.min(number(limitText, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT);
            long offset = number(offsetText, "offset", 0, 0);
            Set<String> fields = collection.selection(fieldsText);
            OneRosterFilter filter = filterText == null ? null : OneRosterFilter.parse(filterText);
            boolean descending = orderBy != null && orderBy.equalsIgnoreCase("desc");
            if (orderBy != null && !descending && !orderBy.equalsIgnoreCase("asc")) {
                throw new BadRequest(ImsxStatus.invalidData("orderBy '" + orderBy + "' is neither asc nor desc"));
            }
            RosterReader.Listing listing = reader.list(caller, collection,
                    new RosterReader.Request(filter, blankToNull(sort), descending, offset, limit), refs(uri));
            ObjectNode body = mapper.createObjectNode();
            ArrayNode rows = body.putArray(collection.plural());
            listing.rows().forEach(row -> rows.add(selected(row, fields)));
            Response.ResponseBuilder response = Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                    .header("X-Total-Count", listing.total());
            String links = links(uri, listing.total(), offset, limit);
            if (!links.isEmpty()) {
                response.header("Link", links);
            }
            return response.build();
        });
    }

    Response single(HttpServletRequest request, UriInfo uri, RosterCollection collection, String sourcedId, String fieldsText) {
        return answer(request, caller -> {
            Set<String> fields = collection.selection(fieldsText);
            ObjectNode row = reader.find(caller, collection, sourcedId, refs(uri)).orElseThrow(() -> new BadRequest(
                    ImsxStatus.unknownObject("there is no " + collection.singular() + " " + sourcedId + " in " + collection.plural()
                            + " that this token may read; check the sourcedId (GET " + ROOT + "/" + collection.plural()
                            + " lists them)")));
            ObjectNode body = mapper.createObjectNode();
            body.set(collection.singular(), selected(row, fields));
            return Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE).build();
        });
    }

    /** Runs the work for the request's caller, answering every failure with the spec's error payload. */
    private Response answer(HttpServletRequest request, Function<Caller, Response> work) {
        Object caller = request == null ? null : request.getAttribute(Caller.ATTRIBUTE);
        if (!(caller instanceof Caller)) {
            return new ImsxStatus(401, "unauthorisedrequest", "this API needs an access token: send 'Authorization: Bearer "
                    + "<token>' with a token from /oauth2/token").response(mapper);
        }
        try {
            return work.apply((Caller) caller);
        } catch (BadRequest e) {
            return e.status.response(mapper);
        } catch (OneRosterFilter.Malformed e) {
            return ImsxStatus.invalidFilter("the filter is not valid: " + e.getMessage()).response(mapper);
        } catch (RosterCollection.UnknownField e) {
            ImsxStatus status = switch (e.parameter()) {
                case "filter" -> ImsxStatus.invalidFilter(e.getMessage());
                case "sort" -> ImsxStatus.invalidSort(e.getMessage());
                default -> ImsxStatus.invalidSelection(e.getMessage());
            };
            return status.response(mapper);
        } catch (RosterCollection.NotPermitted e) {
            return new ImsxStatus(403, "forbidden", e.getMessage()).response(mapper);
        } catch (BasedataProblem e) {
            return new ImsxStatus(e.kind().status(), e.kind().status() == 503 ? "server_busy" : "invaliddata", e.getMessage())
                    .response(mapper);
        }
    }

    private GuidRefs refs(UriInfo uri) {
        String base = uri == null ? ROOT : uri.getBaseUriBuilder().path(ROOT).build().toString();
        return new GuidRefs(base, mapper);
    }

    private ObjectNode selected(ObjectNode row, Set<String> fields) {
        if (!fields.isEmpty()) {
            row.retain(fields);
        }
        return row;
    }

    /** RFC 8288 links to the first, previous, next and last pages, as the spec's paging asks. */
    static String links(UriInfo uri, long total, long offset, int limit) {
        if (uri == null) {
            return "";
        }
        List<String> links = new ArrayList<>();
        long last = total == 0 ? 0 : ((total - 1) / limit) * limit;
        if (offset + limit < total) {
            links.add(link(uri, offset + limit, limit, "next"));
        }
        if (offset > 0) {
            links.add(link(uri, Math.max(0, offset - limit), limit, "prev"));
        }
        links.add(link(uri, 0, limit, "first"));
        links.add(link(uri, last, limit, "last"));
        return String.join(", ", links);
    }

    private static String link(UriInfo uri, long offset, int limit, String rel) {
        URI target = uri.getRequestUriBuilder().replaceQueryParam("offset", offset).replaceQueryParam("limit", limit).build();
        return "<" + target + ">; rel=\"" + rel + "\"";
    }

    private static long number(String text, String name, long fallback, long minimum) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest(ImsxStatus.invalidData(name + " '" + text + "' is not a whole number of at least " + minimum));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A request refused with a OneRoster status. */
    private static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ImsxStatus status;

        BadRequest(ImsxStatus status) {
            super(status.description());
            this.status = status;
        }
    }
}
