package org.educloud.sample.notices;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/** A request the noticeboard refuses, answered as RFC 9457 problem details saying what to change. */
final class Refusal extends WebApplicationException {

    private static final long serialVersionUID = 1L;

    private Refusal(Response.Status status, String field, String detail) {
        super(detail, Response.status(status).type("application/problem+json").entity(problem(status, field, detail)).build());
    }

    static Refusal invalid(String field, String detail) {
        return new Refusal(Response.Status.BAD_REQUEST, field, detail);
    }

    static Refusal forbidden(String detail) {
        return new Refusal(Response.Status.FORBIDDEN, null, detail);
    }

    static Refusal notFound(String field, String detail) {
        return new Refusal(Response.Status.NOT_FOUND, field, detail);
    }

    private static Map<String, Object> problem(Response.Status status, String field, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.getStatusCode());
        problem.put("detail", detail);
        if (field != null) {
            problem.put("field", field);
        }
        return problem;
    }
}
