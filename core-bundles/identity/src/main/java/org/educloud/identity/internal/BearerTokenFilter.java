package org.educloud.identity.internal;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import javax.annotation.Priority;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.apache.shiro.subject.support.SubjectThreadState;
import org.apache.shiro.util.ThreadState;
import org.apache.shiro.util.ThreadContext;
import org.educloud.identity.Caller;
import org.educloud.identity.RequiresScope;
import org.educloud.platform.rest.Problem;
import org.educloud.platform.rest.PublicEndpoint;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

/**
 * The one bearer-token check for every REST API of the kernel and its apps (a JAX-RS whiteboard
 * extension applied to every application). A request to a path under {@code /api/} or
 * {@code /apps/{appId}/api/} (see {@link ProtectedPaths}), or to any method that names
 * {@link RequiresScope}, needs a valid access token unless its resource method or class is marked
 * {@link PublicEndpoint}; the annotation (rather than a list of public paths here) keeps the decision
 * beside the code it is about and tied to the method JAX-RS actually matched.
 *
 * <p>Without a token the answer is 401 with {@code WWW-Authenticate: Bearer realm="educloud"} (RFC
 * 6750 §3.1: no error code when no credentials were sent); with a bad one, 401 {@code invalid_token}
 * and a description of what is wrong; without a required scope, 403 {@code insufficient_scope}. Each
 * comes with an RFC 9457 problem body. With a valid token the request carries the {@link Caller}
 * (property and servlet attribute {@link Caller#ATTRIBUTE}, and the {@code SecurityContext}
 * principal), and its Shiro subject is bound to the thread until the response is written.
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JaxrsExtension
@JaxrsName(BearerTokenFilter.NAME)
@JaxrsApplicationSelect("(osgi.jaxrs.name=*)")
@Priority(Priorities.AUTHENTICATION)
public final class BearerTokenFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The extension's name: a resource that must never be served without it selects {@code (osgi.jaxrs.name=educloud.bearer-token)}. */
    static final String NAME = "educloud.bearer-token";
    static final String REALM = "educloud";
    private static final String THREAD_STATE = BearerTokenFilter.class.getName() + ".threadState";
    private static final String HOW_TO_GET_ONE = "get one from the token endpoint named in /.well-known/openid-configuration "
            + "(or log in through the portal) and send it as Authorization: Bearer <token>";

    private final AccessControl access;
    @Context
    private ResourceInfo resource;
    @Context
    private HttpServletRequest servletRequest;

    @Activate
    public BearerTokenFilter(@Reference(name = "access") AccessControl access) {
        this.access = access;
    }

    /** Outside a JAX-RS runtime (tests), with what the runtime would inject. */
    BearerTokenFilter(AccessControl access, ResourceInfo resource, HttpServletRequest servletRequest) {
        this.access = access;
        this.resource = resource;
        this.servletRequest = servletRequest;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        // A pooled thread may still hold a subject if an earlier request ended without its response filter.
        ThreadContext.remove();
        Method method = resource == null ? null : resource.getResourceMethod();
        Class<?> type = resource == null ? null : resource.getResourceClass();
        if (annotated(PublicEndpoint.class, method, type)) {
            return;
        }
        RequiresScope required = scopeAnnotation(method, type);
        List<String> scopes = required == null ? List.of() : List.of(required.value());
        List<String> alternatives = required == null ? List.of() : List.of(required.anyOf());
        String path = request.getUriInfo().getRequestUri().getPath();
        if (required == null && !ProtectedPaths.needsToken(path)) {
            return;
        }
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(withChallenge(Problem.of(401, "token-required", "Access token required",
                    "This API needs an access token: " + HOW_TO_GET_ONE + ".").at(rawPath(request)), "Bearer realm=\"" + REALM + "\""));
            return;
        }
        TokenCaller caller;
        try {
            caller = access.authenticate(token, address());
        } catch (InvalidTokenException e) {
            request.abortWith(withChallenge(Problem.of(401, "invalid-token", "Invalid access token",
                    "The access token was refused: " + e.getMessage() + ".").at(rawPath(request)),
                    "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + quotable(e.getMessage()) + "\""));
            return;
        } catch (TokenRevocations.TokenCheckUnavailable e) {
            request.abortWith(Response.fromResponse(Problem.of(503, "token-check-unavailable", "Token check unavailable",
                    "The access token cannot be checked right now because the identity database does not answer; "
                    + "try again in a few seconds.").at(rawPath(request)).toResponse()).header("Retry-After", "5").build());
            return;
        }
        List<String> missing = new java.util.ArrayList<>(scopes.stream().filter(scope -> !caller.hasScope(scope)).toList());
        if (!alternatives.isEmpty() && alternatives.stream().noneMatch(caller::hasScope)) {
            // Any one of the alternatives would do; name them all so the client can pick.
            missing.add(String.join(" or ", alternatives));
            scopes = java.util.stream.Stream.concat(scopes.stream(), alternatives.stream()).toList();
        }
        if (!missing.isEmpty()) {
            String needed = String.join(" ", scopes);
            request.abortWith(withChallenge(Problem.of(403, "insufficient-scope", "Insufficient scope",
                    "This API needs the scope" + (scopes.size() > 1 ? "s " : " ") + needed + " but the access token lacks "
                    + String.join(" ", missing) + ": ask for " + (missing.size() > 1 ? "them" : "it")
                    + " in the scope parameter when you get the token (the client must be allowed to request "
                    + (missing.size() > 1 ? "them" : "it") + ").").at(rawPath(request)),
                    "Bearer realm=\"" + REALM + "\", error=\"insufficient_scope\", error_description=\"the token lacks the scope "
                    + quotable(String.join(" ", missing)) + "\", scope=\"" + quotable(needed) + "\""));
            return;
        }
        request.setProperty(Caller.ATTRIBUTE, caller);
        if (servletRequest != null) {
            servletRequest.setAttribute(Caller.ATTRIBUTE, caller);
        }
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new CallerSecurityContext(caller, secure));
        ThreadState state = new SubjectThreadState(caller.shiroSubject());
        state.bind();
        request.setProperty(THREAD_STATE, state);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(THREAD_STATE) instanceof ThreadState state) {
            state.clear();
            request.removeProperty(THREAD_STATE);
        }
    }

    /** The token of an {@code Authorization: Bearer} header (scheme case-insensitive), or {@code null}. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 7 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static boolean annotated(Class<? extends java.lang.annotation.Annotation> annotation, AnnotatedElement... elements) {
        return Arrays.stream(elements).anyMatch(element -> element != null && element.isAnnotationPresent(annotation));
    }

    private static RequiresScope scopeAnnotation(Method method, Class<?> type) {
        return method != null && method.isAnnotationPresent(RequiresScope.class) ? method.getAnnotation(RequiresScope.class)
                : type != null ? type.getAnnotation(RequiresScope.class) : null;
    }

    private String address() {
        try {
            return servletRequest == null ? null : servletRequest.getRemoteAddr();
        } catch (RuntimeException e) {
            return null; // no servlet request behind this call (a test, or a runtime without one)
        }
    }

    private static String rawPath(ContainerRequestContext request) {
        return request.getUriInfo().getRequestUri().getRawPath();
    }

    private static Response withChallenge(Problem problem, String challenge) {
        return Response.fromResponse(problem.toResponse()).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }

    /** RFC 6750 allows only printable ASCII without {@code "} and {@code \} inside the quoted values. */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c <= 0x7e && c != '"' && c != '\\' ? c : '\'');
        }
        return out.toString();
    }
}
