package org.educloud.identity.internal;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.educloud.identity.AccountProblem;
import org.educloud.platform.rest.Problem;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * An {@link AccountProblem} thrown by any resource (the identity API, or an app using the
 * {@code AccountDirectory}) as a problem naming the field: bad input 400, no such account 404,
 * a clash such as a taken username 409.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("educloud.problems.account")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
public final class AccountProblemMapper implements ExceptionMapper<AccountProblem> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(AccountProblem problem) {
        return problemOf(problem).at(path()).toResponse();
    }

    static Problem problemOf(AccountProblem problem) {
        return switch (problem.kind()) {
            case INVALID -> Problem.invalidInput(problem.field(), problem.getMessage());
            case NOT_FOUND -> Problem.notFound(problem.field(), problem.getMessage());
            case CONFLICT -> Problem.conflict(problem.field(), problem.getMessage());
        };
    }

    private String path() {
        try {
            return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
        } catch (RuntimeException e) {
            return null; // outside a request
        }
    }
}
