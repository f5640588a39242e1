package org.educloud.platform.rest;

import javax.ws.rs.core.UriInfo;

/** The path a request asked for, as a problem's {@code instance}. */
final class RequestPath {

    private RequestPath() {
    }

    static String of(UriInfo uriInfo) {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            // No request on this thread (a mapper used outside one): the problem simply has no instance.
            return null;
        }
    }
}
