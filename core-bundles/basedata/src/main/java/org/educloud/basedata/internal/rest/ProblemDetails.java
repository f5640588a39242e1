package org.educloud.basedata.internal.rest;

import javax.ws.rs.core.Response;

import org.educloud.basedata.BasedataProblem;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Errors as RFC 9457 problem details ({@code application/problem+json}): type, title, status, a
 * detail that says what is wrong and how to fix it, and the field at fault. Kept to this one class
 * so that it can give way to the platform's shared problem-details mapper once that exists.
 */
final class ProblemDetails {

    static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDetails() {
    }

    static Response of(BasedataProblem problem, String instance) {
        String slug = problem.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        Response.ResponseBuilder response = Response.status(problem.kind().status())
                .entity(body(slug, title(problem.kind()), problem.kind().status(), problem.getMessage(), problem.field(), instance))
                .type(MEDIA_TYPE);
        if (problem.kind() == BasedataProblem.Kind.UNAUTHENTICATED) {
            response.header("WWW-Authenticate", "Bearer realm=\"educloud\"");
        }
        return response.build();
    }

    static String body(String slug, String title, int status, String detail, String field, String instance) {
        ObjectNode body = JsonBody.MAPPER.createObjectNode();
        body.put("type", "urn:educloud:problem:" + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (field != null && !field.isEmpty()) {
            body.put("field", field);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        return body.toString();
    }

    private static String title(BasedataProblem.Kind kind) {
        return switch (kind) {
            case INVALID -> "The request is not valid";
            case UNAUTHENTICATED -> "Authentication required";
            case FORBIDDEN -> "Not permitted";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflicts with stored data";
            case VERSION_MISMATCH -> "The row changed since it was read";
            case VERSION_REQUIRED -> "If-Match required";
            case UNAVAILABLE -> "Temporarily unavailable";
        };
    }
}
