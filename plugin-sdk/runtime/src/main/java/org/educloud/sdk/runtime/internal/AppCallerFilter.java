package org.educloud.sdk.runtime.internal;

import java.security.Principal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.SecurityContext;

import org.educloud.identity.Caller;
import org.educloud.sdk.user.CurrentUser;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * Hands an app's resources the SDK's {@link CurrentUser}: on requests under {@code /apps/}, after
 * the kernel's bearer-token filter has put the {@link Caller} on the request, the security
 * context's principal becomes the caller seen through SDK types ({@link CurrentUser#of}).
 * Kernel APIs keep the identity bundle's own principal.
 */
@Component(service = ContainerRequestFilter.class)
@JaxrsExtension
@JaxrsName("educloud.sdk.current-user")
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
// after authentication (which establishes the Caller), before authorization
@Priority(Priorities.AUTHENTICATION + 100)
public final class AppCallerFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getProperty(Caller.ATTRIBUTE) instanceof Caller caller) || !isAppPath(request.getUriInfo().getRequestUri().normalize().getPath())) {
            return;
        }
        request.setSecurityContext(new UserContext(new CallerUser(caller), request.getSecurityContext()));
    }

    /** True for paths of apps ({@code /apps/...}: the request's whole path, since an app's application is based below the root). */
    static boolean isAppPath(String path) {
        String relative = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return relative.startsWith("apps/");
    }

    /** The kernel's security context with the app's view of the caller as principal. */
    private record UserContext(CurrentUser user, SecurityContext kernel) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return user;
        }

        @Override
        public boolean isUserInRole(String role) {
            return user.hasRole(role) || user.roles().stream().anyMatch(held -> held.toString().equals(role));
        }

        @Override
        public boolean isSecure() {
            return kernel != null && kernel.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
