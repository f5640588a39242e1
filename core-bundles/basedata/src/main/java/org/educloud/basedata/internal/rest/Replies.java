package org.educloud.basedata.internal.rest;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.CacheControl;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.educloud.basedata.BasedataProblem;
import org.educloud.basedata.BasedataProblem.Kind;
import org.educloud.basedata.Page;
import org.educloud.identity.Caller;
import org.educloud.platform.rest.Problem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How every basic-data endpoint answers: only for an authenticated {@link Caller} (401 otherwise,
 * should a request ever arrive without the bearer-token filter), problems as the platform's RFC 9457
 * problem details, rows with their version as the ETag, lists as cursor pages.
 */
final class Replies {

    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(?:W/)?\"([0-9]{1,9})\"\\s*");
    static final int DEFAULT_LIMIT = 100;
    /** The OAuth scope a token needs to read basic data. */
    static final String READ = "basedata.read";
    /** The OAuth scope a token needs to change basic data. */
    static final String WRITE = "basedata.write";
    /** Selects the kernel's bearer-token filter: without it the endpoints go away rather than open up. */
    static final String BEARER_TOKEN_FILTER = "(osgi.jaxrs.name=educloud.bearer-token)";

    private Replies() {
    }

    /** Runs {@code work} for the request's caller; refuses a request no bearer token authenticated. */
    static Response answer(HttpServletRequest request, Function<Caller, Response> work) {
        String instance = request == null ? null : request.getRequestURI();
        try {
            Object caller = request == null ? null : request.getAttribute(Caller.ATTRIBUTE);
            if (!(caller instanceof Caller)) {
                throw new BasedataProblem(Kind.UNAUTHENTICATED, "", "this API needs an access token: send "
                        + "'Authorization: Bearer <token>' with a token from the token endpoint");
            }
            return work.apply((Caller) caller);
        } catch (BasedataProblem problem) {
            Response response = problem(problem, instance).toResponse();
            return problem.kind() == Kind.UNAUTHENTICATED
                    ? Response.fromResponse(response).header("WWW-Authenticate", "Bearer realm=\"educloud\"").build() : response;
        } catch (IllegalArgumentException e) {
            return problem(new BasedataProblem(Kind.INVALID, "", e.getMessage()), instance).toResponse();
        }
    }

    /** The platform's problem detail for {@code problem}, at the request path {@code instance}. */
    static Problem problem(BasedataProblem problem, String instance) {
        String name = problem.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        return Problem.of(problem.kind().status(), name, title(problem.kind()), problem.getMessage()).withField(problem.field())
                .at(instance);
    }

    private static String title(Kind kind) {
        return switch (kind) {
            case INVALID -> "Invalid input";
            case UNAUTHENTICATED -> "Access token required";
            case FORBIDDEN -> "Not permitted";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case VERSION_MISMATCH -> "The row changed since it was read";
            case VERSION_REQUIRED -> "If-Match required";
            case UNAVAILABLE -> "Temporarily unavailable";
        };
    }

    /** The version that If-Match names; {@code null} for {@code *}. A missing header is refused with 428. */
    static Integer expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new BasedataProblem(Kind.VERSION_REQUIRED, "If-Match", "send If-Match with the ETag of the row as you read it "
                    + "(GET it first), so a change made by someone else in between is not overwritten");
        }
        if (ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher tag = ENTITY_TAG.matcher(ifMatch.split(",")[0]);
        if (!tag.matches()) {
            throw new BasedataProblem(Kind.VERSION_MISMATCH, "If-Match", "If-Match " + ifMatch + " is not an ETag this API "
                    + "gave; GET the row and send its ETag, e.g. If-Match: \"3\"");
        }
        return Integer.parseInt(tag.group(1));
    }

    static EntityTag tag(int version) {
        return new EntityTag(String.valueOf(version));
    }

    static Response row(Response.Status status, ObjectNode body, int version) {
        return Response.status(status).entity(body.toString()).type(MediaType.APPLICATION_JSON_TYPE).tag(tag(version))
                .cacheControl(privateNoCache()).build();
    }

    static <T> Response page(Page<T> page, Function<T, ObjectNode> json, UriInfo uri) {
        return page(page, json, uri, "after");
    }

    /** A page whose {@code next} goes into the query parameter {@code cursorParameter} of the Link to the following page. */
    static <T> Response page(Page<T> page, Function<T, ObjectNode> json, UriInfo uri, String cursorParameter) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode();
        ArrayNode items = body.putArray("items");
        page.items().forEach(item -> items.add(json.apply(item)));
        body.put("next", page.next().orElse(null));
        Response.ResponseBuilder response = Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(privateNoCache());
        page.next().ifPresent(next -> response.link(uri.getRequestUriBuilder().replaceQueryParam(cursorParameter, next).build(), "next"));
        return response.build();
    }

    /** Rows are per caller: no shared cache may keep them, and a private one must ask again. */
    private static CacheControl privateNoCache() {
        CacheControl control = new CacheControl();
        control.setPrivate(true);
        control.setNoCache(true);
        return control;
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= org.educloud.basedata.ListQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BasedataProblem(Kind.INVALID, "limit", "limit '" + text + "' is not a number from 1 to "
                + org.educloud.basedata.ListQuery.MAX_LIMIT);
    }

    static org.educloud.identity.OrgPath under(String text) {
        if (text == null || text.isBlank()) {
            return org.educloud.identity.OrgPath.ROOT;
        }
        try {
            return org.educloud.identity.OrgPath.of(text.strip());
        } catch (IllegalArgumentException e) {
            throw new BasedataProblem(Kind.INVALID, "under", e.getMessage());
        }
    }
}
