package org.educloud.platform.internal;

import javax.ws.rs.ext.ExceptionMapper;

import org.educloud.platform.rest.JsonProblemMapper;
import org.educloud.platform.rest.ProblemMapper;
import org.educloud.platform.rest.UnexpectedErrorMapper;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The problem-details mappers on the JAX-RS whiteboard, for every application (kernel and apps),
 * so every REST error of the platform has the same RFC 9457 shape.
 */
final class ProblemMappers {

    /** Applies an extension to every application on the whiteboard, the default one included. */
    static final String ALL_APPLICATIONS = "(osgi.jaxrs.name=*)";

    private ProblemMappers() {
    }

    /** {@link javax.ws.rs.WebApplicationException}s (404, 405, 415, …) as problems. */
    @Component(service = ExceptionMapper.class)
    @JaxrsExtension
    @JaxrsName("educloud.problems.web")
    @JaxrsApplicationSelect(ALL_APPLICATIONS)
    public static final class Web extends ProblemMapper {
    }

    /** Unreadable JSON bodies as 400 problems. */
    @Component(service = ExceptionMapper.class)
    @JaxrsExtension
    @JaxrsName("educloud.problems.json")
    @JaxrsApplicationSelect(ALL_APPLICATIONS)
    public static final class Json extends JsonProblemMapper {
    }

    /** Everything else as a 500 problem with an incident id. */
    @Component(service = ExceptionMapper.class)
    @JaxrsExtension
    @JaxrsName("educloud.problems.unexpected")
    @JaxrsApplicationSelect(ALL_APPLICATIONS)
    public static final class Unexpected extends UnexpectedErrorMapper {
    }
}
