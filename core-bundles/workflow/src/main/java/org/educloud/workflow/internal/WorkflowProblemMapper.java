package org.educloud.workflow.internal;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import org.educloud.platform.rest.Problem;
import org.educloud.workflow.WorkflowProblem;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * A {@link WorkflowProblem} thrown by any resource (the workflow and messages APIs, or an app using
 * {@code Workflows} or {@code Messages}) as an RFC 9457 problem naming the field: bad input 400,
 * the wrong actor 403 (the detail says who may act), no such case or message 404, a decision
 * someone else made first 409.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("educloud.problems.workflow")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
public final class WorkflowProblemMapper implements ExceptionMapper<WorkflowProblem> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(WorkflowProblem problem) {
        return problemOf(problem).at(path()).toResponse();
    }

    static Problem problemOf(WorkflowProblem problem) {
        return switch (problem.kind()) {
            case INVALID -> Problem.invalidInput(problem.field(), problem.getMessage());
            case FORBIDDEN -> Problem.forbidden(problem.getMessage()).withField(problem.field());
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
