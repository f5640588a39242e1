package org.educloud.platform.rest;

import java.util.Objects;

import javax.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail: what went wrong with a request, in a body every client can read.
 * {@code detail} says what is wrong and how to fix it; {@code field} (an extension member) names
 * the input at fault, when there is one.
 *
 * @param type     a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title    a short summary of the kind of problem, the same for every occurrence
 * @param status   the HTTP status code
 * @param detail   this occurrence: what is wrong and how to fix it
 * @param instance the request path it happened at, or {@code null}
 * @param field    the request input at fault (a JSON member, query or path parameter), or {@code null}
 */
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** The prefix of the kernel's problem type URIs; the rest is a short name such as {@code invalid-input}. */
    public static final String TYPE_PREFIX = "urn:educloud:problem:";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem's status must be an error status (4xx or 5xx), not " + status);
        }
    }

    /** A problem of a kind the kernel names: {@code type} is {@link #TYPE_PREFIX} followed by {@code name}. */
    public static Problem of(int status, String name, String title, String detail) {
        return new Problem(TYPE_PREFIX + name, title, status, detail, null, null);
    }

    /** A problem the status alone describes ({@code about:blank}, the status's reason phrase as title). */
    public static Problem ofStatus(int status, String detail) {
        return new Problem("about:blank", reason(status), status, detail, null, null);
    }

    /** 400: {@code field} is missing or wrong; {@code detail} says how to write it. */
    public static Problem invalidInput(String field, String detail) {
        return of(400, "invalid-input", "Invalid input", detail).withField(field);
    }

    /** 403: the caller is who they say, but may not do this (here). */
    public static Problem forbidden(String detail) {
        return of(403, "forbidden", "Not permitted", detail);
    }

    /** 404: the thing asked for does not exist. */
    public static Problem notFound(String field, String detail) {
        return of(404, "not-found", "Not found", detail).withField(field);
    }

    /** 409: the request clashes with what exists, e.g. a name already taken. */
    public static Problem conflict(String field, String detail) {
        return of(409, "conflict", "Conflict", detail).withField(field);
    }

    /** The same problem at the request path {@code path}. */
    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, field);
    }

    /** The same problem naming the input at fault ({@code null} or blank for none). */
    public Problem withField(String name) {
        return new Problem(type, title, status, detail, instance, name == null || name.isBlank() ? null : name);
    }

    /** The body, as {@code application/problem+json}; members that are {@code null} are left out. */
    public String toJson() {
        StringBuilder json = new StringBuilder(128 + detail.length()).append('{');
        member(json, "type", type).append(',');
        member(json, "title", title).append(",\"status\":").append(status).append(',');
        member(json, "detail", detail);
        if (instance != null) {
            member(json.append(','), "instance", instance);
        }
        if (field != null) {
            member(json.append(','), "field", field);
        }
        return json.append('}').toString();
    }

    /** A response carrying this problem with its status and media type, never cached. */
    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).header("Cache-Control", "no-store").entity(toJson()).build();
    }

    /** The reason phrase of an HTTP status, or a generic one for codes JAX-RS does not name. */
    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return status >= 500 ? "Server error" : "Client error";
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
