package org.educloud.platform.rest;

import java.util.List;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

/**
 * Turns every {@link WebApplicationException} into a problem body: a {@link ProblemException}'s own
 * problem, otherwise one for its status with a detail that says what to do (a 404 names the path,
 * a 405 the allowed methods). Headers the exception's response carried, such as
 * {@code WWW-Authenticate} or {@code Allow}, are kept.
 */
public class ProblemMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private UriInfo uriInfo;

    public ProblemMapper() {
    }

    /** For use outside a JAX-RS runtime (tests): the request path comes from {@code uriInfo}. */
    public ProblemMapper(UriInfo uriInfo) {
        this.uriInfo = uriInfo;
    }

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status < 400) {
            // A redirect or success thrown as an exception is an answer, not a problem.
            return original;
        }
        Problem problem = exception instanceof ProblemException known ? known.problem() : describe(status, exception, original);
        if (problem.instance() == null) {
            problem = problem.at(RequestPath.of(uriInfo));
        }
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .header("Cache-Control", "no-store").entity(problem.toJson());
        if (original != null) {
            for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
                if (!isContentHeader(header.getKey())) {
                    header.getValue().forEach(value -> response.header(header.getKey(), value));
                }
            }
        }
        return response.build();
    }

    private Problem describe(int status, WebApplicationException exception, Response original) {
        String path = RequestPath.of(uriInfo);
        String detail = switch (status) {
            case 400 -> "The request could not be read" + cause(exception) + ": check its parameters and body against the API reference.";
            case 401 -> "This needs a valid access token: send Authorization: Bearer <token>.";
            case 403 -> "You may not do this.";
            case 404 -> "Nothing is at " + (path == null ? "this path" : path) + ": check the URL against the API reference.";
            case 405 -> "This path does not take that method" + allowed(original.getHeaders()) + ".";
            case 406 -> "This path cannot answer in the media type the Accept header asks for: accept application/json.";
            case 415 -> "This path does not take a body of that Content-Type: send application/json.";
            default -> status >= 500 ? "The server could not answer this request; try again later."
                    : "The request was refused (" + Problem.reason(status) + ").";
        };
        return Problem.ofStatus(status, detail);
    }

    private static String cause(WebApplicationException exception) {
        Throwable cause = exception.getCause();
        if (cause == null || cause.getMessage() == null) {
            return "";
        }
        String line = cause.getMessage().lines().findFirst().orElse("");
        return " (" + (line.length() > 200 ? line.substring(0, 200) + "…" : line) + ")";
    }

    private static String allowed(MultivaluedMap<String, Object> headers) {
        List<Object> allow = headers.get("Allow");
        return allow == null || allow.isEmpty() ? "" : "; it allows " + String.join(", ", allow.stream().map(String::valueOf).toList());
    }

    private static boolean isContentHeader(String name) {
        return name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) || name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)
                || name.equalsIgnoreCase("Cache-Control");
    }
}
