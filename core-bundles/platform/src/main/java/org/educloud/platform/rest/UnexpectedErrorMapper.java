package org.educloud.platform.rest;

import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort: any exception no closer mapper took becomes a 500 problem. The stack trace goes
 * to the log under a random incident id, and only that id goes to the client, so nothing about
 * the kernel's insides leaks while the operator can still find the cause.
 */
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Context
    private UriInfo uriInfo;

    public UnexpectedErrorMapper() {
    }

    /** For use outside a JAX-RS runtime (tests): the request path comes from {@code uriInfo}. */
    public UnexpectedErrorMapper(UriInfo uriInfo) {
        this.uriInfo = uriInfo;
    }

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof WebApplicationException web) {
            return new ProblemMapper(uriInfo).toResponse(web);
        }
        String incident = UUID.randomUUID().toString();
        String path = RequestPath.of(uriInfo);
        LOG.error("Incident {}: {} failed", incident, path, exception);
        return Problem.of(500, "internal-error", "Internal error", "The server failed to answer this request. It was logged "
                + "as incident " + incident + "; try again, and if it keeps failing, give the operator that incident id.")
                .at(path).toResponse();
    }
}
