package org.educloud.workflow.internal;

import java.net.URI;

import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import org.educloud.identity.Caller;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.ProblemException;
import org.educloud.workflow.Actor;

/** What the workflow and messages APIs share: who calls, the {@code limit} and cursor parameters, the next-page link. */
final class RestCalls {

    /** The filter's name: these APIs are never served without it. */
    static final String BEARER_FILTER = "(osgi.jaxrs.name=educloud.bearer-token)";
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private RestCalls() {
    }

    /** The filter put the caller there; without it (no filter) nothing here may run. */
    static Caller caller(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new ProblemException(Problem.of(401, "token-required", "Access token required",
                "This API needs an access token: send Authorization: Bearer <token>."));
    }

    static Actor actor(Caller caller, HttpServletRequest request) {
        String address;
        try {
            address = request == null ? null : request.getRemoteAddr();
        } catch (RuntimeException e) {
            address = null; // no servlet request behind this call
        }
        return Actor.of(caller, address);
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.invalidInput("limit", "limit '" + text + "' is not valid: give a whole number from 1 to "
                + MAX_LIMIT + " (default " + DEFAULT_LIMIT + ")"));
    }

    /** A cursor or id parameter: a positive whole number, or 0 when absent. */
    static long number(String text, String field, String what) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(Problem.invalidInput(field, field + " '" + text + "' is not valid: give " + what));
    }

    /** The next page's path and query with {@code cursorParameter} set, or {@code null} on the last page. */
    static String next(UriInfo uri, String cursorParameter, Long cursor, int limit) {
        if (cursor == null || uri == null) {
            return null;
        }
        URI next = uri.getRequestUriBuilder().replaceQueryParam(cursorParameter, cursor).replaceQueryParam("limit", limit).build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }

    /** 200 with the page, and a {@code Link: <next>; rel="next"} header when there is a next page. */
    static Response page(Object body, String next, UriInfo uri) {
        Response.ResponseBuilder response = Response.ok(body);
        if (next != null && uri != null) {
            response.link(uri.getBaseUriBuilder().replacePath(null).build().resolve(next), "next");
        }
        return response.build();
    }
}
