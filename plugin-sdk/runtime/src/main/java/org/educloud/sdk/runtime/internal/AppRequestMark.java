package org.educloud.sdk.runtime.internal;

import javax.annotation.Priority;
import javax.servlet.ServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

import org.educloud.sdk.app.AppDescriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Marks every request that reached an app's JAX-RS application, before any resource is matched,
 * so that {@link AppRebuildHold} can tell a 404 the app gave (marked) from the 404 CXF gives while
 * the application has no server (unmarked). In a servlet container a request context's properties
 * are the servlet request's attributes.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("educloud.sdk.app-request-mark")
@JaxrsApplicationSelect("(" + AppDescriptor.APPLICATION_PROPERTY + "=*)")
@PreMatching
// before any other filter, so that whatever a filter answers (a 404 included) counts as the app's answer
@Priority(0)
public final class AppRequestMark implements ContainerRequestFilter {

    /** The request attribute set on requests that reached an app's application. */
    static final String ATTRIBUTE = "org.educloud.sdk.runtime.reachedApplication";

    /** True when the request reached an app's application (whatever it answered). */
    static boolean reached(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) != null;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ATTRIBUTE, Boolean.TRUE);
    }
}
