package org.educloud.identity;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling a REST API, as the kernel's bearer-token filter established it from a valid
 * access token. A resource finds it as the request attribute {@link #ATTRIBUTE}
 * ({@code @Context HttpServletRequest}, or the JAX-RS request property of the same name).
 */
public interface Caller {

    /** The request attribute and JAX-RS request property under which the filter leaves the caller. */
    String ATTRIBUTE = "org.educloud.identity.Caller";

    /** The token's subject: the account id for a person, the client id for a client acting for itself. */
    String subject();

    /** The person's username; empty when a client calls for itself (client credentials). */
    Optional<String> username();

    /** The client the token was issued to. */
    String clientId();

    /** The scopes the token carries. */
    Set<String> scopes();

    /** The roles the caller holds, each at an org. */
    List<RoleGrant> grants();

    /** True when the token carries {@code scope}. */
    default boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    /**
     * True when one of the caller's roles, held at {@code org} or one of its ancestors, grants
     * {@code permission} (Shiro wildcard syntax, e.g. {@code basedata:students:read}).
     */
    boolean isPermitted(String permission, OrgPath org);

    /**
     * The orgs whose subtrees {@code permission} holds in, for narrowing a list to what the
     * caller may see; empty when it holds nowhere, {@link OrgPath#ROOT} when everywhere.
     */
    List<OrgPath> scopeOf(String permission);
}
