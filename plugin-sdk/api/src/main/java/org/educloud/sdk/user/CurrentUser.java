package org.educloud.sdk.user;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The person (or client app) calling one of the app's REST resources, as the kernel established
 * it from the request's access token. Every request under {@code /apps/{appId}/api/} has one: the
 * kernel answers 401 before the resource runs when the token is missing or invalid.
 *
 * <p>Get it from the JAX-RS security context:
 * <pre>{@code
 * @GET
 * public Greeting greet(@Context SecurityContext security) {
 *     CurrentUser user = CurrentUser.of(security).orElseThrow();
 *     ...
 * }
 * }</pre>
 *
 * <p>Implemented by the kernel; an app only calls it.
 */
@ProviderType
public interface CurrentUser extends Principal {

    /**
     * The current user of a request to the app's API, or empty outside one (a request the kernel
     * did not authenticate, e.g. to a public page).
     */
    static Optional<CurrentUser> of(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof CurrentUser user ? Optional.of(user) : Optional.empty();
    }

    /** A stable id: the account id of a person, the client id of a client app acting for itself. */
    String id();

    /** The person's login name; empty when a client app calls for itself (client credentials). */
    Optional<String> username();

    /** The client app the token was issued to. */
    String clientId();

    /** The OAuth scopes the token carries: what the user let the calling app do. */
    Set<String> scopes();

    /** The roles the user holds, each at an org; empty for a client app acting for itself. */
    List<OrgRole> roles();

    /** True when the token carries {@code scope}. */
    default boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    /** True when the user holds {@code role} at any org, e.g. {@code teacher}. */
    default boolean hasRole(String role) {
        return roles().stream().anyMatch(held -> held.role().equals(role));
    }

    /**
     * True when the user holds {@code role} at {@code orgPath} or at one of its ancestors (a role
     * held at a district covers its schools).
     */
    default boolean hasRoleAt(String role, String orgPath) {
        return roles().stream().anyMatch(held -> held.role().equals(role) && held.covers(orgPath));
    }

    /** The orgs the user holds roles at, in the order of {@link #roles()}, each once. */
    default List<String> orgs() {
        return roles().stream().map(OrgRole::org).distinct().toList();
    }
}
