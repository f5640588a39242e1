package org.educloud.sdk.runtime.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.educloud.platform.rest.Problem;
import org.educloud.sdk.app.NotGrantedException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * An SDK refusal an app's resource lets through becomes 403 problem details with the refusal's
 * reason, so an app need not map it itself.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName("educloud.sdk.not-granted")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
public final class NotGrantedMapper implements ExceptionMapper<NotGrantedException> {

    @Override
    public Response toResponse(NotGrantedException refused) {
        return Problem.forbidden(refused.getMessage()).toResponse();
    }
}
